import { z } from 'zod';
import { ClaimPriority, ClaimStatus } from './claims';
import { IsoDate, Person, Uuid } from './common';
import { EvidenceKind, Reliability, Stance } from './evidence';
import { DecisionKind, Rating } from './review';

export const ReportFormat = z.enum(['html', 'pdf', 'md', 'json', 'csv', 'claimreview']);
export type ReportFormat = z.infer<typeof ReportFormat>;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** What a report covers; by default resolved claims only, with the article appendix. */
export const ReportOptions = z.object({
  includeUnresolved: flag.default(false),
  includeAudit: flag.default(false),
  includeAppendix: flag.default(true),
});
export type ReportOptions = z.infer<typeof ReportOptions>;

export const ReportQuery = ReportOptions.extend({
  format: ReportFormat.default('html'),
  /** Paper size of a PDF. */
  paper: z.enum(['a4', 'letter']).default('a4'),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

export const PublishReportBody = z.object({
  includeUnresolved: z.boolean().default(false),
  includeAudit: z.boolean().default(false),
  includeAppendix: z.boolean().default(true),
});
export type PublishReportBody = z.infer<typeof PublishReportBody>;

const RatingRef = Rating.pick({ key: true, label: true, colour: true, ratingValue: true, bestRating: true, worstRating: true, alternateName: true });

export const ReportVerdict = z.object({
  reviewer: Person,
  round: z.number().int(),
  rating: RatingRef.nullable(),
  rationale: z.string(),
  evidenceIds: z.array(Uuid),
  supersedeReason: z.string().nullable(),
  superseded: z.boolean(),
  createdAt: IsoDate,
});

export const ReportDecision = z.object({
  kind: DecisionKind,
  round: z.number().int(),
  actor: Person.nullable(),
  rating: RatingRef.nullable(),
  rationale: z.string().nullable(),
  createdAt: IsoDate,
});

export const ReportEvidence = z.object({
  id: Uuid,
  number: z.number().int(),
  kind: EvidenceKind,
  url: z.string().nullable(),
  title: z.string().nullable(),
  publisher: z.string().nullable(),
  publishedAt: z.string().nullable(),
  excerpt: z.string().nullable(),
  note: z.string().nullable(),
  stance: Stance,
  reliability: Reliability,
  reliabilityNote: z.string().nullable(),
  addedBy: Person,
});

export const ReportClaim = z.object({
  /** The claim's number in the report (article order), as marked in the appendix. */
  number: z.number().int(),
  id: Uuid,
  /** A stable URL of this claim in the published report. */
  url: z.string(),
  statement: z.string(),
  claimant: z.string().nullable(),
  tags: z.array(z.string()),
  priority: ClaimPriority,
  status: ClaimStatus,
  rating: RatingRef.nullable(),
  /** Why it was rated so: the adjudication or confirmation rationale, else the agreeing reviewers'. */
  rationale: z.string().nullable(),
  resolvedAt: IsoDate.nullable(),
  spans: z.array(z.object({ exact: z.string(), start: z.number().int(), end: z.number().int(), orphaned: z.boolean() })),
  verdicts: z.array(ReportVerdict),
  verdictsHidden: z.boolean(),
  decisions: z.array(ReportDecision),
  evidence: z.array(ReportEvidence),
  createdAt: IsoDate,
});
export type ReportClaim = z.infer<typeof ReportClaim>;

export const ReportAuditEntry = z.object({ at: IsoDate, actor: z.string().nullable(), claimNumber: z.number().int(), text: z.string() });

/** The whole structured report, from which every format is made. */
export const Report = z.object({
  schemaVersion: z.literal(1),
  generatedAt: IsoDate,
  options: PublishReportBody,
  publisher: z.object({ workspace: z.string(), organisationName: z.string().nullable(), organisationUrl: z.string().nullable() }),
  article: z.object({
    id: Uuid,
    title: z.string(),
    sourceUrl: z.string().nullable(),
    author: z.string().nullable(),
    publishedAt: IsoDate.nullable(),
    revision: z.object({ id: Uuid, number: z.number().int(), sha256: z.string(), createdAt: IsoDate }),
  }),
  scale: z.array(RatingRef),
  summary: z.object({
    claims: z.number().int(),
    byRating: z.array(z.object({ key: z.string(), label: z.string(), colour: z.string(), count: z.number().int() })),
    byStatus: z.array(z.object({ status: ClaimStatus, count: z.number().int() })),
    evidence: z.number().int(),
    reviewers: z.number().int(),
    firstClaimAt: IsoDate.nullable(),
    lastDecisionAt: IsoDate.nullable(),
  }),
  claims: z.array(ReportClaim),
  /** The article text with each claim's span marked by its number. */
  appendix: z
    .object({ text: z.string(), markers: z.array(z.object({ number: z.number().int(), start: z.number().int(), end: z.number().int() })) })
    .nullable(),
  audit: z.array(ReportAuditEntry).nullable(),
});
export type Report = z.infer<typeof Report>;

export const ReportSnapshot = z.object({
  id: Uuid,
  articleId: Uuid,
  number: z.number().int(),
  sha256: z.string(),
  options: PublishReportBody,
  publishedBy: Person,
  publishedAt: IsoDate,
  shares: z.array(z.object({ id: Uuid, createdAt: IsoDate, createdBy: Person, revokedAt: IsoDate.nullable() })),
});
export type ReportSnapshot = z.infer<typeof ReportSnapshot>;

/** The share link's secret appears only in the answer to its creation. */
export const CreatedShare = z.object({ id: Uuid, token: z.string(), url: z.string() });
export type CreatedShare = z.infer<typeof CreatedShare>;

export const SnapshotQuery = z.object({ format: ReportFormat.default('html'), paper: z.enum(['a4', 'letter']).default('a4') });
