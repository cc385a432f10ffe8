import type { QueryClient } from '@tanstack/react-query';
import type { Annotation, ArticleEvent, JoinAck } from '@corroborate/contracts';
import { http } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';
import { refreshDiscovery } from '../discovery/liveRefresh';
import { applyEvent, applyEvents, classify, deletedIdsOf } from './eventApplier';
import type { LiveSocket } from './socket';

const JOIN_TIMEOUT_MS = 10_000;
const PAGE = 1_000;

/**
 * One article's place in its event log, and the only code that writes live events into the
 * annotations cache. Events apply strictly in seq order: the next one applies, a later one
 * first fetches what was missed, a repeat is dropped.
 */
export class ArticleSync {
  /** The last event applied to the cache; unknown until the first join. */
  lastSeq: number | undefined;
  /** Ids deleted on the server: a late answer or event must not bring them back. */
  readonly deleted = new Set<string>();
  /** Events held while a join or catch-up is under way, applied once it ends. */
  private inbox: ArticleEvent[] = [];
  private holding = false;
  /** Events applied while the annotation list was being fetched: replayed onto its answer. */
  private deferred: ArticleEvent[] = [];
  private fetches = 0;

  constructor(
    readonly articleId: string,
    private readonly queryClient: QueryClient,
  ) {}

  private get key() {
    return queryKeys.articles.annotations(this.articleId);
  }

  /** Joins the article's room, or re-joins after a reconnect, and catches up from `lastSeq`. */
  async join(socket: LiveSocket): Promise<JoinAck> {
    const hasData = this.queryClient.getQueryData(this.key) !== undefined;
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
   * Wraps a request for the full annotation list: events that apply while it is in flight
   * are replayed onto its answer, which may or may not include them already.
   */
  async load(request: () => Promise<Annotation[]>): Promise<Annotation[]> {
    this.fetches += 1;
    try {
      const list = await request();
      const replayed = applyEvents(list, this.deferred, this.deleted);
      if (this.fetches === 1) this.deferred = [];
      return replayed;
    } catch (error) {
      if (this.fetches === 1) {
        // Nothing will replace the cache: the held events go onto what is there.
        const events = this.deferred;
        this.deferred = [];
        this.queryClient.setQueryData<Annotation[]>(this.key, (list) => list && applyEvents(list, events, this.deleted));
      }
      throw error;
    } finally {
      this.fetches -= 1;
    }
  }

  /** Replaces the cached list with a fresh one; cancels a fetch that started earlier. */
  refetch(): Promise<void> {
    return this.queryClient.refetchQueries({ queryKey: this.key, exact: true, type: 'all' });
  }

  private deliver(event: ArticleEvent): void {
    this.lastSeq = event.seq;
    for (const id of deletedIdsOf(event)) this.deleted.add(id);
    if (this.fetches > 0) this.deferred.push(event);
    else this.queryClient.setQueryData<Annotation[]>(this.key, (list) => list && applyEvent(list, event, this.deleted));
    refreshDiscovery(this.queryClient, event);
    if (event.type === 'article.revised') {
      // Annotations were moved onto the new text without events of their own.
      void this.queryClient.invalidateQueries({ queryKey: queryKeys.articles.detail(this.articleId), exact: true });
      void this.refetch();
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
