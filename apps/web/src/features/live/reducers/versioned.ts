import type { ArticleEvent } from '@corroborate/contracts';

/** Anything the API versions: every entity an article's events carry. */
export interface Versioned {
  id: string;
  version: number;
}

/**
 * Adds or replaces by id, in place. An older version never overwrites a newer one (an HTTP
 * answer can arrive after the event that superseded it), an equal one replaces it (the
 * server's answer for an optimistic entry), and a deleted id never comes back.
 */
export function upsertVersioned<T extends Versioned>(list: readonly T[], incoming: T, deleted: ReadonlySet<string> = new Set()): T[] {
  if (deleted.has(incoming.id)) return [...list];
  const index = list.findIndex((x) => x.id === incoming.id);
  if (index === -1) return [...list, incoming];
  if (list[index]!.version > incoming.version) return [...list];
  const next = [...list];
  next[index] = incoming;
  return next;
}

/** Puts `before` back in place of the optimistic `version`, unless something newer replaced it. */
export function restoreVersioned<T extends Versioned>(list: readonly T[], before: T, optimisticVersion: number): T[] {
  return list.map((x) => (x.id === before.id && x.version === optimisticVersion ? before : x));
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** An event's data as an object with string fields, or an empty object. */
export function fieldsOf(event: ArticleEvent): Record<string, unknown> {
  return typeof event.data === 'object' && event.data !== null ? (event.data as Record<string, unknown>) : {};
}

/** `data.claimId` of an evidence or claim-comment event, when it names one. */
export function claimIdOf(event: ArticleEvent): string | null {
  const { claimId } = fieldsOf(event);
  return typeof claimId === 'string' ? claimId : null;
}
