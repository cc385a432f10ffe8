import type { Claim, ClaimRef, ClaimSpan } from '@corroborate/contracts';
import type { Prisma } from '../generated/prisma/client';

/** What another claim is read with to show it as a duplicate or an original. */
export const claimRefSelect = {
  id: true,
  articleId: true,
  statement: true,
  status: true,
  rating: true,
  deletedAt: true,
  article: { select: { title: true } },
} as const satisfies Prisma.ClaimSelect;

type ClaimRefRow = Prisma.ClaimGetPayload<{ select: typeof claimRefSelect }>;

export function toClaimRef(c: ClaimRefRow): ClaimRef {
  return { id: c.id, articleId: c.articleId, articleTitle: c.article.title, statement: c.statement, status: c.status, rating: c.rating };
}


type Person = { id: string; displayName: string };

/**
 * A claim with what its view needs, as `claimRows` builds it in one statement.
 */
export interface ClaimRow {
  id: string;
  articleId: string;
  workspaceId: string;
  statement: string;
  claimant: string | null;
  tags: string[];
  priority: Claim['priority'];
  dueAt: Date | null;
  status: Claim['status'];
  statusReason: string | null;
  rating: string | null;
  resolvedAt: Date | null;
  reviewRound: number;
  pendingRating: string | null;
  createdById: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  spans: { id: string; revisionId: string; exact: string; prefix: string; suffix: string; start: number; end: number }[];
  assignees: { user: Person }[];
  createdBy: Person;
  evidence: { id: string }[];
  comments: { id: string }[];
  verdicts: { id: string; round: number; reviewerId: string; supersedesId: string | null }[];
  article: { workspace: { requiredVerdicts: number } };
  duplicateOf: { original: ClaimRefRow } | null;
  duplicates: { claim: ClaimRefRow }[];
}

type SpanRow = ClaimRow['spans'][number];

export function toSpan(s: SpanRow, latestRevisionId: string): ClaimSpan {
  return {
    id: s.id,
    revisionId: s.revisionId,
    target: {
      source: s.revisionId,
      selector: [
        { type: 'TextQuoteSelector', exact: s.exact, prefix: s.prefix, suffix: s.suffix },
        { type: 'TextPositionSelector', start: s.start, end: s.end },
      ],
    },
    orphaned: s.revisionId !== latestRevisionId,
  };
}

/** The verdicts of a round that no later verdict replaces: one per reviewer. */
export function currentVerdicts<V extends { id: string; round: number; supersedesId: string | null }>(verdicts: V[], round: number): V[] {
  const replaced = new Set(verdicts.flatMap((v) => (v.supersedesId ? [v.supersedesId] : [])));
  return verdicts.filter((v) => v.round === round && !replaced.has(v.id));
}

/** A claim as the API shows it; spans not in `latestRevisionId` are orphans. */
export function toClaim(c: ClaimRow, latestRevisionId: string): Claim {
  const current = currentVerdicts(c.verdicts, c.reviewRound);
  return {
    id: c.id,
    articleId: c.articleId,
    workspaceId: c.workspaceId,
    statement: c.statement,
    claimant: c.claimant,
    tags: c.tags,
    priority: c.priority,
    dueAt: c.dueAt?.toISOString() ?? null,
    status: c.status,
    statusReason: c.statusReason,
    rating: c.rating,
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    review: {
      round: c.reviewRound,
      required: c.article.workspace.requiredVerdicts,
      submitted: current.length,
      reviewerIds: current.map((v) => v.reviewerId),
      awaitingConfirmation: c.pendingRating !== null,
    },
    spans: c.spans.map((s) => toSpan(s, latestRevisionId)),
    assignees: c.assignees.map((a) => a.user),
    createdBy: c.createdBy,
    evidenceIds: c.evidence.map((e) => e.id),
    commentIds: c.comments.map((e) => e.id),
    // A deleted claim drops out of its links (the row stays, as the claim does).
    duplicateOf: c.duplicateOf && !c.duplicateOf.original.deletedAt ? toClaimRef(c.duplicateOf.original) : null,
    duplicates: c.duplicates.filter((d) => !d.claim.deletedAt).map((d) => toClaimRef(d.claim)),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
