import { Evidence, type ArticleEvent } from '@corroborate/contracts';
import { reorderIds } from './claims';
import { fieldsOf, isStringArray, upsertVersioned } from './versioned';

/** One claim's evidence, in the desk's order (the list's order; `position` is the server's). */
export function upsertEvidence(list: readonly Evidence[], incoming: Evidence, deleted: ReadonlySet<string> = new Set()): Evidence[] {
  return upsertVersioned(list, incoming, deleted);
}

export function removeEvidence(list: readonly Evidence[], ids: Iterable<string>): Evidence[] {
  const gone = new Set(ids);
  return list.filter((e) => !gone.has(e.id));
}

/** The items in the given order; items added since keep their place after the named ones. */
export function reorderEvidence(list: readonly Evidence[], order: readonly string[]): Evidence[] {
  const byId = new Map(list.map((e) => [e.id, e]));
  return reorderIds(
    list.map((e) => e.id),
    order,
  ).map((id) => byId.get(id)!);
}

/** Claim `claimId`'s evidence after one event; events about anything else leave it unchanged. */
export function applyEvidenceEvent(list: readonly Evidence[], event: ArticleEvent, claimId: string, deleted: ReadonlySet<string> = new Set()): Evidence[] {
  const data = fieldsOf(event);
  switch (event.type) {
    case 'evidence.created':
    case 'evidence.updated': {
      const parsed = Evidence.safeParse(event.data);
      return parsed.success && parsed.data.claimId === claimId ? upsertEvidence(list, parsed.data, deleted) : [...list];
    }
    case 'evidence.deleted':
      return data.claimId === claimId && typeof data.id === 'string' ? removeEvidence(list, [data.id]) : [...list];
    case 'evidence.reordered':
      return data.claimId === claimId && isStringArray(data.ids) ? reorderEvidence(list, data.ids) : [...list];
    default:
      return [...list];
  }
}
