import type { QueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { Annotation } from '@corroborate/contracts';
import { describeError } from '../../lib/errors';
import { http, isApiError } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';
import { articleSync } from '../live/articleSync';
import { liveWrite } from '../live/liveWrite';
import { removeAnnotations, upsertAnnotation } from '../live/eventApplier';
import { holdsChange, nextOp, rollbackOp, type OutboxOp } from './outbox';
import { draftStore } from './draftStore';
import { draftOfCreate, draftOfUpdate } from './drafts';
import { outbox } from './outboxStore';

export type Outcome = { queued: true } | { queued: false; result: Annotation | null };

const RETRY_MS = 5_000;
const MAX_RETRY_MS = 60_000;
const enc = encodeURIComponent;

/** A 409 answer's current annotation, when it carries one. */
export function conflictCurrent(error: unknown): Annotation | null {
  if (!isApiError(error, 'CONFLICT')) return null;
  const parsed = Annotation.safeParse(error.current);
  return parsed.success ? parsed.data : null;
}

/**
 * Sends one op. A resend after an unknown outcome is safe: a create repeats with its id
 * (the server answers 200), an update that already landed shows up as a 409 holding the
 * change, a delete that already landed as a 404.
 */
export async function sendOp(op: OutboxOp): Promise<Annotation | null> {
  switch (op.kind) {
    case 'create':
      return liveWrite('annotation:create', { articleId: op.articleId, body: op.body }, { method: 'POST', path: `/articles/${enc(op.articleId)}/annotations` });
    case 'update':
      try {
        return await liveWrite('annotation:update', { annotationId: op.id, body: op.body }, { method: 'PATCH', path: `/annotations/${enc(op.id)}` });
      } catch (error) {
        const current = conflictCurrent(error);
        if (current && current.version === op.body.version + 1 && holdsChange(current, op.body)) return current;
        throw error;
      }
    case 'delete':
      try {
        await http<void>(`/annotations/${enc(op.id)}`, { method: 'DELETE' });
      } catch (error) {
        if (!isApiError(error, 'NOT_FOUND')) throw error;
      }
      return null;
  }
}

/** The server accepted the op: its answer replaces the optimistic entry (same id, no duplicate). */
export function settleOp(queryClient: QueryClient, op: OutboxOp, result: Annotation | null): void {
  const sync = articleSync(queryClient, op.articleId);
  if (op.kind === 'delete') for (const a of op.before) sync.deleted.add(a.id);
  queryClient.setQueryData<Annotation[]>(queryKeys.articles.annotations(op.articleId), (list) => {
    if (!list) return list;
    if (op.kind === 'delete') return removeAnnotations(list, [op.id]);
    return result ? upsertAnnotation(list, result, sync.deleted) : list;
  });
}

const FAILED: Record<OutboxOp['kind'], string> = {
  create: 'Annotation not saved',
  update: 'Change not saved',
  delete: 'Annotation not deleted',
};

/** The server refused the op: undo it, show the current version on a conflict, and say why. */
export function failOp(queryClient: QueryClient, op: OutboxOp, error: unknown): void {
  const sync = articleSync(queryClient, op.articleId);
  const current = conflictCurrent(error);
  // A refused new thread's text goes back to its passage's draft, where the composer finds it.
  const draft = op.kind === 'create' ? draftOfCreate(op) : null;
  if (draft && draftStore.read(draft.key) === null) draftStore.write(draft.key, draft.text);
  // So does a refused edit's, to its edit draft: the card reopens with it.
  const edit = op.kind === 'update' ? draftOfUpdate(op) : null;
  if (edit && draftStore.read(edit.key) === null) draftStore.write(edit.key, edit.text, edit.annotation);
  queryClient.setQueryData<Annotation[]>(queryKeys.articles.annotations(op.articleId), (list) => {
    if (!list) return list;
    const undone = rollbackOp(list, op, sync.deleted);
    return current ? upsertAnnotation(undone, current, sync.deleted) : undone;
  });
  if (current) {
    notifications.show({
      color: 'orange',
      title: `${FAILED[op.kind]}: someone else changed it`,
      message: 'It changed since you read it and now shows the current version. Review it and try again.',
    });
    return;
  }
  const { title, message } = describeError(error);
  notifications.show({ color: 'red', title: `${FAILED[op.kind]}: ${title}`, message });
}

/** Worth sending again later rather than giving up on. */
const transient = (error: unknown) =>
  isApiError(error, 'NETWORK') || isApiError(error, 'UNAUTHENTICATED') || isApiError(error, 'RATE_LIMITED') || isApiError(error, 'UNAVAILABLE');

let flushing: Promise<void> | null = null;

/** Sends the user's queued ops one at a time, oldest first; stops at the first transient failure. */
export function flushOutbox(queryClient: QueryClient, userId: string): Promise<void> {
  flushing ??= (async () => {
    for (let op = nextOp(outbox.all(), userId); op; op = nextOp(outbox.all(), userId)) {
      try {
        const result = await sendOp(op);
        retryDelay = RETRY_MS;
        outbox.remove(op.opId);
        settleOp(queryClient, op, result);
      } catch (error) {
        if (transient(error)) {
          retryLater(queryClient, userId);
          return;
        }
        outbox.remove(op.opId);
        failOp(queryClient, op, error);
      }
    }
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryDelay = RETRY_MS;

/**
 * Coming back online flushes too; this covers a request that failed while the browser stayed
 * online (server down, session expired), backing off to a minute between tries.
 */
function retryLater(queryClient: QueryClient, userId: string): void {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => {
    if (navigator.onLine) void flushOutbox(queryClient, userId);
  }, retryDelay);
  retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
}

/**
 * Sends the op now, or queues it: when offline, when earlier ops are still waiting (order
 * matters), or when the request never reached the server or the server could not serve it.
 */
export async function submitOp(queryClient: QueryClient, op: OutboxOp): Promise<Outcome> {
  if (!navigator.onLine || nextOp(outbox.all(), op.userId)) {
    outbox.add(op);
    if (navigator.onLine) void flushOutbox(queryClient, op.userId);
    return { queued: true };
  }
  try {
    return { queued: false, result: await sendOp(op) };
  } catch (error) {
    // No answer, or the server is briefly unavailable (503): kept and sent once it is back.
    if (!isApiError(error, 'NETWORK') && !isApiError(error, 'UNAVAILABLE')) throw error;
    outbox.add(op);
    retryLater(queryClient, op.userId);
    return { queued: true };
  }
}
