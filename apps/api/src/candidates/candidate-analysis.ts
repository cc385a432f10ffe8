import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { WorkerPool } from '../infra/workers/worker-pool';
import { candidatesTask, type ScoredSentence } from './candidates';

/**
 * The scored sentences of each revision, worked out once: revisions never change, so a cached
 * answer is never stale. Concurrent requests for one revision share a single analysis, which
 * runs on the worker pool (tagging 50,000 characters takes about 150 ms of CPU).
 */
@Injectable()
export class CandidateAnalysis {
  private readonly cache = new LRUCache<string, Promise<ScoredSentence[]>>({ max: 500 });

  constructor(private readonly workers: WorkerPool) {}

  of(revisionId: string, text: string): Promise<ScoredSentence[]> {
    let pending = this.cache.get(revisionId);
    if (!pending) {
      pending = this.workers.run(candidatesTask, text, { field: 'text', doing: 'finding check-worthy sentences' });
      this.cache.set(revisionId, pending);
      pending.catch(() => this.cache.delete(revisionId));
    }
    return pending;
  }
}
