import { useSyncExternalStore } from 'react';

/**
 * Whether the API is serving. A 503 (database away, deploy under way) marks it unavailable:
 * screens then say "Reconnecting…" instead of showing errors, and the client asks readiness
 * until it answers, then tells whoever waits (failed queries refetch, queued writes go out).
 */
const MIN_POLL_MS = 1_000;
const MAX_POLL_MS = 10_000;

let unavailable = false;
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();
const backListeners = new Set<() => void>();

function set(next: boolean): void {
  if (next === unavailable) return;
  unavailable = next;
  for (const listener of listeners) listener();
  if (!next) for (const listener of backListeners) listener();
}

function pollIn(ms: number): void {
  clearTimeout(timer);
  timer = setTimeout(() => void poll(ms), ms);
}

async function poll(lastWait: number): Promise<void> {
  try {
    const res = await fetch('/api/health/ready', { headers: { Accept: 'application/json' } });
    if (res.ok) {
      set(false);
      return;
    }
  } catch {
    // Not answering at all: keep asking.
  }
  pollIn(Math.min(lastWait * 2, MAX_POLL_MS));
}

/** A 503 arrived; `retryAfterS` is the server's hint (Retry-After) when it gave one. */
export function reportUnavailable(retryAfterS?: number): void {
  const first = !unavailable;
  set(true);
  if (first) pollIn(Math.min(Math.max((retryAfterS ?? 0) * 1000, MIN_POLL_MS), MAX_POLL_MS));
}

export function isServerUnavailable(): boolean {
  return unavailable;
}

/** Calls `listener` each time the server is back; returns the unsubscribe. */
export function onServerBack(listener: () => void): () => void {
  backListeners.add(listener);
  return () => {
    backListeners.delete(listener);
  };
}

export function useServerUnavailable(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => unavailable,
  );
}
