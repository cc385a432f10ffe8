import { setImmediate as nextTurn } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { bestFirst, scoreRange, slices, type ScoredSentence } from './candidates';

/**
 * The scored sentences of each revision, worked out once: revisions never change, so a cached
 * answer is never stale. Concurrent requests for one revision share a single analysis.
 *
 * The analysis runs on this thread, one slice of a few thousand characters at a time with a
 * turn of the event loop between slices, so a long article (50,000 characters take about
 * 150 ms) never holds other requests up for more than a slice. `candidates(text)` is the same
 * work as one pure call, ready to move to a worker thread.
 */
@Injectable()
export class CandidateAnalysis {
  private readonly cache = new LRUCache<string, Promise<ScoredSentence[]>>({ max: 500 });

  of(revisionId: string, text: string): Promise<ScoredSentence[]> {
    let pending = this.cache.get(revisionId);
    if (!pending) {
      pending = this.analyse(text);
      this.cache.set(revisionId, pending);
      pending.catch(() => this.cache.delete(revisionId));
    }
    return pending;
  }

  private async analyse(text: string): Promise<ScoredSentence[]> {
    const out: ScoredSentence[] = [];
    for (const [from, to] of slices(text)) {
      await nextTurn();
      out.push(...scoreRange(text, from, to));
    }
    return out.sort(bestFirst);
  }
}
