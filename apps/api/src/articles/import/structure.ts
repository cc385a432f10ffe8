import type { Block, BlockType, Mark, MarkType } from '@corroborate/contracts';

/**
 * Turns a parsed HTML tree into the canonical text and, beside it, the document's structure as
 * ranges over that text. Block boundaries become line breaks (a blank line between blocks, one
 * line per list item and table row, a tab between cells) that lie outside every block, and so
 * do list markers (`• `, `1. `): the text reads well on its own, and a reader that draws the
 * blocks shows exactly the text inside them, so selections map back to the same offsets.
 *
 * One linear pass; the caller has already refused trees nested deeper than MAX_NESTING,
 * measured on the tree walked (`documentDepth`), which bounds the recursion.
 */

/** How the walk reads a tree: parse5's and the DOM's (linkedom, browsers) differ. */
export interface TreeReader<N> {
  /** The text of a text node, or null for any other node. */
  text(node: N): string | null;
  /** An element's tag name in lower case, or null for any other node. */
  tag(node: N): string | null;
  children(node: N): Iterable<N>;
  attr(node: N, name: string): string | null;
}

export interface Structured {
  text: string;
  blocks: Block[];
  marks: Mark[];
}

/** Elements dropped with everything inside them: code, styling, embedded and form content. */
const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'head', 'title',
  'textarea', 'select', 'option', 'button', 'img', 'picture', 'video', 'audio', 'canvas', 'input', 'map', 'dialog',
]);

const LEAVES: Record<string, BlockType> = {
  h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading',
  p: 'paragraph',
  pre: 'preformatted',
};

/** Block-level elements that only separate what they hold (a blank line, or a line break). */
const SEPARATING: Record<string, 1 | 2> = {
  div: 2, section: 2, article: 2, header: 2, footer: 2, main: 2, aside: 2, nav: 2, figure: 2, figcaption: 1,
  address: 2, details: 2, summary: 1, dl: 2, dt: 1, dd: 1, form: 2, fieldset: 2, center: 2, hgroup: 2, legend: 1,
  caption: 1, body: 2, html: 2,
};

const MARKS: Record<string, MarkType> = {
  a: 'link', em: 'emphasis', i: 'emphasis', cite: 'emphasis', strong: 'strong', b: 'strong',
  code: 'code', kbd: 'code', samp: 'code', tt: 'code',
};

/** Link targets kept: the web and e-mail. Anything else (javascript:, data:, relative without a base) loses its link, not its text. */
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

export function safeLink(href: string | null | undefined, base?: string): string | null {
  if (!href?.trim()) return null;
  try {
    const url = new URL(href.trim(), base);
    return LINK_SCHEMES.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** What JavaScript's \s matches. */
function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

const allSpace = (s: string) => {
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
};

interface Range {
  start: number;
  end: number;
  closed: boolean;
}
type OpenBlock = Block & Range;
type OpenMark = Mark & Range;

interface ListState {
  ordered: boolean;
  next: number;
}

class Builder {
  private readonly parts: string[] = [];
  private length = 0;
  /** End of the last character of content (separators excluded). */
  private contentEnd = 0;
  private newlines = 0;
  private tabs = 0;
  private space = false;
  private marker = '';
  /** Ranges opened that have no character yet: they start at the next one written. */
  private unstarted: Range[] = [];
  readonly blocks: OpenBlock[] = [];
  readonly marks: OpenMark[] = [];
  /** Open explicit leaves (a heading, paragraph or preformatted block) and preformatted depth. */
  leafDepth = 0;
  preDepth = 0;
  /** A paragraph opened for text that sits directly in a container (or in no block at all). */
  private implicit: OpenBlock | null = null;
  readonly lists: ListState[] = [];
  cellIndex = 0;

  /** Asks for at least `n` line breaks before the next text. */
  separate(n: 1 | 2) {
    if (n > this.newlines) this.newlines = n;
  }

  /** A forced line break (`<br>`). */
  lineBreak() {
    if (this.preDepth > 0) return this.write('\n');
    this.newlines = Math.min(2, this.newlines + 1);
  }

  cellSeparator() {
    this.tabs += 1;
  }

  resetTabs() {
    this.tabs = 0;
  }

  setMarker(marker: string) {
    this.marker = marker;
  }

  clearMarker() {
    this.marker = '';
  }

  softSpace() {
    this.space = true;
  }

  /** Text of an element outside `pre`: runs of HTML whitespace collapse to one space. */
  collapsed(value: string) {
    const words = value.split(/[\t\n\f\r ]+/);
    const content = words.filter((w) => w !== '').join(' ');
    if (!content || allSpace(content)) {
      if (value) this.space = true;
      return;
    }
    if (words[0] === '') this.space = true;
    this.write(content);
    if (words.at(-1) === '') this.space = true;
  }

  /** Puts down pending separators, then `content`; the ranges waiting for a first character start here. */
  write(content: string) {
    if (this.leafDepth === 0 && !this.implicit) this.implicit = this.openBlock({ type: 'paragraph' });
    if (this.length > 0) {
      let lead = '\n'.repeat(this.newlines) + '\t'.repeat(this.tabs);
      if (!lead && this.space) lead = ' ';
      this.push(lead);
    }
    this.push(this.marker);
    this.newlines = 0;
    this.tabs = 0;
    this.space = false;
    this.marker = '';
    for (const range of this.unstarted) if (!range.closed) range.start = this.length;
    this.unstarted = [];
    this.push(content);
    this.contentEnd = this.length;
  }

  private push(s: string) {
    if (!s) return;
    this.parts.push(s);
    this.length += s.length;
  }

  openBlock(fields: Omit<Block, 'start' | 'end'>): OpenBlock {
    const block: OpenBlock = { ...fields, start: -1, end: -1, closed: false };
    this.blocks.push(block);
    this.unstarted.push(block);
    return block;
  }

  openMark(fields: Omit<Mark, 'start' | 'end'>): OpenMark {
    const mark: OpenMark = { ...fields, start: -1, end: -1, closed: false };
    this.marks.push(mark);
    this.unstarted.push(mark);
    return mark;
  }

  close(range: Range) {
    range.closed = true;
    if (range.start >= 0) range.end = this.contentEnd;
  }

  /** Any block boundary ends the implicit paragraph. */
  closeImplicit() {
    if (!this.implicit) return;
    this.close(this.implicit);
    this.implicit = null;
  }

  result(): Structured {
    this.closeImplicit();
    const kept = <T extends Range>(ranges: T[]) =>
      ranges
        .filter((r) => r.start >= 0 && r.end > r.start)
        .map(({ start, end, closed: _closed, ...rest }) => ({ ...rest, start, end }));
    return { text: this.parts.join(''), blocks: kept(this.blocks) as Block[], marks: kept(this.marks) as Mark[] };
  }
}

interface Walk<N> {
  b: Builder;
  tree: TreeReader<N>;
  /** Resolves relative links. */
  base: string | undefined;
}

/** Walks what `root` holds (a body element, say) into canonical text and structure. `base` resolves relative links. */
export function structureOf<N>(root: N, tree: TreeReader<N>, base?: string): Structured {
  const w: Walk<N> = { b: new Builder(), tree, base };
  walkChildren(w, root);
  return w.b.result();
}

function walkChildren<N>(w: Walk<N>, node: N) {
  for (const child of w.tree.children(node)) walk(w, child);
}

function walk<N>(w: Walk<N>, node: N) {
  const { b, tree } = w;
  const value = tree.text(node);
  if (value !== null) {
    if (b.preDepth > 0) {
      if (value) b.write(value);
    } else b.collapsed(value);
    return;
  }
  const tag = tree.tag(node);
  if (!tag || SKIPPED.has(tag)) return;
  if (tag === 'br') return b.lineBreak();
  if (tag === 'hr') {
    if (b.leafDepth > 0) return b.lineBreak();
    b.closeImplicit();
    return b.separate(2);
  }

  const markType = MARKS[tag];
  if (markType) return walkMark(w, node, markType);

  const leaf = LEAVES[tag];
  const container = tag === 'blockquote' || tag === 'ul' || tag === 'ol' || tag === 'li' || tag === 'table' || tag === 'tr' || tag === 'td' || tag === 'th';
  const separating = SEPARATING[tag];
  // Inside a heading or paragraph, a block in the markup (rare, but parsers allow some) is a line of it.
  if (b.leafDepth > 0 && (leaf || container || separating)) {
    b.lineBreak();
    walkChildren(w, node);
    return b.lineBreak();
  }
  if (leaf) return walkLeaf(w, node, tag, leaf);
  if (container) return walkContainer(w, node, tag);
  if (separating) {
    b.closeImplicit();
    b.separate(separating);
    walkChildren(w, node);
    b.closeImplicit();
    return b.separate(separating);
  }
  // Inline and unknown elements: their text flows on.
  walkChildren(w, node);
}

function walkMark<N>(w: Walk<N>, node: N, type: MarkType) {
  const { b } = w;
  let mark: ReturnType<Builder['openMark']> | null = null;
  if (type === 'link') {
    const href = safeLink(w.tree.attr(node, 'href'), w.base);
    if (href) mark = b.openMark({ type, href });
  } else if (!(type === 'code' && b.preDepth > 0)) {
    mark = b.openMark({ type });
  }
  walkChildren(w, node);
  if (mark) b.close(mark);
}

function walkLeaf<N>(w: Walk<N>, node: N, tag: string, type: BlockType) {
  const { b } = w;
  b.closeImplicit();
  b.separate(2);
  const block = b.openBlock(type === 'heading' ? { type, level: Number(tag.slice(1)) } : { type });
  b.leafDepth++;
  if (type === 'preformatted') {
    b.preDepth++;
    walkPreformatted(w, node);
    b.preDepth--;
  } else walkChildren(w, node);
  b.leafDepth--;
  b.close(block);
  b.separate(2);
}

/** Preformatted text keeps its whitespace, less a line break that opens it and whitespace that ends it. */
function walkPreformatted<N>(w: Walk<N>, node: N) {
  const { b, tree } = w;
  const texts: { node: N; value: string }[] = [];
  const collect = (n: N) => {
    for (const child of tree.children(n)) {
      const value = tree.text(child);
      if (value !== null) texts.push({ node: child, value });
      else {
        const tag = tree.tag(child);
        if (tag && !SKIPPED.has(tag)) collect(child);
      }
    }
  };
  collect(node);
  if (!texts.length) return;
  texts[0]!.value = texts[0]!.value.replace(/^\n/, '');
  texts.at(-1)!.value = texts.at(-1)!.value.trimEnd();
  const values = new Map(texts.map((t) => [t.node, t.value]));
  const walkPre = (n: N) => {
    for (const child of tree.children(n)) {
      const value = values.get(child);
      if (value !== undefined) {
        if (value) b.write(value);
        continue;
      }
      const tag = tree.tag(child);
      if (!tag || SKIPPED.has(tag)) continue;
      const type = MARKS[tag];
      if (tag === 'br') b.write('\n');
      else if (type === 'link') {
        const href = safeLink(tree.attr(child, 'href'), w.base);
        const mark = href ? b.openMark({ type, href }) : null;
        walkPre(child);
        if (mark) b.close(mark);
      } else if (type && type !== 'code') {
        const mark = b.openMark({ type });
        walkPre(child);
        b.close(mark);
      } else walkPre(child);
    }
  };
  walkPre(node);
}

function walkContainer<N>(w: Walk<N>, node: N, tag: string) {
  const { b } = w;
  b.closeImplicit();
  let block: ReturnType<Builder['openBlock']>;
  if (tag === 'ul' || tag === 'ol') {
    b.separate(b.lists.length > 0 ? 1 : 2);
    const ordered = tag === 'ol';
    const first = ordered ? Number.parseInt(w.tree.attr(node, 'start') ?? '', 10) : Number.NaN;
    const start = Number.isSafeInteger(first) ? first : 1;
    block = b.openBlock(ordered ? { type: 'list', ordered, first: start } : { type: 'list', ordered });
    b.lists.push({ ordered, next: start });
    walkChildren(w, node);
    b.lists.pop();
    b.closeImplicit();
    b.close(block);
    return b.separate(b.lists.length > 0 ? 1 : 2);
  }
  if (tag === 'li') {
    const list = b.lists.at(-1);
    b.separate(1);
    b.setMarker(list?.ordered ? `${list.next++}. ` : '• ');
    block = b.openBlock({ type: 'listItem' });
    walkChildren(w, node);
    b.closeImplicit();
    b.clearMarker();
    b.close(block);
    return b.separate(1);
  }
  if (tag === 'table') {
    b.separate(2);
    block = b.openBlock({ type: 'table' });
    const outerCell = b.cellIndex;
    walkChildren(w, node);
    b.cellIndex = outerCell;
    b.closeImplicit();
    b.resetTabs();
    b.close(block);
    return b.separate(2);
  }
  if (tag === 'tr') {
    b.resetTabs();
    b.separate(1);
    b.cellIndex = 0;
    block = b.openBlock({ type: 'tableRow' });
    walkChildren(w, node);
    b.closeImplicit();
    b.resetTabs();
    b.close(block);
    return b.separate(1);
  }
  if (tag === 'td' || tag === 'th') {
    if (b.cellIndex++ > 0) b.cellSeparator();
    block = b.openBlock(tag === 'th' ? { type: 'tableCell', header: true } : { type: 'tableCell' });
    walkChildren(w, node);
    b.closeImplicit();
    return b.close(block);
  }
  // blockquote
  b.separate(2);
  block = b.openBlock({ type: 'blockquote' });
  walkChildren(w, node);
  b.closeImplicit();
  b.close(block);
  b.separate(2);
}
