import { QUOTE_CONTEXT, type TextPositionSelector, type TextQuoteSelector } from '@corroborate/contracts';

/** A span of `revision.text` in UTF-16 code units, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** The W3C selector pair the API expects for a span of the text. */
export function spanSelectors(text: string, { start, end }: Span): [TextQuoteSelector, TextPositionSelector] {
  return [
    {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - QUOTE_CONTEXT), start),
      suffix: text.slice(end, end + QUOTE_CONTEXT),
    },
    { type: 'TextPositionSelector', start, end },
  ];
}

/** The span without surrounding whitespace, or null when nothing but whitespace is left. */
export function trimSpan(text: string, { start, end }: Span): Span | null {
  let s = Math.max(0, start);
  let e = Math.min(text.length, end);
  while (s < e && /\s/.test(text[s]!)) s += 1;
  while (e > s && /\s/.test(text[e - 1]!)) e -= 1;
  return e > s ? { start: s, end: e } : null;
}

/** Decorations inside a paragraph that are not article text carry this attribute. */
export const NOT_TEXT_ATTR = 'data-not-text';

function textNodes(paragraph: Element): Text[] {
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
    acceptNode: (node) =>
      node instanceof Element && node.hasAttribute(NOT_TEXT_ATTR) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node instanceof Text) nodes.push(node);
  return nodes;
}

/** Offset into the paragraph's text of a DOM boundary point inside it. */
function offsetInParagraph(paragraph: Element, container: Node, offset: number): number {
  const point = document.createRange();
  point.setStart(container, offset);
  let count = 0;
  for (const node of textNodes(paragraph)) {
    if (node === container) return count + offset;
    // The first text node after the point ends the count.
    if (point.comparePoint(node, 0) > 0) return count;
    count += node.length;
  }
  return count;
}

const paragraphsOf = (root: Element) => [...root.querySelectorAll<HTMLElement>('[data-start][data-end]')];

/**
 * Maps one boundary of a DOM range to an offset in the revision text, using the paragraphs'
 * `data-start`/`data-end`. A boundary outside every paragraph snaps to the nearest paragraph
 * edge in the direction of the selection (`side`).
 */
function boundaryOffset(root: Element, container: Node, offset: number, side: 'start' | 'end'): number | null {
  const element = container instanceof Element ? container : container.parentElement;
  const paragraph = element?.closest<HTMLElement>('[data-start][data-end]');
  if (paragraph && root.contains(paragraph)) {
    return Number(paragraph.dataset.start) + offsetInParagraph(paragraph, container, offset);
  }
  const point = document.createRange();
  point.setStart(container, offset);
  const paragraphs = paragraphsOf(root);
  if (side === 'start') {
    const next = paragraphs.find((p) => point.comparePoint(p, 0) >= 0);
    return next ? Number(next.dataset.start) : null;
  }
  const previous = paragraphs.findLast((p) => point.comparePoint(p, p.childNodes.length) <= 0);
  return previous ? Number(previous.dataset.end) : null;
}

/** The span of the text a DOM range covers, trimmed; null when it covers no article text. */
export function rangeToSpan(root: Element, range: Range, text: string): Span | null {
  if (range.collapsed || !range.intersectsNode(root)) return null;
  const start = boundaryOffset(root, range.startContainer, range.startOffset, 'start');
  const end = boundaryOffset(root, range.endContainer, range.endOffset, 'end');
  if (start === null || end === null || end <= start) return null;
  return trimSpan(text, { start, end });
}

/**
 * The DOM point of a text offset: inside the paragraph that holds it, or at the start of the
 * next one when it falls between paragraphs. Null past the last paragraph.
 */
export function pointAt(root: Element, offset: number): { node: Node; offset: number } | null {
  const paragraph = paragraphsOf(root).find((p) => offset <= Number(p.dataset.end));
  if (!paragraph) return null;
  let rest = Math.max(0, offset - Number(paragraph.dataset.start));
  const nodes = textNodes(paragraph);
  for (const node of nodes) {
    if (rest <= node.length) return { node, offset: rest };
    rest -= node.length;
  }
  const last = nodes.at(-1);
  return last ? { node: last, offset: last.length } : { node: paragraph, offset: 0 };
}
