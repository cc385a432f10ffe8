import type { Annotation } from '@corroborate/contracts';
import { byCreatedAt } from '../../lib/time';
import { spanOf } from './motivations';

export interface Thread {
  root: Annotation;
  replies: Annotation[];
}

/**
 * Threads in reading order (by where they start), with their replies oldest first. Threads
 * anchored to an older revision (their text is gone from the current one) are `detached`.
 */
export function buildThreads(list: readonly Annotation[], revisionId: string): { anchored: Thread[]; detached: Thread[] } {
  const replies = new Map<string, Annotation[]>();
  for (const a of list) {
    if (!a.replyTo) continue;
    const thread = replies.get(a.replyTo);
    if (thread) thread.push(a);
    else replies.set(a.replyTo, [a]);
  }
  const threads = list
    .filter((a) => !a.replyTo)
    .map((root) => ({ root, replies: (replies.get(root.id) ?? []).sort(byCreatedAt) }));
  const anchored = threads
    .filter((t) => t.root.revisionId === revisionId)
    .sort((a, b) => {
      const x = spanOf(a.root);
      const y = spanOf(b.root);
      return x.start - y.start || x.end - y.end || byCreatedAt(a.root, b.root);
    });
  const detached = threads.filter((t) => t.root.revisionId !== revisionId).sort((a, b) => byCreatedAt(a.root, b.root));
  return { anchored, detached };
}

/**
 * The same thread as far as showing it goes: the same annotation objects (the cache replaces
 * an annotation's object whenever it changes, and keeps it otherwise).
 */
export function sameThread(a: Thread, b: Thread): boolean {
  return a.root === b.root && a.replies.length === b.replies.length && a.replies.every((r, i) => r === b.replies[i]);
}

export type ThreadStatus = 'open' | 'resolved' | 'all';
export type ThreadKind = Exclude<Annotation['motivation'], 'replying'>;

/** Which threads the panel lists; an empty `kinds` means every kind. */
export interface ThreadFilter {
  status: ThreadStatus;
  kinds: ThreadKind[];
}

export const SHOW_ALL: ThreadFilter = { status: 'all', kinds: [] };

const statusOf = (t: Thread): Exclude<ThreadStatus, 'all'> => (t.root.resolved ? 'resolved' : 'open');

const admits = (filter: ThreadFilter, status: Exclude<ThreadStatus, 'all'>, kind: ThreadKind) =>
  (filter.status === 'all' || filter.status === status) && (filter.kinds.length === 0 || filter.kinds.includes(kind));

export function matchesFilter(thread: Thread, filter: ThreadFilter): boolean {
  return admits(filter, statusOf(thread), thread.root.motivation as ThreadKind);
}

/** Whether a thread about to be started (open, of `kind`) would be listed. */
export const showsNewThread = (filter: ThreadFilter, kind: ThreadKind) => admits(filter, 'open', kind);

/** How many threads each status choice would show, under the chosen kinds. */
export function countByStatus(threads: readonly Thread[], kinds: ThreadKind[]): Record<ThreadStatus, number> {
  const counts = { open: 0, resolved: 0, all: 0 };
  for (const t of threads) {
    if (!matchesFilter(t, { status: 'all', kinds })) continue;
    counts.all++;
    counts[statusOf(t)]++;
  }
  return counts;
}
