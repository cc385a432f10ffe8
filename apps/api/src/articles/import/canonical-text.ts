import { createHash } from 'node:crypto';
import type { Paragraph, SourceFormat } from '@corroborate/contracts';
import { convert } from 'html-to-text';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

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

function htmlToText(html: string): string {
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
    text = htmlToText(normaliseNewlines(raw));
  } else {
    sourceFormat = 'markdown';
    raw = source.markdown ?? '';
    text = htmlToText(markdown.render(normaliseNewlines(raw)));
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
