import type { QueryKey } from '@tanstack/react-query';
import type { Annotation, ArticleEvent, Claim, ClaimComment, Evidence } from '@corroborate/contracts';
import { queryKeys } from '../../lib/queryKeys';
import { annotationDeletedIds, applyAnnotationEvent } from './reducers/annotations';
import { applyClaimCommentEvent } from './reducers/claimComments';
import { applyClaimEvent, claimCommentDeletedIds } from './reducers/claims';
import { applyEvidenceEvent } from './reducers/evidence';
import { claimIdOf, fieldsOf } from './reducers/versioned';

/**
 * Where the article's event log meets the query cache. One pure reducer per kind of entity
 * (`reducers/`) folds events into its cached list; every write to those lists (live events,
 * catch-up, optimistic writes and their answers) goes through the same reducers, so the same
 * rules hold everywhere: repeats change nothing, versions never go backwards, deletes stick.
 */

export { removeAnnotations, upsertAnnotation } from './reducers/annotations';

export type SeqVerdict = 'apply' | 'gap' | 'duplicate';

/** Where an event stands relative to the last one applied: next, ahead (missed some), or seen. */
export function classify(seq: number, lastSeq: number): SeqVerdict {
  if (seq === lastSeq + 1) return 'apply';
  return seq > lastSeq ? 'gap' : 'duplicate';
}

/** The annotation list after one event (the annotations reducer). */
export const applyEvent = applyAnnotationEvent;

/** Folds several events into the annotation list in seq order. */
export function applyEvents(list: readonly Annotation[], events: readonly ArticleEvent[], deleted: ReadonlySet<string> = new Set()): Annotation[] {
  return [...events].sort((a, b) => a.seq - b.seq).reduce((acc, e) => applyAnnotationEvent(acc, e, deleted), [...list]);
}

/** Every id an event deletes, of any kind: none of them may come back. */
export function deletedIdsOf(event: ArticleEvent): string[] {
  const { id } = fieldsOf(event);
  switch (event.type) {
    case 'annotation.deleted':
      return annotationDeletedIds(event);
    case 'claim-comment.deleted':
      return claimCommentDeletedIds(event);
    case 'claim.deleted':
    case 'evidence.deleted':
      return typeof id === 'string' ? [id] : [];
    default:
      return [];
  }
}

/** The claim an event is about (its history changes with it), or null. */
export function claimOf(event: ArticleEvent): string | null {
  if (event.type.startsWith('claim.')) {
    const { id } = fieldsOf(event);
    return typeof id === 'string' ? id : null;
  }
  return ['evidence.', 'claim-comment.', 'verdict.'].some((prefix) => event.type.startsWith(prefix)) ? claimIdOf(event) : null;
}

/** One cached list an event changes, and how. */
export interface ListChange {
  key: QueryKey;
  update: (list: readonly unknown[]) => unknown[];
}

const change = <T>(key: QueryKey, update: (list: readonly T[]) => T[]): ListChange => ({
  key,
  // Each key holds exactly the list its reducer folds; this is the one place that pairs them.
  update: update as (list: readonly unknown[]) => unknown[],
});

/** The cached lists of `articleId` that `event` changes, each with its reducer. */
export function changesOf(articleId: string, event: ArticleEvent, deleted: ReadonlySet<string>): ListChange[] {
  const keys = queryKeys.articles;
  const claims = change<Claim>(keys.claims(articleId), (list) => applyClaimEvent(list, event, deleted));
  const claimId = claimIdOf(event);
  if (event.type.startsWith('annotation.')) {
    return [change<Annotation>(keys.annotations(articleId), (list) => applyAnnotationEvent(list, event, deleted))];
  }
  if (event.type.startsWith('claim.')) return [claims];
  if (event.type.startsWith('evidence.') && claimId) {
    return [claims, change<Evidence>(keys.claimEvidence(articleId, claimId), (list) => applyEvidenceEvent(list, event, claimId, deleted))];
  }
  if (event.type.startsWith('claim-comment.') && claimId) {
    return [claims, change<ClaimComment>(keys.claimComments(articleId, claimId), (list) => applyClaimCommentEvent(list, event, claimId, deleted))];
  }
  return [];
}

/** Lists of an article kept by its events (refetched together after a resync). */
const LIVE_LISTS = new Set(['annotations', 'claims', 'claim-evidence', 'claim-comments']);

/** True for a query key of one of `articleId`'s live lists. */
export const isLiveList = (articleId: string, key: QueryKey) => key[0] === 'articles' && key[1] === articleId && LIVE_LISTS.has(String(key[2]));
