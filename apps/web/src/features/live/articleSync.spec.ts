/// <reference types="jest" />
import { QueryClient } from '@tanstack/react-query';
import type { Annotation, ArticleEvent, JoinAck } from '@corroborate/contracts';
import { http } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';
import { claim, claimEvent, evidence, evidenceEvent } from '../../test/claimFixtures';
import { ARTICLE_ID, annotation, created, deleted, event, ids, updated, uuid } from '../../test/fixtures';
import { ArticleSync, articleSync } from './articleSync';
import type { LiveSocket } from './socket';

/** One-shot control over the next answer of an endpoint. */
interface NextAnswer {
  status?: number;
  /** The answer is computed when the request arrives and delivered once this settles. */
  until?: Promise<void>;
}

type Endpoint = 'events' | 'annotations';

/** The article's side of the API: its annotations and event log, answering the client's `fetch`. */
class FakeServer {
  annotations: Annotation[] = [];
  log: ArticleEvent[] = [];
  /** The most events one page holds (the server may answer fewer than `limit`). */
  pageSize = 1_000;
  /** Every request, as `events?after=…&limit=…` or `annotations`. */
  requests: string[] = [];
  private next: Record<Endpoint, NextAnswer[]> = { events: [], annotations: [] };

  get seq(): number {
    return this.log.length;
  }

  private append(type: string, data: unknown): ArticleEvent {
    const e = event(this.seq + 1, type, data);
    this.log.push(e);
    return e;
  }

  create(a: Annotation): ArticleEvent {
    this.annotations.push(a);
    return this.append('annotation.created', a);
  }

  update(a: Annotation): ArticleEvent {
    this.annotations = this.annotations.map((x) => (x.id === a.id ? a : x));
    return this.append('annotation.updated', a);
  }

  remove(a: Annotation): ArticleEvent {
    const gone = this.annotations.filter((x) => x.id === a.id || x.replyTo === a.id).map((x) => x.id);
    this.annotations = this.annotations.filter((x) => !gone.includes(x.id));
    return this.append('annotation.deleted', { id: a.id, replyTo: a.replyTo, deletedIds: gone });
  }

  revise(annotations: Annotation[]): ArticleEvent {
    this.annotations = annotations;
    return this.append('article.revised', { revisionId: uuid(0xb002) });
  }

  answerNext(endpoint: Endpoint, answer: NextAnswer): void {
    this.next[endpoint].push(answer);
  }

  eventRequests(): string[] {
    return this.requests.filter((r) => r.startsWith('events'));
  }

  fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(String(input), 'http://localhost');
    const base = `/api/articles/${ARTICLE_ID}`;
    let endpoint: Endpoint;
    let body: unknown;
    if (url.pathname === `${base}/events`) {
      endpoint = 'events';
      const after = Number(url.searchParams.get('after') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 1_000);
      this.requests.push(`events?after=${after}&limit=${limit}`);
      body = this.log.filter((e) => e.seq > after).slice(0, Math.min(limit, this.pageSize));
    } else if (url.pathname === `${base}/annotations`) {
      endpoint = 'annotations';
      this.requests.push('annotations');
      body = [...this.annotations];
    } else {
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'No route' } }), { status: 404 });
    }
    const answer = this.next[endpoint].shift() ?? {};
    const json = JSON.stringify(answer.status && answer.status >= 400 ? { error: { code: 'INTERNAL', message: 'Boom' } } : body);
    await answer.until;
    return new Response(json, { status: answer.status ?? 200, headers: { 'Content-Type': 'application/json' } });
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets every pending request, answer and cache update run to the end. */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i += 1) await new Promise((r) => setImmediate(r));
}

/** A socket whose join answers `ack` (or waits for it), recording what was sent. */
function fakeSocket(ack: JoinAck | Promise<JoinAck>) {
  const joins: unknown[] = [];
  const socket = {
    timeout: () => ({
      emitWithAck: async (name: string, payload: unknown) => {
        joins.push({ name, payload });
        return ack;
      },
    }),
  };
  return { socket: socket as unknown as LiveSocket, joins };
}

const key = queryKeys.articles.annotations(ARTICLE_ID);
const realFetch = globalThis.fetch;

let server: FakeServer;
let queryClient: QueryClient;
let sync: ArticleSync;

const cached = () => queryClient.getQueryData<Annotation[]>(key);

/** What the reader's page does: load the list through the sync, then join the room. */
async function openArticle(): Promise<void> {
  await queryClient.fetchQuery({
    queryKey: key,
    queryFn: ({ signal }) => sync.load(key, () => http<Annotation[]>(`/articles/${ARTICLE_ID}/annotations`, { signal })),
    staleTime: Infinity,
  });
  await sync.join(fakeSocket({ ok: true, seq: server.seq, missed: [] }).socket);
  await settle();
  server.requests = [];
}

const A = annotation({ id: uuid(1), start: 0, end: 4 });
const B = annotation({ id: uuid(2), start: 5, end: 9 });
const C = annotation({ id: uuid(3), start: 10, end: 14 });
const D = annotation({ id: uuid(4), start: 15, end: 19 });
const E = annotation({ id: uuid(5), start: 20, end: 24 });

beforeEach(async () => {
  server = new FakeServer();
  globalThis.fetch = server.fetch as typeof fetch;
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
  sync = new ArticleSync(ARTICLE_ID, queryClient);
  server.create(A);
  await openArticle();
});

afterEach(() => {
  queryClient.clear();
  globalThis.fetch = realFetch;
});

describe('ArticleSync', () => {
  it('starts from the list and the seq of the first join', () => {
    expect(cached()).toEqual([A]);
    expect(sync.lastSeq).toBe(1);
  });

  it('applies the next events in order as they arrive', () => {
    sync.receive(server.create(B));
    sync.receive(server.update({ ...A, body: 'edited', version: 2 }));
    sync.receive(server.create(C));
    expect(cached()).toEqual([{ ...A, body: 'edited', version: 2 }, B, C]);
    expect(sync.lastSeq).toBe(4);
    expect(server.requests).toEqual([]);
  });

  it('drops an event at or below lastSeq', () => {
    sync.receive(server.create(B));
    // A replayed packet with an old seq must not apply, whatever it carries.
    sync.receive(created(2, C));
    sync.receive(created(1, D));
    expect(cached()).toEqual([A, B]);
    expect(sync.lastSeq).toBe(2);
    expect(server.requests).toEqual([]);
  });

  it('ignores events of another article', () => {
    sync.receive(event(2, 'annotation.created', B, uuid(0xa999)));
    expect(cached()).toEqual([A]);
    expect(sync.lastSeq).toBe(1);
  });

  it("reconciles the writer's own change with its optimistic entry by id", () => {
    const draft = { ...B, body: 'draft' };
    queryClient.setQueryData<Annotation[]>(key, (list) => [...list!, draft]);
    sync.receive(server.create(B));
    expect(cached()).toEqual([A, B]);
  });

  it('on a gap, pages through events?after=lastSeq until empty, then applies in order', async () => {
    server.pageSize = 2;
    server.create(B);
    server.create(C);
    server.create(D);
    const last = server.create(E);

    sync.receive(last);
    await settle();

    expect(server.eventRequests()).toEqual(['events?after=1&limit=1000', 'events?after=3&limit=1000', 'events?after=5&limit=1000']);
    expect(cached()).toEqual([A, B, C, D, E]);
    expect(sync.lastSeq).toBe(5);
  });

  it('neither loses nor doubles events that arrive while the catch-up is fetching', async () => {
    server.create(B);
    const third = server.create(C);
    const firstPage = deferred();
    server.answerNext('events', { until: firstPage.promise });

    sync.receive(third);
    await settle();
    expect(server.eventRequests()).toEqual(['events?after=1&limit=1000']);

    // While the first page is on its way: the next event, and a repeat of one the page holds.
    sync.receive(server.create(D));
    sync.receive(third);
    expect(cached()).toEqual([A]);

    firstPage.resolve();
    await settle();
    expect(cached()).toEqual([A, B, C, D]);
    expect(sync.lastSeq).toBe(4);
  });

  it('applies an event held at a gap once the missing one arrives', async () => {
    server.create(B);
    server.create(C);
    const fourth = server.create(D);
    const fifth = server.create(E);
    // The catch-up's last, empty page was taken before 4 and 5 were written.
    server.log = server.log.slice(0, 3);
    const lastPage = deferred();
    server.answerNext('events', {}); // the first page, [2, 3], comes at once
    server.answerNext('events', { until: lastPage.promise });

    sync.receive(server.log[2]!);
    await settle();
    expect(cached()).toEqual([A, B, C]);
    server.log.push(fourth, fifth);

    // Broadcasts from two processes can overtake each other: 5 comes first, during the fetch.
    sync.receive(fifth);
    lastPage.resolve();
    await settle();
    expect(sync.lastSeq).toBe(3);

    const requests = server.requests.length;
    sync.receive(fourth);
    expect(cached()).toEqual([A, B, C, D, E]);
    expect(sync.lastSeq).toBe(5);
    expect(server.requests).toHaveLength(requests);
  });

  it('keeps held events after a failed catch-up and tries again on the next event', async () => {
    server.create(B);
    const third = server.create(C);
    server.answerNext('events', { status: 500 });

    sync.receive(third);
    await settle();
    expect(server.eventRequests()).toEqual(['events?after=1&limit=1000']);
    expect(cached()).toEqual([A]);
    expect(sync.lastSeq).toBe(1);

    sync.receive(server.create(D));
    await settle();
    expect(server.eventRequests()).toEqual(['events?after=1&limit=1000', 'events?after=1&limit=1000', 'events?after=4&limit=1000']);
    expect(cached()).toEqual([A, B, C, D]);
    expect(sync.lastSeq).toBe(4);
  });

  it('removes a deleted thread and does not let a late answer bring it back', async () => {
    sync.receive(server.remove(A));
    expect(cached()).toEqual([]);
    expect(sync.deleted.has(A.id)).toBe(true);
    // A stale event for the deleted id (its seq is new, its content old).
    sync.receive(updated(3, { ...A, version: 2 }));
    expect(cached()).toEqual([]);
  });

  it('rejoins with sinceSeq and applies the missed events before those that came meanwhile', async () => {
    const missed = [server.create(B), server.create(C)];
    const live = server.create(D);
    const answer = deferred();
    const ack: Promise<JoinAck> = answer.promise.then(() => ({ ok: true, seq: 3, missed }));
    const { socket, joins } = fakeSocket(ack);

    const joined = sync.join(socket);
    sync.receive(live);
    expect(cached()).toEqual([A]);
    answer.resolve();
    await joined;

    expect(joins).toEqual([{ name: 'article:join', payload: { articleId: ARTICLE_ID, sinceSeq: 1 } }]);
    expect(cached()).toEqual([A, B, C, D]);
    expect(sync.lastSeq).toBe(4);
    expect(server.requests).toEqual([]);
  });

  it('on a resync answer, takes the seq as baseline and refetches the list', async () => {
    for (let i = 0; i < 5; i += 1) server.create(annotation({ id: uuid(100 + i) }));
    server.remove(A);
    const { socket, joins } = fakeSocket({ ok: true, seq: server.seq, resync: true });

    await sync.join(socket);
    await settle();

    expect(joins).toEqual([{ name: 'article:join', payload: { articleId: ARTICLE_ID, sinceSeq: 1 } }]);
    expect(server.requests).toEqual(['annotations']);
    expect(cached()).toEqual(server.annotations);
    expect(ids(cached()!)).not.toContain(A.id);
    expect(sync.lastSeq).toBe(7);

    sync.receive(server.create(B));
    expect(sync.lastSeq).toBe(8);
    expect(ids(cached()!)).toContain(B.id);
  });

  it('replays events that arrive during the refetch onto its answer', async () => {
    server.create(B);
    const listAnswer = deferred();
    server.answerNext('annotations', { until: listAnswer.promise });
    await sync.join(fakeSocket({ ok: true, seq: server.seq, resync: true }).socket);
    await settle();
    expect(server.requests).toEqual(['annotations']);

    // The list was read before these were written.
    sync.receive(server.remove(A));
    sync.receive(server.create(C));
    listAnswer.resolve();
    await settle();

    expect(cached()).toEqual([B, C]);
    expect(sync.lastSeq).toBe(4);
  });

  it('puts the events held during a failed refetch onto the list it has', async () => {
    const listAnswer = deferred();
    server.answerNext('annotations', { status: 500, until: listAnswer.promise });
    const refetch = sync.refetch();
    await settle();
    sync.receive(server.create(B));
    expect(cached()).toEqual([A]);
    listAnswer.resolve();
    await refetch;
    await settle();
    expect(cached()).toEqual([A, B]);
  });

  it('refetches the list when the article is revised', async () => {
    const moved = { ...A, target: { ...A.target, selector: [A.target.selector[0], { ...A.target.selector[1], start: 2, end: 6 }] as Annotation['target']['selector'] } };
    sync.receive(server.revise([moved]));
    await settle();
    expect(server.requests).toEqual(['annotations']);
    expect(cached()).toEqual([moved]);
    expect(sync.lastSeq).toBe(2);
  });
});

describe('ArticleSync with claims and evidence', () => {
  const CLAIM = uuid(0x51);
  const claimsKey = queryKeys.articles.claims(ARTICLE_ID);
  const evidenceKey = queryKeys.articles.claimEvidence(ARTICLE_ID, CLAIM);
  const c = claim({ id: CLAIM });
  const e1 = evidence({ id: uuid(0x61), claimId: CLAIM });
  const e2 = evidence({ id: uuid(0x62), claimId: CLAIM });

  const loadInto = (key: readonly unknown[], answer: Promise<unknown[]>) =>
    queryClient.fetchQuery({ queryKey: key, queryFn: () => sync.load(key, () => answer), staleTime: Infinity });

  it('feeds one evidence event to the claim’s count and to its evidence list', async () => {
    await loadInto(claimsKey, Promise.resolve([c]));
    await loadInto(evidenceKey, Promise.resolve([]));
    sync.receive(evidenceEvent.created(2, e1));
    sync.receive(evidenceEvent.created(3, e2));
    sync.receive(evidenceEvent.reordered(4, CLAIM, [e2.id, e1.id]));
    expect(queryClient.getQueryData<typeof c[]>(claimsKey)![0]!.evidenceIds).toEqual([e2.id, e1.id]);
    expect(ids(queryClient.getQueryData<(typeof e1)[]>(evidenceKey)!)).toEqual([e2.id, e1.id]);
    // The annotations are untouched by all of it.
    expect(cached()).toEqual([A]);
  });

  it('replays events that arrive while a claim list loads onto its answer, keeping other lists live', async () => {
    const answer = deferred();
    const loading = loadInto(claimsKey, answer.promise.then(() => [c]));
    sync.receive(claimEvent.updated(2, { ...c, status: 'assigned', version: 2 }));
    sync.receive(created(3, B));
    // The annotation list was not loading: it took the event at once.
    expect(cached()).toEqual([A, B]);
    answer.resolve();
    await loading;
    expect(queryClient.getQueryData<typeof c[]>(claimsKey)).toEqual([{ ...c, status: 'assigned', version: 2 }]);
  });

  it('refetches every live list of the article after a resync', async () => {
    let claimLoads = 0;
    await queryClient.fetchQuery({
      queryKey: claimsKey,
      queryFn: () => sync.load(claimsKey, async () => (claimLoads++, [c])),
      staleTime: Infinity,
    });
    server.requests = [];
    await sync.join(fakeSocket({ ok: true, seq: 9, resync: true }).socket);
    await settle();
    expect(server.requests).toEqual(['annotations']);
    expect(claimLoads).toBe(2);
  });
});

describe('articleSync', () => {
  it('keeps one sync per article and query client', () => {
    const other = new QueryClient();
    expect(articleSync(queryClient, ARTICLE_ID)).toBe(articleSync(queryClient, ARTICLE_ID));
    expect(articleSync(queryClient, uuid(0xa001))).not.toBe(articleSync(queryClient, ARTICLE_ID));
    expect(articleSync(other, ARTICLE_ID)).not.toBe(articleSync(queryClient, ARTICLE_ID));
  });
});

// Keep the fixtures' deleted() helper honest against the server's shape.
it('builds delete events the way the server does', () => {
  const s = new FakeServer();
  s.create(A);
  expect(s.remove(A)).toEqual(deleted(2, A, [A.id]));
});

describe('ArticleSync.baseline (the reader view)', () => {
  it('resumes the join from the view’s seq: no list is fetched again, later changes arrive as missed events', async () => {
    const fresh = new ArticleSync(ARTICLE_ID, queryClient);
    queryClient.setQueryData(key, [A]);
    fresh.baseline(server.seq, [key]);
    const later = server.create(B);
    const { socket, joins } = fakeSocket({ ok: true, seq: server.seq, missed: [later] });
    await fresh.join(socket);
    await settle();
    expect(joins).toEqual([{ name: 'article:join', payload: { articleId: ARTICLE_ID, sinceSeq: 1 } }]);
    expect(server.requests).toEqual([]);
    expect(cached()).toEqual([A, B]);
    expect(fresh.lastSeq).toBe(2);
  });

  it('fetches again a list cached before the view, which may be older than its seq', async () => {
    const fresh = new ArticleSync(ARTICLE_ID, queryClient);
    const other = queryKeys.articles.annotations(ARTICLE_ID);
    server.create(B);
    // The cached list predates B; the view (another key) was read at B's seq.
    queryClient.setQueryData(other, [A]);
    fresh.baseline(server.seq, [queryKeys.articles.claims(ARTICLE_ID)]);
    await settle();
    expect(server.requests).toEqual(['annotations']);
  });

  it('holds a join made while the view is on its way, then resumes from the view’s seq', async () => {
    const fresh = new ArticleSync(ARTICLE_ID, queryClient);
    const view = deferred();
    const read = fresh.resumeFrom(async () => {
      await view.promise;
      queryClient.setQueryData(key, [A]);
      fresh.baseline(1, [key]);
    });
    const later = server.create(B);
    const { socket, joins } = fakeSocket({ ok: true, seq: server.seq, missed: [later] });
    const joined = fresh.join(socket);
    await settle();
    expect(joins).toEqual([]);

    view.resolve();
    await read;
    await joined;
    await settle();
    expect(joins).toEqual([{ name: 'article:join', payload: { articleId: ARTICLE_ID, sinceSeq: 1 } }]);
    expect(server.requests).toEqual([]);
    expect(cached()).toEqual([A, B]);
  });

  it('joins from scratch when the view fails', async () => {
    const fresh = new ArticleSync(ARTICLE_ID, queryClient);
    const read = fresh.resumeFrom(() => Promise.reject(new Error('offline')));
    const { socket, joins } = fakeSocket({ ok: true, seq: server.seq, missed: [] });
    await fresh.join(socket);
    await expect(read).rejects.toThrow('offline');
    expect(joins).toEqual([{ name: 'article:join', payload: { articleId: ARTICLE_ID } }]);
  });

  it('changes nothing once the article is followed', () => {
    sync.receive(server.create(B));
    sync.baseline(1, [key]);
    expect(sync.lastSeq).toBe(2);
  });
});
