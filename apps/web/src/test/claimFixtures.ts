import { Claim, ClaimComment, Evidence, type Notification } from '@corroborate/contracts';
import { ARTICLE_ID, at, event, REVISION_ID, USER_ID, uuid } from './fixtures';

/** Builders for claims, evidence and claim comments, validated against the contracts. */

export const WORKSPACE_ID = uuid(0xd001);

export function claim({ id, ...rest }: Partial<Claim> & { id: string }): Claim {
  return Claim.parse({
    id,
    articleId: ARTICLE_ID,
    workspaceId: WORKSPACE_ID,
    statement: `claim ${id.slice(-4)}`,
    claimant: null,
    tags: [],
    priority: 'normal',
    dueAt: null,
    status: 'open',
    statusReason: null,
    rating: null,
    spans: [
      {
        id: uuid(0xe000 + parseInt(id.slice(-4), 16)),
        revisionId: REVISION_ID,
        target: {
          source: REVISION_ID,
          selector: [
            { type: 'TextQuoteSelector', exact: 'xxxxx', prefix: '', suffix: '' },
            { type: 'TextPositionSelector', start: 0, end: 5 },
          ],
        },
        orphaned: false,
      },
    ],
    resolvedAt: null,
    review: { round: 1, required: 2, submitted: 0, reviewerIds: [], awaitingConfirmation: false },
    assignees: [],
    createdBy: { id: USER_ID, displayName: 'Ada' },
    evidenceIds: [],
    commentIds: [],
    duplicateOf: null,
    duplicates: [],
    version: 1,
    createdAt: at(0),
    updatedAt: at(0),
    ...rest,
  });
}

export function evidence({ id, claimId, ...rest }: Partial<Evidence> & { id: string; claimId: string }): Evidence {
  return Evidence.parse({
    id,
    claimId,
    articleId: ARTICLE_ID,
    kind: 'url',
    url: `https://example.org/${id.slice(-4)}`,
    title: null,
    publisher: null,
    publishedAt: null,
    excerpt: null,
    stance: 'supports',
    reliability: 'unknown',
    reliabilityNote: null,
    note: null,
    sourceId: null,
    position: 0,
    createdBy: { id: USER_ID, displayName: 'Ada' },
    version: 1,
    createdAt: at(0),
    updatedAt: at(0),
    ...rest,
  });
}

export function claimComment({ id, claimId, ...rest }: Partial<ClaimComment> & { id: string; claimId: string }): ClaimComment {
  return ClaimComment.parse({
    id,
    claimId,
    articleId: ARTICLE_ID,
    body: `comment ${id.slice(-4)}`,
    replyTo: null,
    author: { id: USER_ID, displayName: 'Ada' },
    version: 1,
    createdAt: at(0),
    updatedAt: at(0),
    ...rest,
  });
}

export function notification({ id, ...rest }: Partial<Notification> & { id: string }): Notification {
  return {
    id,
    kind: 'claim.assigned',
    workspaceId: WORKSPACE_ID,
    articleId: ARTICLE_ID,
    claimId: uuid(1),
    annotationId: null,
    actor: { id: USER_ID, displayName: 'Ada' },
    text: 'Ada assigned you “claim”',
    createdAt: at(0),
    readAt: null,
    ...rest,
  };
}

/** Events shaped as the API writes them. */
export const claimEvent = {
  created: (seq: number, c: Claim) => event(seq, 'claim.created', c),
  updated: (seq: number, c: Claim) => event(seq, 'claim.updated', c),
  deleted: (seq: number, c: Claim) => event(seq, 'claim.deleted', { id: c.id }),
};

export const evidenceEvent = {
  created: (seq: number, e: Evidence) => event(seq, 'evidence.created', e),
  updated: (seq: number, e: Evidence) => event(seq, 'evidence.updated', e),
  deleted: (seq: number, e: Evidence) => event(seq, 'evidence.deleted', { id: e.id, claimId: e.claimId }),
  reordered: (seq: number, claimId: string, ids: string[]) => event(seq, 'evidence.reordered', { claimId, ids }),
};

export const commentEvent = {
  created: (seq: number, c: ClaimComment) => event(seq, 'claim-comment.created', c),
  updated: (seq: number, c: ClaimComment) => event(seq, 'claim-comment.updated', c),
  deleted: (seq: number, c: ClaimComment, deletedIds: string[] = [c.id]) => event(seq, 'claim-comment.deleted', { id: c.id, claimId: c.claimId, deletedIds }),
};
