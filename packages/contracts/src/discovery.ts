import { z } from 'zod';
import { ClaimRef } from './claims';
import { IsoDate, Person, QueryText, Uuid, Version } from './common';

// ---- claim candidates: check-worthy sentences of an article ----

/** Why a sentence was suggested, as short labels the client shows. */
export const CandidateReason = z.enum([
  'attribution',
  'number',
  'quantity',
  'money',
  'percentage',
  'date',
  'person',
  'organisation',
  'quotation',
  'comparative',
  'superlative',
]);
export type CandidateReason = z.infer<typeof CandidateReason>;

/** What lowered a sentence's score: opinion and rhetoric are rarely checkable. */
export const CandidatePenalty = z.enum(['question', 'imperative', 'should', 'first-person', 'hedged', 'opinion', 'conditional', 'exclamation', 'short']);
export type CandidatePenalty = z.infer<typeof CandidatePenalty>;

export const CANDIDATE_REASON_LABEL: Record<CandidateReason, string> = {
  attribution: 'Attributed',
  number: 'Number',
  quantity: 'Quantity',
  money: 'Money',
  percentage: 'Percentage',
  date: 'Date',
  person: 'Person',
  organisation: 'Organisation',
  quotation: 'Quotation',
  comparative: 'Comparison',
  superlative: 'Superlative',
};

export const ClaimCandidate = z.object({
  sentence: z.string(),
  /** Offsets into the latest revision's text (UTF-16 code units), like every selector. */
  start: z.number().int(),
  end: z.number().int(),
  /** 0–1, higher is more check-worthy. */
  score: z.number(),
  reasons: z.array(CandidateReason),
  penalties: z.array(CandidatePenalty),
  /** Identifies the sentence whatever revision or article it is in (what a dismissal keys on). */
  hash: z.string(),
  /** A claim of the article already covers the sentence. */
  claimed: z.boolean(),
  /** Someone in the workspace dismissed the sentence. */
  dismissed: z.boolean(),
});
export type ClaimCandidate = z.infer<typeof ClaimCandidate>;

/** Most candidates one answer lists. */
export const MAX_CANDIDATES = 500;
/** The suggestions the reader marks (dismissed ones included, to restore): its view carries this many. */
export const READER_CANDIDATES = 200;

const Include = z
  .string()
  .max(100)
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.enum(['claimed', 'dismissed'], { error: 'must list claimed and/or dismissed' })));

export const ClaimCandidatesQuery = z.object({
  /** Also list sentences already claimed or dismissed (marked), e.g. `include=claimed,dismissed`. */
  include: Include.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_CANDIDATES).default(100),
});
export type ClaimCandidatesQuery = z.infer<typeof ClaimCandidatesQuery>;

export const DismissCandidateBody = z.object({
  sentence: z.string().trim().min(1, 'must not be empty').max(5_000, 'must be at most 5,000 characters'),
});
export type DismissCandidateBody = z.infer<typeof DismissCandidateBody>;

export const CandidateDismissal = z.object({
  id: Uuid,
  workspaceId: Uuid,
  /** The article it was dismissed in (the sentence stays hidden in every article of the workspace). */
  articleId: Uuid.nullable(),
  articleTitle: z.string().nullable(),
  sentence: z.string(),
  hash: z.string(),
  dismissedBy: Person,
  dismissedAt: IsoDate,
});
export type CandidateDismissal = z.infer<typeof CandidateDismissal>;

// ---- similar claims and duplicates ----

export const SimilarClaim = ClaimRef.extend({
  /** 0–1: how alike the statements are (trigram similarity and shared words). */
  score: z.number(),
  /** Already linked as a duplicate of, or the original of, the claim asked about. */
  linked: z.enum(['duplicate', 'original']).nullable(),
});
export type SimilarClaim = z.infer<typeof SimilarClaim>;

export const SimilarClaimsQuery = z.object({
  q: QueryText(2_000),
  /** Leaves out this claim (the one being edited). */
  exclude: Uuid.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type SimilarClaimsQuery = z.infer<typeof SimilarClaimsQuery>;

export const SimilarToClaimQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) });
export type SimilarToClaimQuery = z.infer<typeof SimilarToClaimQuery>;

export const LinkDuplicateBody = z.object({
  /** The claim this one repeats; a duplicate's own original is followed. */
  originalId: Uuid,
  /** The duplicate's version as read: a stale one is a 409. */
  version: Version,
});
export type LinkDuplicateBody = z.infer<typeof LinkDuplicateBody>;

/** `DELETE /claims/:id/duplicate-of?version=`: the duplicate's version as read. */
export const UnlinkDuplicateQuery = z.object({ version: z.coerce.number().pipe(Version) });
export type UnlinkDuplicateQuery = z.infer<typeof UnlinkDuplicateQuery>;

// ---- published fact-checks (Google Fact Check Tools) ----

export const PublishedFactCheck = z.object({
  claim: z.string(),
  claimant: z.string().nullable(),
  claimDate: z.string().nullable(),
  publisher: z.string().nullable(),
  /** The publisher's rating in its own words ("False", "Mostly true"). */
  rating: z.string().nullable(),
  title: z.string().nullable(),
  url: z.string(),
  reviewDate: z.string().nullable(),
});
export type PublishedFactCheck = z.infer<typeof PublishedFactCheck>;

export const FactChecks = z.object({
  /** False when no API key is configured: the integration is off. */
  enabled: z.boolean(),
  results: z.array(PublishedFactCheck),
  /** Set when the service could not be asked; the list is then empty. */
  error: z.enum(['timeout', 'unavailable']).nullable(),
});
export type FactChecks = z.infer<typeof FactChecks>;

const Language = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a language code such as en or pt-BR');

export const FactChecksQuery = z.object({
  q: QueryText(500),
  language: Language.optional(),
});
export type FactChecksQuery = z.infer<typeof FactChecksQuery>;

export const ClaimFactChecksQuery = z.object({ language: Language.optional() });
