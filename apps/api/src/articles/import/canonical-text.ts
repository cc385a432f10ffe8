import { createHash } from 'node:crypto';
import type { Block, Mark, Paragraph, SourceFormat } from '@corroborate/contracts';
import MarkdownIt from 'markdown-it';
import { Refusal, workerTask } from '../../infra/workers/task';
import { convertHtml, type PageMetadata, structureFromFragment } from './html-document';
import { MAX_NESTING, nestingDepth, tooDeep } from './nesting';

export interface CanonicalText {
  text: string;
  paragraphs: Paragraph[];
  blocks: Block[];
  marks: Mark[];
  metadata: PageMetadata;
  sha256: string;
  wordCount: number;
  sourceFormat: SourceFormat;
  source: string;
}

/** Line endings are the only thing normalised in plain text: offsets must stay stable. */
export const normaliseNewlines = (s: string) => s.replace(/\r\n?/g, '\n');

// Raw HTML in Markdown is read as HTML is: scripts, styles and embedded content are dropped.
const markdown = new MarkdownIt({ html: true, linkify: false });

/** `field` names the body the HTML came from, for the error; `url` is where it was fetched from. */
function fromHtml(html: string, field: string, url?: string) {
  if (nestingDepth(html, MAX_NESTING) > MAX_NESTING) throw tooDeep(field);
  return convertHtml(html, field, url);
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

export interface ImportSource {
  text?: string;
  html?: string;
  markdown?: string;
  /** Where an HTML body was fetched from: its relative links resolve against it. */
  url?: string;
  /** The body's field in the request, named in a refusal (defaults to its format). */
  field?: string;
}

/** Most blocks and marks together an import keeps; past it the text is kept without structure. */
export const MAX_STRUCTURE = 10_000;

export function toCanonicalText(source: ImportSource): CanonicalText {
  let sourceFormat: SourceFormat;
  let raw: string;
  let converted: { text: string; blocks: Block[]; marks: Mark[]; metadata: PageMetadata };
  if (source.text !== undefined) {
    sourceFormat = 'text';
    raw = source.text;
    converted = { text: normaliseNewlines(raw), blocks: [], marks: [], metadata: {} };
  } else if (source.html !== undefined) {
    sourceFormat = 'html';
    raw = source.html;
    converted = fromHtml(normaliseNewlines(raw), source.field ?? sourceFormat, source.url);
  } else {
    sourceFormat = 'markdown';
    raw = source.markdown ?? '';
    // Markdown is a fragment: no page around it to pick the article out of, and no metadata.
    const html = markdown.render(normaliseNewlines(raw));
    const field = source.field ?? sourceFormat;
    if (nestingDepth(html, MAX_NESTING) > MAX_NESTING) throw tooDeep(field);
    converted = { ...structureFromFragment(html, field), metadata: {} };
  }
  const { text, metadata } = converted;
  // A document with more structure than any article has (a table of 40,000 cells, say) is kept
  // as plain paragraphs: its ranges would cost every later read and answer, on the event loop.
  const bounded = converted.blocks.length + converted.marks.length <= MAX_STRUCTURE;
  const [blocks, marks] = bounded ? [converted.blocks, converted.marks] : [[], []];
  return {
    text,
    paragraphs: findParagraphs(text),
    blocks,
    marks,
    metadata,
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    wordCount: countWords(text),
    sourceFormat,
    source: raw,
  };
}

/** The stored columns of a revision made from converted text. */
export function revisionColumns(content: CanonicalText) {
  const { text, sha256, wordCount, paragraphs, blocks, marks, sourceFormat, source } = content;
  const structure = blocks.length || marks.length ? { blocks, marks } : undefined;
  return { text, sha256, wordCount, paragraphs, structure, sourceFormat, source };
}

/** A conversion as stored: offsets and structure already as their JSON, so the event loop passes them on without encoding. */
export interface ConvertedText {
  text: string;
  paragraphsJson: string;
  /** `{blocks, marks}`. */
  structureJson: string;
  metadata: PageMetadata;
  /** The first heading's text: a title for a document whose metadata names none. */
  firstHeading?: string;
  sha256: string;
  wordCount: number;
  sourceFormat: SourceFormat;
}

/** Converts a submitted body, refusing one that holds no readable text. Runs on the worker pool (`convertTask`). */
export function convertForStorage(source: ImportSource): ConvertedText {
  const { text, paragraphs, blocks, marks, metadata, sha256, wordCount, sourceFormat } = toCanonicalText(source);
  if (!paragraphs.length) throw new Refusal(source.field ?? sourceFormat, 'contains no readable text');
  const heading = blocks.find((b) => b.type === 'heading');
  const firstHeading = heading && text.slice(heading.start, heading.end).replace(/\s+/g, ' ').trim().slice(0, 300);
  return {
    text,
    paragraphsJson: JSON.stringify(paragraphs),
    structureJson: JSON.stringify({ blocks, marks }),
    metadata,
    firstHeading: firstHeading || undefined,
    sha256,
    wordCount,
    sourceFormat,
  };
}

export const convertTask = workerTask<ImportSource, ConvertedText>(__filename, 'convertForStorage');
