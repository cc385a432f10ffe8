/**
 * "Since you were last here": the newest activity entry a person has seen, per workspace (or
 * article), kept in this browser. Entry ids grow with time, so newer means a larger id.
 */

const key = (userId: string, scope: string) => `corroborate.activity-seen.${userId}.${scope}`;

type Store = Pick<Storage, 'getItem' | 'setItem'>;

function browserStore(): Store | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function readLastSeen(userId: string, scope: string, store = browserStore()): string | null {
  return store?.getItem(key(userId, scope)) ?? null;
}

/** Remembers `id` as seen, unless a newer one already is (another tab may have seen more). */
export function writeLastSeen(userId: string, scope: string, id: string, store = browserStore()): void {
  const seen = readLastSeen(userId, scope, store);
  if (seen === null || isNewer(id, seen)) store?.setItem(key(userId, scope), id);
}

/** Whether entry `id` came after `seen` (null: nothing seen yet, so nothing counts as new). */
export function isNewer(id: string, seen: string | null): boolean {
  if (seen === null) return false;
  try {
    return BigInt(id) > BigInt(seen);
  } catch {
    return false;
  }
}
