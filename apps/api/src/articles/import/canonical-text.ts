import { createHash } from 'node:crypto';
import type { Paragraph, SourceFormat } from '@corroborate/contracts';
import { convert } from 'html-to-text';
import { Parser } from 'htmlparser2';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { Refusal, workerTask } from '../../infra/workers/task';

export interface CanonicalText {
  text: string;
  paragraphs: Paragraph[];
  sha256: string;
  wordCount: number;
  sourceFormat: SourceFormat;
  source: string;
}

/** Line endings are the only thing normalised in plain text: offsets must stay stable. */
export const normaliseNewlines = (s: string) => s.replace(/\r\n?/g, '\n');

const TABLE_PARTS = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr']);

/** Only structure survives; scripts, styles and embedded content are dropped with their content. */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'em', 'strong', 'b', 'i', 'u', 's', 'sub', 'sup',
    'q', 'cite', 'abbr', 'span', 'div', 'section', 'article', 'header', 'footer', 'main',
    'figure', 'figcaption', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption',
  ],
  allowedAttributes: {},
  nonTextTags: ['script', 'style', 'title', 'head', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'svg', 'math'],
  // Whitespace between a table's rows and cells is layout: kept, it would begin every cell but the first with a space.
  textFilter: (text, tagName) => (TABLE_PARTS.has(tagName) && !text.trim() ? '' : text),
};

// Raw HTML in Markdown goes through the same sanitiser as an HTML import.
const markdown = new MarkdownIt({ html: true, linkify: false });

const headings = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
  selector,
  options: { uppercase: false, leadingLineBreaks: 2, trailingLineBreaks: 2 },
}));

/**
 * Tables become one line per row with tab-separated cells. html-to-text's dataTable lays
 * columns out and takes time quadratic in a row's cells (16 s for one row of 49,000).
 */
const tables = [
  { selector: 'table', format: 'block', options: { leadingLineBreaks: 2, trailingLineBreaks: 2 } },
  ...['caption', 'tr'].map((selector) => ({ selector, format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } })),
  ...['td', 'th'].map((selector) => ({ selector, format: 'inlineSurround', options: { prefix: '', suffix: '\t' } })),
];

/** Deeper than any article's markup; converting deeper trees would exhaust the stack. */
export const MAX_NESTING = 200;

/**
 * How deeply elements nest in `html` (unclosed ones count as still open), in one linear pass
 * that stops once past `limit`: a hostile tree is refused before its cost is paid.
 */
export function nestingDepth(html: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  const parser = new Parser(
    {
      onopentag() {
        depth += 1;
        if (depth > deepest) deepest = depth;
        if (deepest > limit) parser.pause();
      },
      onclosetag() {
        depth -= 1;
      },
    },
    { decodeEntities: false },
  );
  parser.write(html);
  if (deepest <= limit) parser.end();
  return deepest;
}

/** `field` names the body the HTML came from, for the error. */
function htmlToText(html: string, field: SourceFormat): string {
  if (nestingDepth(html, MAX_NESTING) > MAX_NESTING) throw new Refusal(field, `nests elements more than ${MAX_NESTING} levels deep`);
  const text = convert(sanitizeHtml(html, SANITIZE), {
    wordwrap: false,
    selectors: [
      ...headings,
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'ul', options: { itemPrefix: '• ' } },
      ...tables,
    ],
  });
  // Trailing spaces and runs of blank lines carry no meaning once the markup is gone.
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** What JavaScript's \s matches; a blank line holds nothing else. */
function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/**
 * Paragraphs are maximal runs of non-blank lines, each from the start of its first line to the
 * end of its last; offsets in UTF-16 code units. One pass over the text.
 */
export function findParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let open: Paragraph | null = null;
  for (let lineStart = 0; lineStart <= text.length; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let blank = true;
    for (let i = lineStart; i < lineEnd && blank; i++) blank = isSpace(text.charCodeAt(i));
    if (!blank) {
      if (open) open.end = lineEnd;
      else open = { start: lineStart, end: lineEnd };
    } else if (open) {
      paragraphs.push(open);
      open = null;
    }
    lineStart = lineEnd + 1;
  }
  if (open) paragraphs.push(open);
  return paragraphs;
}

/** Runs of non-space characters. */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

export function toCanonicalText(source: { text?: string; html?: string; markdown?: string }): CanonicalText {
  let sourceFormat: SourceFormat;
  let raw: string;
  let text: string;
  if (source.text !== undefined) {
    sourceFormat = 'text';
    raw = source.text;
    text = normaliseNewlines(raw);
  } else if (source.html !== undefined) {
    sourceFormat = 'html';
    raw = source.html;
    text = htmlToText(normaliseNewlines(raw), sourceFormat);
  } else {
    sourceFormat = 'markdown';
    raw = source.markdown ?? '';
    text = htmlToText(markdown.render(normaliseNewlines(raw)), sourceFormat);
  }
  return {
    text,
    paragraphs: findParagraphs(text),
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    wordCount: countWords(text),
    sourceFormat,
    source: raw,
  };
}

/** The stored columns of a revision made from converted text. */
export function revisionColumns(content: CanonicalText) {
  const { text, sha256, wordCount, paragraphs, sourceFormat, source } = content;
  return { text, sha256, wordCount, paragraphs, sourceFormat, source };
}

/** A conversion as stored: the paragraph offsets already as their JSON, so the event loop passes them on without encoding. */
export interface ConvertedText {
  text: string;
  paragraphsJson: string;
  sha256: string;
  wordCount: number;
  sourceFormat: SourceFormat;
}

/** Converts a submitted body, refusing one that holds no readable text. Runs on the worker pool (`convertTask`). */
export function convertForStorage(source: { text?: string; html?: string; markdown?: string }): ConvertedText {
  const { text, paragraphs, sha256, wordCount, sourceFormat } = toCanonicalText(source);
  if (!paragraphs.length) throw new Refusal(sourceFormat, 'contains no readable text');
  return { text, paragraphsJson: JSON.stringify(paragraphs), sha256, wordCount, sourceFormat };
}

export const convertTask = workerTask<{ text?: string; html?: string; markdown?: string }, ConvertedText>(__filename, 'convertForStorage');
