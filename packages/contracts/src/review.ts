import { z } from 'zod';
import { IsoDate, Name, Person, readable, UNREADABLE, Uuid, Version } from './common';

// ---- the rating scale ----

/** A rating key: lower-case words joined by hyphens ("mostly-true"). */
export const RatingKey = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters and digits joined by hyphens (e.g. "mostly-true")');

const Colour = z.string().regex(/^#[\da-f]{6}$/i, 'must be a colour like #2f9e44');

export const Rating = z.object({
  key: RatingKey,
  label: Name(60),
  colour: Colour,
  description: z.string().trim().max(1_000).default(''),
  /** schema.org Rating for ClaimReview: where this rating sits between worst and best. */
  ratingValue: z.number().int().min(-100).max(100),
  bestRating: z.number().int().min(-100).max(100),
  worstRating: z.number().int().min(-100).max(100),
  alternateName: Name(120),
});
export type Rating = z.infer<typeof Rating>;

/** The scale every new workspace starts with. */
export const DEFAULT_RATING_SCALE: Rating[] = [
  { key: 'true', label: 'True', colour: '#2b8a3e', description: 'Accurate, with nothing significant missing.', ratingValue: 5, bestRating: 5, worstRating: 1, alternateName: 'True' },
  { key: 'mostly-true', label: 'Mostly true', colour: '#5c940d', description: 'Accurate but needs clarification or context.', ratingValue: 4, bestRating: 5, worstRating: 1, alternateName: 'Mostly true' },
  { key: 'mixed', label: 'Mixed', colour: '#e67700', description: 'Partly accurate, partly not.', ratingValue: 3, bestRating: 5, worstRating: 1, alternateName: 'Mixed' },
  { key: 'mostly-false', label: 'Mostly false', colour: '#d9480f', description: 'Contains an element of truth but ignores critical facts.', ratingValue: 2, bestRating: 5, worstRating: 1, alternateName: 'Mostly false' },
  { key: 'false', label: 'False', colour: '#c92a2a', description: 'Not accurate.', ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'False' },
  { key: 'misleading', label: 'Misleading', colour: '#862e9c', description: 'Accurate in parts but presented to give a false impression.', ratingValue: 2, bestRating: 5, worstRating: 1, alternateName: 'Misleading' },
  { key: 'unverifiable', label: 'Unverifiable', colour: '#495057', description: 'Cannot be proved or disproved with the evidence available.', ratingValue: 3, bestRating: 5, worstRating: 1, alternateName: 'Unverifiable' },
];

/** The whole scale, in order; a rating in use may not be left out (409). */
export const RatingScale = z
  .array(Rating)
  .min(2, 'a scale needs at least two ratings')
  .max(20)
  .refine((list) => new Set(list.map((r) => r.key)).size === list.length, { message: 'keys must be unique' });
export type RatingScale = z.infer<typeof RatingScale>;

export const UpdateRatingScaleBody = z.object({ ratings: RatingScale });
export type UpdateRatingScaleBody = z.infer<typeof UpdateRatingScaleBody>;

// ---- review settings ----

/** Verdicts a claim needs in a workspace that has not said otherwise (the database's default too). */
export const DEFAULT_REQUIRED_VERDICTS = 2;

export const ReviewSettings = z.object({
  /** Independent verdicts a claim needs. */
  requiredVerdicts: z.number().int().min(1).max(5),
  /** Agreeing verdicts wait for an editor's confirmation instead of resolving the claim at once. */
  requireConfirmation: z.boolean(),
  /** Who publishes the workspace's reports (ClaimReview `author`). */
  organisationName: z.string().trim().max(200).nullable(),
  organisationUrl: z.url({ protocol: /^https?$/ }).max(2_000).nullable(),
});
export type ReviewSettings = z.infer<typeof ReviewSettings>;

export const UpdateReviewSettingsBody = ReviewSettings.partial().refine((b) => Object.keys(b).length > 0, { message: 'names nothing to change' });
export type UpdateReviewSettingsBody = z.infer<typeof UpdateReviewSettingsBody>;

// ---- verdicts ----

const Rationale = z.string().trim().min(1, 'is required').max(20_000, 'must be at most 20,000 characters').refine(readable, UNREADABLE);

export const CreateVerdictBody = z
  .object({
    id: Uuid.optional(),
    rating: RatingKey,
    /** Markdown. */
    rationale: Rationale,
    evidenceIds: z.array(Uuid).max(200).default([]),
    /** One's own earlier verdict this one replaces, with the reason. */
    supersedes: Uuid.optional(),
    reason: z.string().trim().min(1).max(2_000).refine(readable, UNREADABLE).optional(),
  })
  .refine((b) => !b.supersedes || b.reason, { message: 'is required to supersede a verdict', path: ['reason'] });
export type CreateVerdictBody = z.infer<typeof CreateVerdictBody>;

export const Verdict = z.object({
  id: Uuid,
  claimId: Uuid,
  round: z.number().int(),
  reviewer: Person,
  rating: RatingKey,
  rationale: z.string(),
  evidenceIds: z.array(Uuid),
  supersedes: Uuid.nullable(),
  supersedeReason: z.string().nullable(),
  /** Replaced by a later verdict of the same reviewer. */
  superseded: z.boolean(),
  createdAt: IsoDate,
});
export type Verdict = z.infer<typeof Verdict>;

/** What a live event or a blind reader may know of a verdict: that it exists, not what it says. */
export const VerdictNotice = z.object({
  id: Uuid,
  claimId: Uuid,
  round: z.number().int(),
  reviewerId: Uuid,
  /** Current verdicts in the round, after this one. */
  submitted: z.number().int(),
});
export type VerdictNotice = z.infer<typeof VerdictNotice>;

export const DecisionKind = z.enum(['consensus', 'confirmation', 'adjudication', 'reopen']);
export type DecisionKind = z.infer<typeof DecisionKind>;

/** A decision that closed (or reopened) a review round. */
export const Decision = z.object({
  id: Uuid,
  claimId: Uuid,
  round: z.number().int(),
  kind: DecisionKind,
  actor: Person.nullable(),
  rating: z.string().nullable(),
  rationale: z.string().nullable(),
  createdAt: IsoDate,
});
export type Decision = z.infer<typeof Decision>;

export const AdjudicationBody = z.object({ version: Version, rating: RatingKey, rationale: Rationale });
export type AdjudicationBody = z.infer<typeof AdjudicationBody>;

/** Confirms agreeing verdicts (when the workspace asks for it); a different rating is an adjudication. */
export const ConfirmationBody = z.object({ version: Version, rationale: z.string().trim().max(20_000).optional() });
export type ConfirmationBody = z.infer<typeof ConfirmationBody>;

/** A claim's review as everyone may see it (blind: counts, not ratings). */
export const ReviewState = z.object({
  round: z.number().int(),
  required: z.number().int(),
  submitted: z.number().int(),
  reviewerIds: z.array(Uuid),
  /** Agreeing verdicts waiting for an editor's confirmation. */
  awaitingConfirmation: z.boolean(),
});
export type ReviewState = z.infer<typeof ReviewState>;

/** Whether a reviewer may see the others' verdicts on a claim. */
export function seesVerdicts(input: { role: string; hasSubmitted: boolean; status: string }): boolean {
  if (input.role === 'owner' || input.role === 'editor') return true;
  if (input.hasSubmitted) return true;
  // Once decided, the verdicts are part of the record; a new round is blind again.
  return input.status === 'resolved' || input.status === 'dismissed';
}

// ---- agreement ----

export const AgreementQuery = z.object({ articleId: Uuid.optional() });

export const PairAgreement = z.object({
  reviewers: z.tuple([Person, Person]),
  claims: z.number().int(),
  percentAgreement: z.number().nullable(),
  cohenKappa: z.number().nullable(),
});

export const Agreement = z.object({
  /** Claims with at least the required first verdicts. */
  claims: z.number().int(),
  percentAgreement: z.number().nullable(),
  /** Over claims rated by exactly two reviewers. */
  cohenKappa: z.number().nullable(),
  /** Over claims with the most common number of raters (three or more). */
  fleissKappa: z.number().nullable(),
  fleissRaters: z.number().int().nullable(),
  /** How often each pair of ratings was given to one claim (first verdicts). */
  confusion: z.array(z.object({ a: z.string(), b: z.string(), count: z.number().int() })),
  pairs: z.array(PairAgreement),
});
export type Agreement = z.infer<typeof Agreement>;
