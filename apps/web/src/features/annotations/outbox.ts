import type { z } from 'zod';
import type { Annotation, CreateAnnotationBody, UpdateAnnotationBody } from '@corroborate/contracts';
import { removeAnnotations, upsertAnnotation } from '../live/eventApplier';

/**
 * A write to an annotation, as the optimistic cache change and the request that makes it
 * real. Ops carry what they need to be applied, sent and undone, so a queued op survives a
 * reload; all functions here are pure.
 */
interface OpBase {
  /** Unique per op, so the same annotation can have several queued ops. */
  opId: string;
  articleId: string;
  /** The signed-in user who made it: another user never sends it. */
  userId: string;
  /** The annotation written. */
  id: string;
}

export type CreateOp = OpBase & {
  kind: 'create';
  body: z.input<typeof CreateAnnotationBody> & { id: string };
  /** How the annotation looks until the server answers. */
  draft: Annotation;
};
export type UpdateOp = OpBase & { kind: 'update'; body: UpdateAnnotationBody; before: Annotation };
export type DeleteOp = OpBase & { kind: 'delete'; before: Annotation[] };
export type OutboxOp = CreateOp | UpdateOp | DeleteOp;

export const enqueue = (queue: readonly OutboxOp[], op: OutboxOp): OutboxOp[] => [...queue, op];

export const dequeue = (queue: readonly OutboxOp[], opId: string): OutboxOp[] => queue.filter((op) => op.opId !== opId);

/** The oldest op of this user: ops go out strictly in the order they were made. */
export const nextOp = (queue: readonly OutboxOp[], userId: string): OutboxOp | undefined =>
  queue.find((op) => op.userId === userId);

export const opsFor = (queue: readonly OutboxOp[], articleId: string): OutboxOp[] =>
  queue.filter((op) => op.articleId === articleId);

/** Reads a stored queue; anything unreadable is dropped rather than breaking the app. */
export function parseQueue(raw: string | null): OutboxOp[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (op): op is OutboxOp =>
        typeof op === 'object' &&
        op !== null &&
        ['create', 'update', 'delete'].includes((op as OutboxOp).kind) &&
        typeof (op as OutboxOp).opId === 'string' &&
        typeof (op as OutboxOp).id === 'string',
    );
  } catch {
    return [];
  }
}

/** The annotation as an update would leave it. */
export function patched(annotation: Annotation, body: UpdateAnnotationBody, userId: string, now: string): Annotation {
  const resolvedChange =
    body.resolved === undefined || body.resolved === annotation.resolved
      ? {}
      : body.resolved
        ? { resolved: true, resolvedAt: now, resolvedBy: userId }
        : { resolved: false, resolvedAt: null, resolvedBy: null };
  const edited = (body.body !== undefined && body.body !== annotation.body) || (body.tags !== undefined && !sameTags(body.tags, annotation.tags));
  return {
    ...annotation,
    ...(body.body !== undefined ? { body: body.body } : {}),
    ...(body.tags !== undefined ? { tags: body.tags } : {}),
    ...resolvedChange,
    ...(edited ? { editedAt: now } : {}),
    version: annotation.version + 1,
    updatedAt: now,
  };
}

const sameTags = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/** True when `current` already holds the update: a resend after an unknown outcome. */
export function holdsChange(current: Annotation, body: UpdateAnnotationBody): boolean {
  return (
    (body.body === undefined || current.body === body.body) &&
    (body.tags === undefined || sameTags(current.tags, body.tags)) &&
    (body.resolved === undefined || current.resolved === body.resolved)
  );
}

/** The optimistic effect of an op on the cached list. */
export function applyOp(list: readonly Annotation[], op: OutboxOp): Annotation[] {
  switch (op.kind) {
    case 'create':
      return list.some((a) => a.id === op.id) ? [...list] : [...list, op.draft];
    case 'update': {
      const current = list.find((a) => a.id === op.id);
      // Applies only on top of the version it was made against.
      if (!current || current.version !== op.body.version) return [...list];
      return upsertAnnotation(list, patched(current, op.body, op.userId, new Date().toISOString()));
    }
    case 'delete':
      return removeAnnotations(list, [op.id]);
  }
}

export const applyOps = (list: readonly Annotation[], ops: readonly OutboxOp[]): Annotation[] =>
  ops.reduce((acc, op) => applyOp(acc, op), [...list]);

/** Undoes an op the server refused, leaving anything newer from the server in place. */
export function rollbackOp(list: readonly Annotation[], op: OutboxOp, deleted: ReadonlySet<string> = new Set()): Annotation[] {
  switch (op.kind) {
    case 'create':
      return removeAnnotations(list, [op.id]);
    case 'update': {
      const current = list.find((a) => a.id === op.id);
      if (!current || current.version !== op.body.version + 1) return [...list];
      return list.map((a) => (a.id === op.id ? op.before : a));
    }
    case 'delete':
      return op.before.reduce(
        (acc, a) => (acc.some((x) => x.id === a.id) ? acc : upsertAnnotation(acc, a, deleted)),
        [...list],
      );
  }
}
