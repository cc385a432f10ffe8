import { Claim, ClaimComment, Evidence, type ArticleEvent } from '@corroborate/contracts';
import { fieldsOf, isStringArray } from './versioned';

type ChildList = 'evidenceIds' | 'commentIds';

/**
 * `incoming`'s ids, then those only `current` knows, without the deleted ones. Adding evidence
 * or a comment does not bump the claim's version, so an answer of the same or a newer version
 * may predate an id an event already added; removals always reach `deleted` first.
 */
function mergeIds(incoming: readonly string[], current: readonly string[], deleted: ReadonlySet<string>): string[] {
  const merged = incoming.filter((id) => !deleted.has(id));
  for (const id of current) if (!deleted.has(id) && !merged.includes(id)) merged.push(id);
  return merged;
}

/** Adds or replaces a claim by id: versions never go backwards, deleted ids stay away, counts merge. */
export function upsertClaim(list: readonly Claim[], incoming: Claim, deleted: ReadonlySet<string> = new Set()): Claim[] {
  if (deleted.has(incoming.id)) return [...list];
  const index = list.findIndex((c) => c.id === incoming.id);
  if (index === -1) return [...list, incoming];
  const current = list[index]!;
  if (current.version > incoming.version) return [...list];
  const next = [...list];
  next[index] = {
    ...incoming,
    evidenceIds: mergeIds(incoming.evidenceIds, current.evidenceIds, deleted),
    commentIds: mergeIds(incoming.commentIds, current.commentIds, deleted),
  };
  return next;
}

export function removeClaims(list: readonly Claim[], ids: Iterable<string>): Claim[] {
  const gone = new Set(ids);
  return list.filter((c) => !gone.has(c.id));
}

/** Changes one claim's list of evidence or comment ids; the claim's version stays. */
export function withChildIds(list: readonly Claim[], claimId: string, field: ChildList, change: (ids: string[]) => string[]): Claim[] {
  return list.map((c) => {
    if (c.id !== claimId) return c;
    const ids = change([...c[field]]);
    const same = ids.length === c[field].length && ids.every((id, i) => id === c[field][i]);
    return same ? c : { ...c, [field]: ids };
  });
}

/** Adds an id once (a repeated event or the writer's own answer changes nothing). */
export const addChildId = (list: readonly Claim[], claimId: string, field: ChildList, id: string, deleted: ReadonlySet<string> = new Set()) =>
  deleted.has(id) ? [...list] : withChildIds(list, claimId, field, (ids) => (ids.includes(id) ? ids : [...ids, id]));

export const removeChildIds = (list: readonly Claim[], claimId: string, field: ChildList, gone: readonly string[]) =>
  withChildIds(list, claimId, field, (ids) => ids.filter((id) => !gone.includes(id)));

/**
 * Ids in the order `order` gives; ids it does not name keep their place after them (added
 * since), and ids it names that are not here are not brought in (deleted since).
 */
export function reorderIds(ids: readonly string[], order: readonly string[]): string[] {
  const rank = new Map(order.map((id, i) => [id, i]));
  return ids
    .map((id, i) => ({ id, i }))
    .sort((a, b) => (rank.get(a.id) ?? order.length + a.i) - (rank.get(b.id) ?? order.length + b.i))
    .map((x) => x.id);
}

/** The ids a `claim-comment.deleted` event removes (`data = {id, claimId, deletedIds}`), the root first. */
export function claimCommentDeletedIds(event: ArticleEvent): string[] {
  if (event.type !== 'claim-comment.deleted') return [];
  const { id, deletedIds } = fieldsOf(event);
  const ids = isStringArray(deletedIds) ? deletedIds : [];
  return typeof id === 'string' && !ids.includes(id) ? [id, ...ids] : ids;
}

/**
 * The article's claims after one event. Evidence and comment events change only the claim's
 * `evidenceIds`/`commentIds`, which is what the board and lists count.
 */
export function applyClaimEvent(list: readonly Claim[], event: ArticleEvent, deleted: ReadonlySet<string> = new Set()): Claim[] {
  const data = fieldsOf(event);
  const claimId = typeof data.claimId === 'string' ? data.claimId : null;
  switch (event.type) {
    case 'claim.created':
    case 'claim.updated': {
      const parsed = Claim.safeParse(event.data);
      return parsed.success ? upsertClaim(list, parsed.data, deleted) : [...list];
    }
    case 'claim.deleted':
      return typeof data.id === 'string' ? removeClaims(list, [data.id]) : [...list];
    case 'evidence.created': {
      const parsed = Evidence.safeParse(event.data);
      return parsed.success ? addChildId(list, parsed.data.claimId, 'evidenceIds', parsed.data.id, deleted) : [...list];
    }
    case 'evidence.deleted':
      return claimId && typeof data.id === 'string' ? removeChildIds(list, claimId, 'evidenceIds', [data.id]) : [...list];
    case 'evidence.reordered':
      return claimId && isStringArray(data.ids) ? withChildIds(list, claimId, 'evidenceIds', (ids) => reorderIds(ids, data.ids as string[])) : [...list];
    case 'claim-comment.created': {
      const parsed = ClaimComment.safeParse(event.data);
      return parsed.success ? addChildId(list, parsed.data.claimId, 'commentIds', parsed.data.id, deleted) : [...list];
    }
    case 'claim-comment.deleted':
      return claimId ? removeChildIds(list, claimId, 'commentIds', claimCommentDeletedIds(event)) : [...list];
    default:
      return [...list];
  }
}
