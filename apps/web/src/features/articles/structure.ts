import type { Block, Mark } from '@corroborate/contracts';
import { safeHref } from '../annotations/linkPolicy';

/** A block with the blocks it holds: the stored list is in document order, a container before its contents. */
export interface BlockNode {
  block: Block;
  children: BlockNode[];
}

const contains = (outer: Block, inner: Block) => outer.start <= inner.start && inner.end <= outer.end;

/** Nests the blocks by their ranges (one pass with a stack: ranges nest or are apart). */
export function blockTree(blocks: readonly Block[]): BlockNode[] {
  const roots: BlockNode[] = [];
  const open: BlockNode[] = [];
  for (const block of blocks) {
    while (open.length && !contains(open.at(-1)!.block, block)) open.pop();
    const node = { block, children: [] };
    (open.at(-1)?.children ?? roots).push(node);
    open.push(node);
  }
  return roots;
}

/** The marks over [start, end), cut to it, outermost first (a longer mark before one it holds). */
export function marksWithin(marks: readonly Mark[], start: number, end: number): Mark[] {
  return marks
    .filter((m) => m.start < end && m.end > start)
    .map((m) => ({ ...m, start: Math.max(m.start, start), end: Math.min(m.end, end) }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
}

export interface CitedSource {
  href: string;
  /** The linked words where the article first cites it. */
  text: string;
}

/** Each link target the article cites, once, in the order it first appears. */
export function citedSources(text: string, marks: readonly Mark[]): CitedSource[] {
  const seen = new Map<string, CitedSource>();
  for (const mark of marks) {
    const href = mark.type === 'link' ? safeHref(mark.href) : null;
    if (href && !seen.has(href)) seen.set(href, { href, text: text.slice(mark.start, mark.end).replace(/\s+/g, ' ').trim() });
  }
  return [...seen.values()];
}
