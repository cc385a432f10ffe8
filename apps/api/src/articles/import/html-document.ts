import { isProbablyReaderable, Readability } from '@mozilla/readability';
import type { DefaultTreeAdapterMap } from 'parse5' with { 'resolution-mode': 'import' };
import { documentDepth, MAX_NESTING, tooDeep } from './nesting';
import { safeLink, type Structured, structureOf, type TreeReader } from './structure';

/*
 * parse5 is an ES module only, and linkedom's types are declared as one: Node (20.19 and later)
 * requires both natively, but TypeScript's node16 mode would refuse a static import of them.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse, serialize } = require('parse5') as typeof import('parse5', { with: { 'resolution-mode': 'import' } });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseHTML } = require('linkedom') as typeof import('linkedom', { with: { 'resolution-mode': 'import' } });

type P5Node = DefaultTreeAdapterMap['node'];
type P5Document = DefaultTreeAdapterMap['document'];
type P5Element = DefaultTreeAdapterMap['element'];

/** What a page says about itself, each when present. */
export interface PageMetadata {
  title?: string;
  byline?: string;
  siteName?: string;
  /** ISO 8601. */
  publishedAt?: string;
}

export interface HtmlDocument extends Structured {
  metadata: PageMetadata;
  /** Whether Readability picked the main content out of a whole page. */
  extracted: boolean;
}

const isElement = (node: P5Node): node is P5Element => 'tagName' in node;

/** parse5's tree: what the HTML standard's parser builds, as a browser would. */
const parse5Reader: TreeReader<P5Node> = {
  text: (node) => (node.nodeName === '#text' ? (node as DefaultTreeAdapterMap['textNode']).value : null),
  tag: (node) => (isElement(node) ? node.tagName : null),
  children: (node) => ('childNodes' in node ? node.childNodes : []),
  attr: (node, name) => (isElement(node) ? (node.attrs.find((a) => a.name === name)?.value ?? null) : null),
};

/** A DOM (linkedom's, here), read sibling by sibling: linkedom builds `childNodes` anew on each read. */
const domReader: TreeReader<Node> = {
  text: (node) => (node.nodeType === 3 ? (node.nodeValue ?? '') : null),
  tag: (node) => (node.nodeType === 1 ? (node as Element).tagName.toLowerCase() : null),
  *children(node) {
    for (let child = node.firstChild; child; child = child.nextSibling) yield child;
  },
  attr: (node, name) => (node as Element).getAttribute(name),
};

/** parse5's tree as it serialises: a template's children are those of its content. */
const parse5Serialised: Pick<TreeReader<P5Node>, 'children' | 'tag'> = {
  children: (node) => ('content' in node ? node.content.childNodes : parse5Reader.children(node)),
  tag: parse5Reader.tag,
};

/**
 * Parses `html` as a browser would and refuses, for `field`, a tree nested deeper than
 * MAX_NESTING before anything recursive walks it. The tree is measured, not the markup: parse5
 * nests some markup far deeper than it reads (foreign content, the adoption agency's clones).
 */
function parseWithin(html: string, field: string): P5Document {
  const tree = parse(html);
  if (documentDepth<P5Node>(tree, parse5Serialised, MAX_NESTING) > MAX_NESTING) throw tooDeep(field);
  return tree;
}

/** The first element in document order that `match`es. */
function findElement(root: P5Node, match: (e: P5Element) => boolean): P5Element | null {
  const stack: P5Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (isElement(node) && match(node)) return node;
    const children = 'childNodes' in node ? node.childNodes : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return null;
}

/** Elements only a whole page has: with one of them, the main content is picked out of the rest. */
const PAGE_PARTS = new Set(['title', 'nav', 'header', 'footer', 'aside', 'main', 'article']);
const isPagePart = (e: P5Element) =>
  PAGE_PARTS.has(e.tagName) || (e.tagName === 'meta' && e.attrs.some((a) => a.name === 'property' && a.value.startsWith('og:')));

const clean = (value: string | null | undefined, max: number): string | undefined => {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, max) : undefined;
};

/** A date the rest of the stack stores: years 1 to 9999. */
function isoDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const date = new Date(value.trim());
  const year = date.getUTCFullYear();
  return Number.isNaN(date.getTime()) || year < 1 || year > 9999 ? undefined : date.toISOString();
}

/**
 * Converts HTML to canonical text and structure. A whole web page goes through Mozilla
 * Readability, which keeps the article and leaves out navigation, footers, asides and a
 * headline that repeats the title, and reads the page's metadata; a fragment (pasted, or
 * written by hand) is taken whole. `url` is where the page came from: relative links resolve
 * against it (or its `<base>`). `field` names the body in a refusal.
 *
 * parse5 parses as the HTML standard says (linkedom's own parser misplaces content around a
 * missing `<body>`); Readability then runs on linkedom, fed parse5's well-formed serialisation.
 */
export function convertHtml(html: string, field: string, url?: string): HtmlDocument {
  const tree = parseWithin(html, field);
  const baseHref = findElement(tree, (e) => e.tagName === 'base' && e.attrs.some((a) => a.name === 'href'));
  const base = (baseHref && safeLink(parse5Reader.attr(baseHref, 'href'), url)) || url;
  const body = findElement(tree, (e) => e.tagName === 'body') ?? tree;
  if (!findElement(tree, isPagePart)) return { ...structureOf<P5Node>(body, parse5Reader, base), metadata: {}, extracted: false };

  const { document } = parseHTML(serialize(tree));
  // linkedom's parser knows fewer void elements than parse5 (`<bgsound>`), so it can read the
  // serialisation as nested deeper than parse5's tree; Readability and the walk below recurse.
  if (documentDepth(document as unknown as Node, domReader, MAX_NESTING) > MAX_NESTING) throw tooDeep(field);
  const readerable = isProbablyReaderable(document as unknown as Document);
  const article = new Readability<Node>(document as unknown as Document, { serializer: (node) => node }).parse();
  const metadata: PageMetadata = {
    title: clean(article?.title, 300),
    byline: clean(article?.byline, 200),
    siteName: clean(article?.siteName, 200),
    publishedAt: isoDate(article?.publishedTime),
  };
  if (readerable && article?.content) {
    const extracted = structureOf(article.content, domReader, base);
    if (extracted.blocks.length > 0) return { ...extracted, metadata, extracted: true };
  }
  // Readability changed linkedom's tree; parse5's is as it was.
  return { ...structureOf<P5Node>(body, parse5Reader, base), metadata, extracted: false };
}

/** A fragment taken whole, with no page around it (rendered Markdown); `field` names it in a refusal. */
export function structureFromFragment(html: string, field: string): Structured {
  const tree = parseWithin(html, field);
  const body = findElement(tree, (e) => e.tagName === 'body') ?? tree;
  return structureOf<P5Node>(body, parse5Reader);
}
