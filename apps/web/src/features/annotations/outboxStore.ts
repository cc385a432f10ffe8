import { useSyncExternalStore } from 'react';
import { dequeue, enqueue, parseQueue, type OutboxOp } from './outbox';

const STORAGE_KEY = 'corroborate.outbox.v1';

function read(): OutboxOp[] {
  try {
    return parseQueue(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return [];
  }
}

let queue: OutboxOp[] = read();
const listeners = new Set<() => void>();

function publish(next: OutboxOp[]): void {
  queue = next;
  try {
    if (next.length) window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage full or blocked: the queue still works for this page's lifetime.
  }
  for (const listener of listeners) listener();
}

// Another tab changed the queue.
window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return;
  queue = read();
  for (const listener of listeners) listener();
});

/** Writes waiting for the connection, in the order they were made; kept in localStorage. */
export const outbox = {
  all: (): readonly OutboxOp[] => queue,
  add: (op: OutboxOp): void => publish(enqueue(queue, op)),
  remove: (opId: string): void => publish(dequeue(queue, opId)),
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useOutbox(): readonly OutboxOp[] {
  return useSyncExternalStore(outbox.subscribe, outbox.all);
}
