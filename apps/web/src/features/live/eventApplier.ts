import { Annotation, type ArticleEvent } from '@corroborate/contracts';

/**
 * Pure functions that fold the article's event log into the cached annotation list. Every
 * write to that cache (live events, catch-up, optimistic writes and their answers) goes
 * through `upsertAnnotation`/`removeAnnotations`, so the same rules hold everywhere.
 */

export type SeqVerdict = 'apply' | 'gap' | 'duplicate';

/** Where an event stands relative to the last one applied: next, ahead (missed some), or seen. */
export function classify(seq: number, lastSeq: number): SeqVerdict {
  if (seq === lastSeq + 1) return 'apply';
  return seq > lastSeq ? 'gap' : 'duplicate';
}

/**
 * Adds or replaces by id. An older version never overwrites a newer one (an HTTP answer can
 * arrive after the event that superseded it), and a deleted id never comes back.
 */
export function upsertAnnotation(
  list: readonly Annotation[],
  incoming: Annotation,
  deleted: ReadonlySet<string> = new Set(),
): Annotation[] {
  if (deleted.has(incoming.id)) return [...list];
  const index = list.findIndex((a) => a.id === incoming.id);
  if (index === -1) return [...list, incoming];
  if (list[index]!.version > incoming.version) return [...list];
  const next = [...list];
  next[index] = incoming;
  return next;
}

/** Removes the ids and any replies to them (a thread goes with its root). */
export function removeAnnotations(list: readonly Annotation[], ids: Iterable<string>): Annotation[] {
  const gone = new Set(ids);
  return list.filter((a) => !gone.has(a.id) && !(a.replyTo && gone.has(a.replyTo)));
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** The ids an `annotation.deleted` event removes (`data = {id, replyTo, deletedIds}`). */
export function deletedIdsOf(event: ArticleEvent): string[] {
  if (event.type !== 'annotation.deleted' || typeof event.data !== 'object' || event.data === null) return [];
  const { id, deletedIds } = event.data as { id?: unknown; deletedIds?: unknown };
  const ids = isStringArray(deletedIds) ? deletedIds : [];
  return typeof id === 'string' && !ids.includes(id) ? [id, ...ids] : ids;
}

/** The list after one event; events that do not concern annotations leave it unchanged. */
export function applyEvent(
  list: readonly Annotation[],
  event: ArticleEvent,
  deleted: ReadonlySet<string> = new Set(),
): Annotation[] {
  switch (event.type) {
    case 'annotation.created':
    case 'annotation.updated': {
      const parsed = Annotation.safeParse(event.data);
      return parsed.success ? upsertAnnotation(list, parsed.data, deleted) : [...list];
    }
    case 'annotation.deleted':
      return removeAnnotations(list, deletedIdsOf(event));
    default:
      return [...list];
  }
}

/** Folds several events in seq order. */
export function applyEvents(
  list: readonly Annotation[],
  events: readonly ArticleEvent[],
  deleted: ReadonlySet<string> = new Set(),
): Annotation[] {
  return [...events].sort((a, b) => a.seq - b.seq).reduce((acc, e) => applyEvent(acc, e, deleted), [...list]);
}
