import { Annotation, type ArticleEvent } from '@corroborate/contracts';
import { fieldsOf, isStringArray, upsertVersioned } from './versioned';

/** Adds or replaces by id (see `upsertVersioned`). */
export function upsertAnnotation(list: readonly Annotation[], incoming: Annotation, deleted: ReadonlySet<string> = new Set()): Annotation[] {
  return upsertVersioned(list, incoming, deleted);
}

/** Removes the ids and any replies to them (a thread goes with its root). */
export function removeAnnotations(list: readonly Annotation[], ids: Iterable<string>): Annotation[] {
  const gone = new Set(ids);
  return list.filter((a) => !gone.has(a.id) && !(a.replyTo && gone.has(a.replyTo)));
}

/** The ids an `annotation.deleted` event removes (`data = {id, replyTo, deletedIds}`), the root first. */
export function annotationDeletedIds(event: ArticleEvent): string[] {
  if (event.type !== 'annotation.deleted') return [];
  const { id, deletedIds } = fieldsOf(event);
  const ids = isStringArray(deletedIds) ? deletedIds : [];
  return typeof id === 'string' && !ids.includes(id) ? [id, ...ids] : ids;
}

/** The article's annotations after one event; events about other things leave them unchanged. */
export function applyAnnotationEvent(list: readonly Annotation[], event: ArticleEvent, deleted: ReadonlySet<string> = new Set()): Annotation[] {
  switch (event.type) {
    case 'annotation.created':
    case 'annotation.updated': {
      const parsed = Annotation.safeParse(event.data);
      return parsed.success ? upsertAnnotation(list, parsed.data, deleted) : [...list];
    }
    case 'annotation.deleted':
      return removeAnnotations(list, annotationDeletedIds(event));
    default:
      return [...list];
  }
}
