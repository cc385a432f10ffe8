import { memo, type ReactNode, type Ref } from 'react';
import type { Revision } from '@corroborate/contracts';

interface ArticleTextProps {
  revision: Revision;
  /** Draws a paragraph's text (highlights, selections); plain text by default. */
  renderRange?: (start: number, end: number) => ReactNode;
  ref?: Ref<HTMLDivElement>;
}

/**
 * One <p> per paragraph range. `data-start`/`data-end` are offsets into `revision.text`
 * (UTF-16 code units), which is what annotations anchor to; whatever `renderRange` draws
 * must keep exactly that text inside the paragraph.
 */
export const ArticleText = memo(function ArticleText({ revision, renderRange, ref }: ArticleTextProps) {
  const paragraphs =
    revision.paragraphs.length > 0 ? revision.paragraphs : [{ start: 0, end: revision.text.length }];

  return (
    <div ref={ref} className="reader-text" data-testid="article-text" data-revision={revision.number}>
      {paragraphs.map(({ start, end }) => (
        <p key={start} data-start={start} data-end={end}>
          {renderRange ? renderRange(start, end) : revision.text.slice(start, end)}
        </p>
      ))}
    </div>
  );
});
