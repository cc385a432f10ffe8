import { useMemo, useSyncExternalStore } from 'react';
import type { Annotation } from '@corroborate/contracts';
import { editDrafts, pruneDrafts, readDraft, removeDraft, writeDraft, type DraftStorage, type EditDraft } from './drafts';

/** localStorage, or a page-lifetime stand-in where the browser blocks it. */
function browserStorage(): DraftStorage {
  try {
    const storage = window.localStorage;
    storage.getItem('');
    return storage;
  } catch {
    const entries = new Map<string, string>();
    return {
      getItem: (k) => entries.get(k) ?? null,
      setItem: (k, v) => void entries.set(k, v),
      removeItem: (k) => void entries.delete(k),
      key: (i) => [...entries.keys()][i] ?? null,
      get length() {
        return entries.size;
      },
    };
  }
}

const storage = browserStorage();
pruneDrafts(storage);

// Subscribers hear when a draft appears or goes, not on every keystroke (that would redraw the
// reader), and only after the current task: a save drops its draft as its write starts, and
// the reader's render must not hold that write back.
let version = 0;
const listeners = new Set<() => void>();
let telling: ReturnType<typeof setTimeout> | null = null;
const changed = () => {
  version++;
  telling ??= setTimeout(() => {
    telling = null;
    for (const listener of listeners) listener();
  });
};
window.addEventListener('storage', (event) => {
  if (event.key === null || event.key.startsWith('corroborate.draft') || event.key.startsWith('corroborate.edit')) changed();
});
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Unsent text, kept in localStorage until it is sent or discarded on purpose (see drafts.ts). */
export const draftStore = {
  read: (key: string): string | null => readDraft(storage, key),
  write(key: string, text: string, annotation?: Annotation): void {
    const existed = readDraft(storage, key) !== null;
    writeDraft(storage, key, text, annotation);
    if (existed !== (readDraft(storage, key) !== null)) changed();
  },
  remove(key: string): void {
    const existed = readDraft(storage, key) !== null;
    removeDraft(storage, key);
    if (existed) changed();
  },
};

/** This user's edits in progress on the article. */
export function useEditDrafts(userId: string | undefined, articleId: string): EditDraft[] {
  const current = useSyncExternalStore(subscribe, () => version);
  // `current` changes whenever a draft appears or goes: the list is read again then.
  return useMemo(() => (userId && current >= 0 ? editDrafts(storage, userId, articleId) : []), [current, userId, articleId]);
}
