import { Fragment, memo, useMemo, type ReactNode, type Ref } from 'react';
import type { Block, Mark, Revision } from '@corroborate/contracts';
import { safeHref } from '../../annotations/linkPolicy';
import { blockTree, marksWithin, type BlockNode } from '../structure';
import { CitedSources } from './CitedSources';

interface ArticleTextProps {
  revision: Revision;
  /** Draws a range of the text (highlights, selections); plain text by default. */
  renderRange?: (start: number, end: number) => ReactNode;
  ref?: Ref<HTMLDivElement>;
}

type Draw = (start: number, end: number) => ReactNode;

/** A mark around what it holds; a link opens elsewhere and never reaches into the app. */
function MarkView({ mark, children }: { mark: Mark; children: ReactNode }) {
  if (mark.type === 'emphasis') return <em>{children}</em>;
  if (mark.type === 'strong') return <strong>{children}</strong>;
  if (mark.type === 'code') return <code>{children}</code>;
  const href = safeHref(mark.href);
  if (!href) return <>{children}</>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className="reader-link">
      {children}
    </a>
  );
}

/** [start, end) with its marks (outermost first, nested or apart), each range of text drawn by `draw`. */
function inline(start: number, end: number, marks: Mark[], draw: Draw): ReactNode[] {
  const out: ReactNode[] = [];
  let at = start;
  for (let i = 0; i < marks.length; ) {
    const mark = marks[i]!;
    let j = i + 1;
    while (j < marks.length && marks[j]!.start < mark.end) j++;
    if (mark.start > at) out.push(<Fragment key={`t${at}`}>{draw(at, mark.start)}</Fragment>);
    out.push(
      <MarkView key={`m${mark.start}-${i}`} mark={mark}>
        {inline(mark.start, mark.end, marks.slice(i + 1, j), draw)}
      </MarkView>,
    );
    at = mark.end;
    i = j;
  }
  if (at < end) out.push(<Fragment key={`t${at}`}>{draw(at, end)}</Fragment>);
  return out;
}

/** A block of text: `data-start`/`data-end` tell selections which offsets its text holds. */
function Leaf({ block, marks, draw }: { block: Block; marks: readonly Mark[]; draw: Draw }) {
  const props = { 'data-start': block.start, 'data-end': block.end };
  const content = inline(block.start, block.end, marksWithin(marks, block.start, block.end), draw);
  if (block.type === 'heading') {
    // The article's title is the page's h1: the article's own headings sit one level below it.
    const Heading = `h${Math.min(6, (block.level ?? 1) + 1)}` as 'h2';
    return <Heading {...props} className="reader-heading">{content}</Heading>;
  }
  if (block.type === 'preformatted') return <pre {...props}>{content}</pre>;
  return <p {...props}>{content}</p>;
}

function BlockView({ node, marks, draw }: { node: BlockNode; marks: readonly Mark[]; draw: Draw }): ReactNode {
  const { block, children } = node;
  const inner = (wrap?: (child: BlockNode) => boolean, Wrapper: 'li' | 'td' = 'li') =>
    children.map((child) => {
      const view = <BlockView key={child.block.start + child.block.type} node={child} marks={marks} draw={draw} />;
      // Text the markup left loose in a list or row still needs a list item or cell around it.
      return wrap && wrap(child) ? <Wrapper key={`w${child.block.start}`}>{view}</Wrapper> : view;
    });
  switch (block.type) {
    case 'heading':
    case 'paragraph':
    case 'preformatted':
      return <Leaf block={block} marks={marks} draw={draw} />;
    case 'blockquote':
      return <blockquote>{inner()}</blockquote>;
    case 'list': {
      const loose = (child: BlockNode) => child.block.type !== 'listItem';
      return block.ordered ? <ol start={block.first}>{inner(loose)}</ol> : <ul>{inner(loose)}</ul>;
    }
    case 'listItem':
      return <li>{inner()}</li>;
    case 'table': {
      const rows = children.filter((c) => c.block.type === 'tableRow');
      const other = children.filter((c) => c.block.type !== 'tableRow');
      return (
        <div className="reader-table">
          {other.map((child) => <BlockView key={child.block.start + child.block.type} node={child} marks={marks} draw={draw} />)}
          <table>
            <tbody>{rows.map((row) => <BlockView key={row.block.start} node={row} marks={marks} draw={draw} />)}</tbody>
          </table>
        </div>
      );
    }
    case 'tableRow':
      return <tr>{inner((child) => child.block.type !== 'tableCell', 'td')}</tr>;
    case 'tableCell':
      return block.header ? <th scope="col">{inner()}</th> : <td>{inner()}</td>;
  }
}

/**
 * The article's text. `data-start`/`data-end` on each block of text are offsets into
 * `revision.text` (UTF-16 code units), which is what annotations anchor to; whatever
 * `renderRange` draws must keep exactly that text inside the block. An imported document's
 * structure (headings, lists, quotes, tables, links) is drawn around the same text; plain text
 * is one <p> per paragraph.
 */
export const ArticleText = memo(function ArticleText({ revision, renderRange, ref }: ArticleTextProps) {
  const draw = useMemo<Draw>(() => renderRange ?? ((start, end) => revision.text.slice(start, end)), [renderRange, revision.text]);
  const tree = useMemo(() => blockTree(revision.blocks), [revision.blocks]);
  const paragraphs =
    revision.paragraphs.length > 0 ? revision.paragraphs : [{ start: 0, end: revision.text.length }];

  return (
    <>
      <div ref={ref} className="reader-text" data-testid="article-text" data-revision={revision.number}>
        {tree.length > 0
          ? tree.map((node) => <BlockView key={node.block.start + node.block.type} node={node} marks={revision.marks} draw={draw} />)
          : paragraphs.map(({ start, end }) => (
              <p key={start} data-start={start} data-end={end}>
                {draw(start, end)}
              </p>
            ))}
      </div>
      <CitedSources revision={revision} />
    </>
  );
});
