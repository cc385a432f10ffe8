import { ClaimComment, type ArticleEvent } from '@corroborate/contracts';
import { claimCommentDeletedIds } from './claims';
import { upsertVersioned } from './versioned';

/** One claim's comments (threads one level deep), oldest first as the server lists them. */
export function upsertClaimComment(list: readonly ClaimComment[], incoming: ClaimComment, deleted: ReadonlySet<string> = new Set()): ClaimComment[] {
  return upsertVersioned(list, incoming, deleted);
}

/** Removes the ids and any replies to them (a thread goes with its root). */
export function removeClaimComments(list: readonly ClaimComment[], ids: Iterable<string>): ClaimComment[] {
  const gone = new Set(ids);
  return list.filter((c) => !gone.has(c.id) && !(c.replyTo && gone.has(c.replyTo)));
}

/** Claim `claimId`'s comments after one event; events about anything else leave them unchanged. */
export function applyClaimCommentEvent(list: readonly ClaimComment[], event: ArticleEvent, claimId: string, deleted: ReadonlySet<string> = new Set()): ClaimComment[] {
  switch (event.type) {
    case 'claim-comment.created':
    case 'claim-comment.updated': {
      const parsed = ClaimComment.safeParse(event.data);
      return parsed.success && parsed.data.claimId === claimId ? upsertClaimComment(list, parsed.data, deleted) : [...list];
    }
    case 'claim-comment.deleted':
      return removeClaimComments(list, claimCommentDeletedIds(event));
    default:
      return [...list];
  }
}
