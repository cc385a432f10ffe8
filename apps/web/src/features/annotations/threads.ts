import type { Annotation } from '@corroborate/contracts';
import { spanOf } from './motivations';

export interface Thread {
  root: Annotation;
  replies: Annotation[];
}

const byTime = (a: Annotation, b: Annotation) => a.createdAt.localeCompare(b.createdAt);

/**
 * Threads in reading order (by where they start), with their replies oldest first. Threads
 * anchored to an older revision (their text is gone from the current one) are `detached`.
 */
export function buildThreads(list: readonly Annotation[], revisionId: string): { anchored: Thread[]; detached: Thread[] } {
  const replies = new Map<string, Annotation[]>();
  for (const a of list) if (a.replyTo) replies.set(a.replyTo, [...(replies.get(a.replyTo) ?? []), a]);
  const threads = list
    .filter((a) => !a.replyTo)
    .map((root) => ({ root, replies: (replies.get(root.id) ?? []).sort(byTime) }));
  const anchored = threads
    .filter((t) => t.root.revisionId === revisionId)
    .sort((a, b) => {
      const x = spanOf(a.root);
      const y = spanOf(b.root);
      return x.start - y.start || x.end - y.end || byTime(a.root, b.root);
    });
  const detached = threads.filter((t) => t.root.revisionId !== revisionId).sort((a, b) => byTime(a.root, b.root));
  return { anchored, detached };
}
