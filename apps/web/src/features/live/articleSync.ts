import { hashKey, type QueryClient, type QueryKey } from '@tanstack/react-query';
import type { ArticleEvent, JoinAck } from '@corroborate/contracts';
import { http } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';
import { refreshDiscovery } from '../discovery/liveRefresh';
import { changesOf, claimOf, classify, deletedIdsOf, isLiveList } from './eventApplier';
import type { LiveSocket } from './socket';

const JOIN_TIMEOUT_MS = 10_000;
const PAGE = 1_000;

/** A fetch of one live list in flight, and the events that applied meanwhile. */
interface Loading {
  count: number;
  deferred: ArticleEvent[];
}

/**
 * One article's place in its event log, and the only code that writes live events into the
 * article's cached lists (annotations, claims, each claim's evidence and comments). Events
 * apply strictly in seq order: the next one applies, a later one first fetches what was
 * missed, a repeat is dropped.
 */
export class ArticleSync {
  /** The last event applied to the cache; unknown until the first join. */
  lastSeq: number | undefined;
  /** Ids deleted on the server: a late answer or event must not bring them back. */
  readonly deleted = new Set<string>();
  /** Events held while a join or catch-up is under way, applied once it ends. */
  private inbox: ArticleEvent[] = [];
  private holding = false;
  /** Lists being fetched (by key hash): events for them are replayed onto the answer. */
  private loading = new Map<string, Loading>();

  constructor(
    readonly articleId: string,
    private readonly queryClient: QueryClient,
  ) {}

  /** A read of the article's lists at one seq (the reader view) under way: joins wait for it. */
  private reading: Promise<unknown> | undefined;

  /**
   * Runs `read`, which ends by calling `baseline`; a join made meanwhile (the socket often
   * connects first) waits for it and resumes from its seq, instead of fetching the lists again.
   */
  resumeFrom<T>(read: () => Promise<T>): Promise<T> {
    const done = read();
    const reading = done.catch(() => undefined);
    this.reading = reading;
    void reading.then(() => {
      if (this.reading === reading) this.reading = undefined;
    });
    return done;
  }

  /** Joins the article's room, or re-joins after a reconnect, and catches up from `lastSeq`. */
  async join(socket: LiveSocket): Promise<JoinAck> {
    if (this.reading) await this.reading;
    const hasData = this.queryClient.getQueriesData({ predicate: (q) => isLiveList(this.articleId, q.queryKey) }).some(([, data]) => data !== undefined);
    const sinceSeq = hasData ? this.lastSeq : undefined;
    this.holding = true;
    try {
      const ack = await socket
        .timeout(JOIN_TIMEOUT_MS)
        .emitWithAck('article:join', sinceSeq === undefined ? { articleId: this.articleId } : { articleId: this.articleId, sinceSeq });
      if (!ack.ok) return ack;
      if ('resync' in ack || sinceSeq === undefined) {
        // Too much was missed (or nothing is cached): a fresh list taken after the join is the baseline.
        this.lastSeq = ack.seq;
        void this.refetch();
      } else {
        this.inbox.push(...ack.missed);
      }
      return ack;
    } finally {
      this.holding = false;
      this.drain();
    }
  }

  /**
   * Lists (`fresh`) were read at `seq` (the reader view): the join resumes from there instead
   * of fetching them again. Other lists cached before may be older, so they are fetched anew.
   * Once following, events replay onto the fresh lists harmlessly and nothing changes.
   */
  baseline(seq: number, fresh: readonly QueryKey[]): void {
    if (this.lastSeq !== undefined) return;
    this.lastSeq = seq;
    const hashes = new Set(fresh.map((key) => hashKey(key)));
    void this.refetch((key) => !hashes.has(hashKey(key)));
  }

  /** A live event from the socket. */
  receive(event: ArticleEvent): void {
    if (event.articleId !== this.articleId) return;
    if (this.holding || this.lastSeq === undefined) {
      this.inbox.push(event);
      return;
    }
    const verdict = classify(event.seq, this.lastSeq);
    if (verdict === 'apply') {
      this.deliver(event);
      // It may close a gap that held later events back (broadcasts can overtake each other).
      if (this.inbox.length > 0) this.drain();
    } else if (verdict === 'gap') {
      this.inbox.push(event);
      void this.catchUp();
    }
  }

  /**
   * Wraps a request for one of the article's full lists (`key`): events for it that apply
   * while the request is in flight are replayed onto its answer, which may or may not include
   * them already (the reducers make a replay harmless).
   */
  async load<T>(key: QueryKey, request: () => Promise<T[]>): Promise<T[]> {
    const hash = hashKey(key);
    const loading = this.loading.get(hash) ?? { count: 0, deferred: [] };
    this.loading.set(hash, loading);
    loading.count += 1;
    try {
      const list = await request();
      return this.replay(key, list, loading.deferred);
    } catch (error) {
      if (loading.count === 1) {
        // Nothing will replace the cache: the held events go onto what is there.
        this.queryClient.setQueryData<T[]>(key, (list) => list && this.replay(key, list, loading.deferred));
      }
      throw error;
    } finally {
      loading.count -= 1;
      if (loading.count === 0) this.loading.delete(hash);
    }
  }

  /** Replaces the cached lists with fresh ones (all of them, or those `only` names); cancels fetches that started earlier. */
  refetch(only?: (key: QueryKey) => boolean): Promise<void> {
    return this.queryClient.refetchQueries({
      predicate: (q) => isLiveList(this.articleId, q.queryKey) && (!only || only(q.queryKey)),
      type: 'all',
    });
  }

  private replay<T>(key: QueryKey, list: T[], events: readonly ArticleEvent[]): T[] {
    const hash = hashKey(key);
    return events.reduce(
      (acc, event) =>
        changesOf(this.articleId, event, this.deleted)
          .filter((c) => hashKey(c.key) === hash)
          .reduce((inner, c) => c.update(inner) as T[], acc),
      list,
    );
  }

  private deliver(event: ArticleEvent): void {
    this.lastSeq = event.seq;
    for (const id of deletedIdsOf(event)) this.deleted.add(id);
    for (const change of changesOf(this.articleId, event, this.deleted)) {
      const loading = this.loading.get(hashKey(change.key));
      if (loading) loading.deferred.push(event);
      else this.queryClient.setQueryData<unknown[]>(change.key, (list) => list && change.update(list));
    }
    const claimId = claimOf(event);
    if (claimId) {
      void this.queryClient.invalidateQueries({ queryKey: queryKeys.articles.claimHistory(this.articleId, claimId) });
      // Verdict events say only that one is in: the review record is fetched again, as this user may see it.
      void this.queryClient.invalidateQueries({ queryKey: queryKeys.articles.claimReview(this.articleId, claimId) });
    }
    refreshDiscovery(this.queryClient, event);
    if (event.type === 'article.revised') {
      // Annotations and claim spans were moved onto the new text without events of their own.
      void this.queryClient.invalidateQueries({ queryKey: queryKeys.articles.detail(this.articleId), exact: true });
      const moved = [hashKey(queryKeys.articles.annotations(this.articleId)), hashKey(queryKeys.articles.claims(this.articleId))];
      void this.refetch((key) => moved.includes(hashKey(key)));
    }
  }

  /** Fetches the log after `lastSeq`, page by page until it runs dry. */
  private async catchUp(): Promise<void> {
    if (this.holding) return;
    this.holding = true;
    try {
      for (;;) {
        const page = await http<ArticleEvent[]>(`/articles/${encodeURIComponent(this.articleId)}/events`, {
          query: { after: this.lastSeq, limit: PAGE },
        });
        const fresh = page.filter((e) => e.seq > (this.lastSeq ?? 0)).sort((a, b) => a.seq - b.seq);
        if (fresh.length === 0) break;
        for (const event of fresh) this.deliver(event);
      }
    } catch {
      // Left for the next event or reconnect, which tries again from `lastSeq`.
    } finally {
      this.holding = false;
      this.drain(false);
    }
  }

  /**
   * Applies held events that follow on. At a gap it keeps the rest and fetches what is
   * missing, unless a catch-up has just run: then the next event or reconnect tries again.
   */
  private drain(mayCatchUp = true): void {
    const held = this.inbox.sort((a, b) => a.seq - b.seq);
    this.inbox = [];
    if (this.lastSeq === undefined) return;
    for (const [index, event] of held.entries()) {
      const verdict = classify(event.seq, this.lastSeq);
      if (verdict === 'apply') this.deliver(event);
      else if (verdict === 'gap') {
        this.inbox = held.slice(index);
        if (mayCatchUp) void this.catchUp();
        return;
      }
    }
  }
}

const registry = new WeakMap<QueryClient, Map<string, ArticleSync>>();

/** The article's sync state for this query client (one per tab). */
export function articleSync(queryClient: QueryClient, articleId: string): ArticleSync {
  let byArticle = registry.get(queryClient);
  if (!byArticle) registry.set(queryClient, (byArticle = new Map()));
  let sync = byArticle.get(articleId);
  if (!sync) byArticle.set(articleId, (sync = new ArticleSync(articleId, queryClient)));
  return sync;
}
