import type { Annotation, Motivation } from '@corroborate/contracts';
import type { Span } from './anchoring';
import { spanOf } from './motivations';
import type { CreateOp, UpdateOp } from './outbox';

/** What drafts need of localStorage (the Web Storage interface), so they can be tested without a browser. */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const NEW = 'corroborate.draft.v1';
const EDIT = 'corroborate.edit.v1';
/** A draft nobody came back to for this long is dropped, so storage does not fill up. */
export const DRAFT_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** A new annotation's draft: per user, article, passage and kind. */
export const newDraftKey = (userId: string, articleId: string, motivation: Motivation, span: Span) =>
  `${NEW}:${userId}:${articleId}:${span.start}-${span.end}:${motivation}`;

/** A reply being written: per user, article and thread. */
export const replyDraftKey = (userId: string, articleId: string, rootId: string) => `${NEW}:${userId}:${articleId}:reply:${rootId}`;

/** An edit in progress: per user, article and annotation. */
export const editDraftKey = (userId: string, articleId: string, annotationId: string) => `${EDIT}:${userId}:${articleId}:${annotationId}`;

interface Stored {
  text: string;
  savedAt: number;
  /** For edits: the annotation as it was when the edit began, to offer the text again if it is deleted. */
  annotation?: Annotation;
}

function parse(raw: string | null): Stored | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Stored;
    return typeof value?.text === 'string' && typeof value.savedAt === 'number' ? value : null;
  } catch {
    return null;
  }
}

// Storage can be full or blocked (private windows): drafts are then kept for the page's lifetime only.
function attempt<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

export function readDraft(storage: DraftStorage, key: string, now = Date.now()): string | null {
  const stored = parse(attempt(() => storage.getItem(key), null));
  return stored && now - stored.savedAt < DRAFT_TTL_MS ? stored.text : null;
}

/** Saves the text; text that is only whitespace removes the draft instead. */
export function writeDraft(storage: DraftStorage, key: string, text: string, annotation?: Annotation, now = Date.now()): void {
  if (!text.trim()) return removeDraft(storage, key);
  const value: Stored = { text, savedAt: now, ...(annotation ? { annotation } : {}) };
  attempt(() => storage.setItem(key, JSON.stringify(value)), undefined);
}

export function removeDraft(storage: DraftStorage, key: string): void {
  attempt(() => storage.removeItem(key), undefined);
}

function keys(storage: DraftStorage): string[] {
  return attempt(() => Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((k): k is string => k !== null), []);
}

export interface EditDraft {
  key: string;
  text: string;
  annotation: Annotation;
}

/** This user's edits in progress on an article, with the annotation each began from. */
export function editDrafts(storage: DraftStorage, userId: string, articleId: string, now = Date.now()): EditDraft[] {
  const prefix = `${EDIT}:${userId}:${articleId}:`;
  return keys(storage)
    .filter((key) => key.startsWith(prefix))
    .flatMap((key) => {
      const stored = parse(attempt(() => storage.getItem(key), null));
      if (!stored?.annotation || now - stored.savedAt >= DRAFT_TTL_MS) return [];
      return [{ key, text: stored.text, annotation: stored.annotation }];
    });
}

/** Drops drafts older than the time-to-live, of every user and article. */
export function pruneDrafts(storage: DraftStorage, now = Date.now()): void {
  for (const key of keys(storage)) {
    if (!key.startsWith(`${NEW}:`) && !key.startsWith(`${EDIT}:`)) continue;
    const stored = parse(attempt(() => storage.getItem(key), null));
    if (!stored || now - stored.savedAt >= DRAFT_TTL_MS) removeDraft(storage, key);
  }
}

/**
 * The draft a new thread (its passage's) or reply (its thread's) was written in, recovered from
 * its create op: removed once the create is sent, written back if the server refuses it.
 * Highlights have none.
 */
export function draftOfCreate(op: CreateOp): { key: string; text: string } | null {
  const a = op.draft;
  if (a.replyTo) return { key: replyDraftKey(op.userId, op.articleId, a.replyTo), text: a.body ?? '' };
  if (a.motivation === 'replying' || a.motivation === 'highlighting') return null;
  const text = a.motivation === 'tagging' ? a.tags.join(', ') : (a.body ?? '');
  return { key: newDraftKey(op.userId, op.articleId, a.motivation, spanOf(a)), text };
}

/**
 * The edit an update op carried, as the edit draft it was typed in: written back when the
 * server refuses it, so the card reopens with the text (or, if the annotation is gone, it is
 * offered as an orphaned edit). Resolving and reopening carry no text.
 */
export function draftOfUpdate(op: UpdateOp): EditDraft | null {
  const { body, tags } = op.body;
  if (body === undefined && tags === undefined) return null;
  const text = tags !== undefined ? tags.join(', ') : (body ?? '');
  return { key: editDraftKey(op.userId, op.articleId, op.id), text, annotation: op.before };
}
