import { DEFAULT_REQUIRED_VERDICTS, type Article, type Claim, type ClaimSpan, type Person, type UpdateClaimBody } from '@corroborate/contracts';
import { spanSelectors, type Span } from '../annotations/anchoring';

export type ClaimPatch = Omit<UpdateClaimBody, 'version' | 'reason'> & { reason?: string };

/** The claim as a change would leave it until the server answers (which replaces it). */
export function patchedClaim(claim: Claim, patch: ClaimPatch, people: readonly Person[], now: string): Claim {
  const byId = new Map([...people, ...claim.assignees].map((p) => [p.id, p]));
  return {
    ...claim,
    ...(patch.statement !== undefined ? { statement: patch.statement } : {}),
    ...(patch.claimant !== undefined ? { claimant: patch.claimant || null } : {}),
    ...(patch.tags !== undefined ? { tags: patch.tags } : {}),
    ...(patch.priority !== undefined ? { priority: patch.priority } : {}),
    ...(patch.dueAt !== undefined ? { dueAt: patch.dueAt ? new Date(patch.dueAt).toISOString() : null } : {}),
    ...(patch.status !== undefined ? { status: patch.status, statusReason: patch.reason ?? null } : {}),
    ...(patch.assigneeIds !== undefined
      ? { assignees: patch.assigneeIds.flatMap((id) => { const p = byId.get(id); return p ? [p] : []; }) }
      : {}),
    version: claim.version + 1,
    updatedAt: now,
  };
}

/** A span of the latest text, as the claim will hold it. */
export function spanOf(article: Article, span: Span, id: string): ClaimSpan {
  return {
    id,
    revisionId: article.revision.id,
    target: { source: article.revision.id, selector: spanSelectors(article.revision.text, span) },
    orphaned: false,
  };
}

/** A new claim as it shows until the server answers. */
export function draftClaim(article: Article, id: string, statement: string, claimant: string, spans: ClaimSpan[], author: Person, now: string): Claim {
  return {
    id,
    articleId: article.id,
    workspaceId: article.workspaceId,
    statement,
    claimant: claimant || null,
    tags: [],
    priority: 'normal',
    dueAt: null,
    status: 'open',
    statusReason: null,
    rating: null,
    resolvedAt: null,
    // The workspace's own number arrives with the server's answer.
    review: { round: 1, required: DEFAULT_REQUIRED_VERDICTS, submitted: 0, reviewerIds: [], awaitingConfirmation: false },
    spans,
    assignees: [],
    createdBy: author,
    evidenceIds: [],
    commentIds: [],
    duplicateOf: null,
    duplicates: [],
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/** The claim with one span moved to a new passage. */
export function reattachedClaim(claim: Claim, span: ClaimSpan, now: string): Claim {
  return { ...claim, spans: claim.spans.map((s) => (s.id === span.id ? span : s)), version: claim.version + 1, updatedAt: now };
}

/** A claim's first passage still in the text: where it sits in reading order. */
export const claimStart = (claim: Claim) => Math.min(...claim.spans.filter((s) => !s.orphaned).map((s) => s.target.selector[1].start), Number.POSITIVE_INFINITY);
