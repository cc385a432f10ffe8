import { z } from 'zod';
import { IsoDate, Name, Uuid } from './common';

/** Largest article body accepted, in characters. */
export const MAX_ARTICLE_CHARS = 500_000;

const Body = z.string().min(1, 'must not be empty').max(MAX_ARTICLE_CHARS);

export const ArticleSource = z
  .object({ text: Body.optional(), html: Body.optional(), markdown: Body.optional() })
  .refine((b) => [b.text, b.html, b.markdown].filter((v) => v !== undefined).length === 1, {
    message: 'exactly one of text, html or markdown is required',
    path: ['text'],
  });
export type ArticleSource = z.infer<typeof ArticleSource>;

/** A date or date-time within years 1–9999, which every part of the stack stores and shows. */
const PublishedAt = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'must be an ISO 8601 date (2024-05-31) or date-time' })
  .refine(
    (value) => {
      const year = new Date(value).getUTCFullYear();
      return year >= 1 && year <= 9999;
    },
    { message: 'must fall within the years 1 to 9999' },
  );

/** A web page the server fetches for an import (http or https only). */
export const ImportUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }).max(2000);

export const CreateArticleBody = z
  .object({
    id: Uuid.optional(),
    /** Optional for HTML, Markdown and URL imports, whose page or first heading may name it; required for plain text. */
    title: Name(300).optional(),
    text: Body.optional(),
    html: Body.optional(),
    markdown: Body.optional(),
    /** Fetched by the server behind an SSRF guard; HTML or plain text. */
    url: ImportUrl.optional(),
    sourceUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
    author: Name(200).optional(),
    publishedAt: PublishedAt.optional(),
  })
  .refine((b) => [b.text, b.html, b.markdown, b.url].filter((v) => v !== undefined).length === 1, {
    message: 'exactly one of text, html, markdown or url is required',
    path: ['text'],
  });
export type CreateArticleBody = z.infer<typeof CreateArticleBody>;

export const CreateRevisionBody = ArticleSource;
export type CreateRevisionBody = z.infer<typeof CreateRevisionBody>;

export const Paragraph = z.object({ start: z.number().int(), end: z.number().int() });
export type Paragraph = z.infer<typeof Paragraph>;

export const SourceFormat = z.enum(['text', 'html', 'markdown']);
export type SourceFormat = z.infer<typeof SourceFormat>;

/**
 * The document's structure, as ranges over the canonical text (UTF-16 offsets, end exclusive):
 * it never changes the text that selectors count into. Blocks come in document order, a
 * container before what it holds; ranges of one kind nest or are apart, never overlap
 * partly. All text lies inside the leaves (heading, paragraph, preformatted); what lies
 * between them (line breaks, list markers, tabs between cells) belongs to no block.
 */
export const BlockType = z.enum(['heading', 'paragraph', 'preformatted', 'blockquote', 'list', 'listItem', 'table', 'tableRow', 'tableCell']);
export type BlockType = z.infer<typeof BlockType>;

export const Block = z.object({
  type: BlockType,
  start: z.number().int(),
  end: z.number().int(),
  /** Heading level, 1 to 6. */
  level: z.number().int().min(1).max(6).optional(),
  /** A numbered list, and the number of its first item. */
  ordered: z.boolean().optional(),
  first: z.number().int().optional(),
  /** A header cell (`th`). */
  header: z.boolean().optional(),
});
export type Block = z.infer<typeof Block>;

export const MarkType = z.enum(['link', 'emphasis', 'strong', 'code']);
export type MarkType = z.infer<typeof MarkType>;

/** Inline marks: a link's `href` is absolute and http, https or mailto (others are dropped on import). */
export const Mark = z.object({ type: MarkType, start: z.number().int(), end: z.number().int(), href: z.string().optional() });
export type Mark = z.infer<typeof Mark>;

/** What a URL import fetched: the bytes are stored with the revision. */
export const SourceSnapshot = z.object({
  url: z.string(),
  /** sha256 of the bytes as fetched. */
  sha256: z.string(),
  contentType: z.string(),
  fetchedAt: IsoDate,
});
export type SourceSnapshot = z.infer<typeof SourceSnapshot>;

export const Revision = z.object({
  id: Uuid,
  number: z.number().int(),
  /** Canonical plain text: every selector offset counts into it (UTF-16 code units). */
  text: z.string(),
  sha256: z.string(),
  paragraphs: z.array(Paragraph),
  /** Empty for plain text: its paragraphs are all the structure it has. */
  blocks: z.array(Block),
  marks: z.array(Mark),
  sourceFormat: SourceFormat,
  snapshot: SourceSnapshot.nullable(),
  createdAt: IsoDate,
});
export type Revision = z.infer<typeof Revision>;

export const ArticleSummary = z.object({
  id: Uuid,
  workspaceId: Uuid,
  title: z.string(),
  sourceUrl: z.string().nullable(),
  author: z.string().nullable(),
  /** The publication's name, from the page's metadata. */
  siteName: z.string().nullable(),
  publishedAt: IsoDate.nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  version: z.number().int(),
  revisionNumber: z.number().int(),
  wordCount: z.number().int(),
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;

export const Article = ArticleSummary.extend({ revision: Revision });
export type Article = z.infer<typeof Article>;

/** Where each annotated span landed in a new revision. */
export const AnchorReport = z.object({
  kind: z.enum(['annotation', 'claim']),
  /** The annotation, or the claim whose span this is. */
  id: Uuid,
  /** A claim's span (a claim may have several). */
  spanId: Uuid.optional(),
  outcome: z.enum(['exact', 'moved', 'fuzzy', 'orphaned']),
  score: z.number().min(0).max(1).optional(),
  selector: z
    .tuple([
      z.object({ type: z.literal('TextQuoteSelector'), exact: z.string(), prefix: z.string(), suffix: z.string() }),
      z.object({ type: z.literal('TextPositionSelector'), start: z.number().int(), end: z.number().int() }),
    ])
    .optional(),
});
export type AnchorReport = z.infer<typeof AnchorReport>;

export const CreatedRevision = z.object({
  revision: Revision,
  anchors: z.array(AnchorReport),
});
export type CreatedRevision = z.infer<typeof CreatedRevision>;
