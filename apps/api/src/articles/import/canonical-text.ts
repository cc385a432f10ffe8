import { createHash } from 'node:crypto';
import type { Paragraph, SourceFormat } from '@corroborate/contracts';
import { convert } from 'html-to-text';
import { Parser } from 'htmlparser2';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { invalid } from '../../infra/errors/app-error';

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
};

// Raw HTML in Markdown goes through the same sanitiser as an HTML import.
const markdown = new MarkdownIt({ html: true, linkify: false });

const headings = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
  selector,
  options: { uppercase: false, leadingLineBreaks: 2, trailingLineBreaks: 2 },
}));

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
  if (nestingDepth(html, MAX_NESTING) > MAX_NESTING) throw invalid(field, `nests elements more than ${MAX_NESTING} levels deep`);
  const text = convert(sanitizeHtml(html, SANITIZE), {
    wordwrap: false,
    selectors: [
      ...headings,
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'ul', options: { itemPrefix: '• ' } },
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
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

/** Paragraphs are maximal runs of non-blank lines; offsets in UTF-16 code units. */
export function findParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const pattern = /[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*/g;
  for (const match of text.matchAll(pattern)) {
    paragraphs.push({ start: match.index, end: match.index + match[0].length });
  }
  return paragraphs;
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
    wordCount: text.match(/\S+/g)?.length ?? 0,
    sourceFormat,
    source: raw,
  };
}

/** The stored columns of a revision made from converted text. */
export function revisionColumns(content: CanonicalText) {
  const { text, sha256, wordCount, paragraphs, sourceFormat, source } = content;
  return { text, sha256, wordCount, paragraphs, sourceFormat, source };
}
