import { z } from 'zod';
import { ClaimStatus } from './claims';
import { IsoDate, Person, QueryText, Uuid } from './common';

/** What a workspace search looks through. */
export const SearchType = z.enum(['article', 'annotation', 'claim', 'claim-comment', 'evidence', 'source']);
export type SearchType = z.infer<typeof SearchType>;

export const SEARCH_TYPE_LABEL: Record<SearchType, string> = {
  article: 'Articles',
  annotation: 'Annotations',
  claim: 'Claims',
  'claim-comment': 'Claim comments',
  evidence: 'Evidence',
  source: 'Sources',
};

/** Longest query accepted; longer ones are a 400 naming `q`. */
export const MAX_SEARCH_QUERY = 500;
/** Deepest page reachable by offset. */
export const MAX_SEARCH_OFFSET = 1_000;

/** A list given comma-separated (`type=claim,evidence`) or as repeated parameters. */
const CommaList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => [v].flat().flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean));

const DateParam = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'must be an ISO 8601 date (2024-05-31) or date-time' });

export const SearchQuery = z
  .object({
    q: QueryText(MAX_SEARCH_QUERY),
    /** Comma-separated or repeated: `type=claim,evidence`. */
    type: CommaList.pipe(z.array(SearchType).max(20)).optional(),
    articleId: Uuid.optional(),
    /** Who wrote it (a member's id, or `me`). */
    author: z.union([Uuid, z.literal('me')]).optional(),
    /** A claim status (evidence and comments follow their claim's); `open` and `resolved` also match threads. */
    status: CommaList.pipe(z.array(ClaimStatus).max(20)).optional(),
    /** Created on or after / before (a date is the whole day). */
    from: DateParam.optional(),
    to: DateParam.optional(),
    offset: z.coerce.number().int().min(0).max(MAX_SEARCH_OFFSET).default(0),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { message: 'must not be after `to`', path: ['from'] });
export type SearchQuery = z.infer<typeof SearchQuery>;

/** A piece of text around the matches, with the matched words as ranges into `text`. */
export const Snippet = z.object({
  text: z.string(),
  highlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
});
export type Snippet = z.infer<typeof Snippet>;

export const SearchResult = z.object({
  type: SearchType,
  id: Uuid,
  articleId: Uuid.nullable(),
  articleTitle: z.string().nullable(),
  claimId: Uuid.nullable(),
  /** What the result is: an article's title, a claim's statement, the passage an annotation is on… */
  title: z.string(),
  snippet: Snippet,
  /** The same snippet as HTML: everything escaped, matches in <mark>. */
  snippetHtml: z.string(),
  /** Where in the article's latest text the result sits, to jump to it. */
  passage: z.object({ start: z.number().int(), end: z.number().int() }).nullable(),
  author: Person.nullable(),
  status: z.string().nullable(),
  createdAt: IsoDate,
  rank: z.number(),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const SearchPage = z.object({
  results: z.array(SearchResult),
  /** Matches of every listed type, before paging. */
  total: z.number().int(),
  counts: z.record(SearchType, z.number().int()),
  offset: z.number().int(),
  limit: z.number().int(),
});
export type SearchPage = z.infer<typeof SearchPage>;
