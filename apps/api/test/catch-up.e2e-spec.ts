import { type ArticleEvent, MAX_CATCH_UP } from '@corroborate/contracts';
import { DomainEvents } from '../src/infra/events/domain-events';
import { ArticleEventsService } from '../src/article-events/article-events.service';
import { EventRelay } from '../src/realtime/event-relay';
import { RecentEvents } from '../src/realtime/recent-events';
import { importArticle, selectorsFor } from './support/annotating';
import { ARTICLE } from './support/fixture-article';
import { type HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { connect, connected, join, recordEvents, waitFor, type LiveSocket } from './support/live-client';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A client's copy of an article's log, following the rule in notes/LIVE-SYNC.md: apply
 * seq === lastSeq + 1, drop seq <= lastSeq, and on a gap fetch `events?after=lastSeq` first.
 */
class Replica {
  readonly applied: ArticleEvent[] = [];
  fetched = 0;
  private queue = Promise.resolve();

  constructor(
    private readonly http: HttpClient,
    private readonly articleId: string,
    public lastSeq: number,
  ) {}

  receive(event: ArticleEvent): void {
    this.queue = this.queue.then(() => this.handle(event));
  }

  /** Resolves once every event received so far has been handled (gap fetches included). */
  settled(): Promise<void> {
    return this.queue;
  }

  private async handle(event: ArticleEvent): Promise<void> {
    if (event.seq > this.lastSeq + 1) await this.fillGap();
    if (event.seq === this.lastSeq + 1) this.apply(event);
  }

  private async fillGap(): Promise<void> {
    for (let page = 0; page < 10; page++) {
      const res = await this.http.get<ArticleEvent[]>(`/api/articles/${this.articleId}/events?after=${this.lastSeq}`);
      if (res.status !== 200 || res.body.length === 0) return;
      for (const e of res.body) this.apply(e);
      this.fetched += res.body.length;
    }
  }

  private apply(event: ArticleEvent): void {
    if (event.seq !== this.lastSeq + 1) throw new Error(`out of order: ${event.seq} after ${this.lastSeq}`);
    this.applied.push(event);
    this.lastSeq = event.seq;
  }
}

/**
 * Its own app, an owner and an analyst in one workspace, and an imported article, for a
 * describe block; sockets opened with `open` close after each test.
 */
function liveArticle() {
  const ctx = {} as { app: TestApp; owner: HttpClient; analyst: HttpClient; articleId: string; text: string };
  const sockets: LiveSocket[] = [];
  beforeAll(async () => {
    ctx.app = await startTestApp();
    ctx.owner = await newUser(ctx.app, 'Owner');
    const workspaceId = await newWorkspace(ctx.owner);
    ctx.analyst = await newMember(ctx.app, ctx.owner, workspaceId, 'analyst');
    const article = await importArticle(ctx.owner, workspaceId);
    ctx.articleId = article.id;
    ctx.text = article.text;
  });
  afterEach(() => {
    jest.restoreAllMocks();
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => ctx.app.close());
  return {
    ctx,
    open: async (as: HttpClient) => {
      const socket = connect(ctx.app.url, as);
      sockets.push(socket);
      await connected(socket);
      return socket;
    },
    joined: async (socket: LiveSocket, sinceSeq?: number) => {
      const ack = await join(socket, ctx.articleId, sinceSeq);
      if (!ack.ok) throw new Error(`join refused: ${ack.error.code}`);
      return ack;
    },
  };
}

describe('catching up on missed events', () => {
  const { ctx, open, joined } = liveArticle();
  let app: TestApp;
  let owner: HttpClient, analyst: HttpClient;
  let articleId: string;
  let text: string;
  let occurrence = 0;
  beforeAll(() => ({ app, owner, analyst, articleId, text } = ctx));

  const annotate = async () => {
    const res = await owner.post(`/api/articles/${articleId}/annotations`, {
      motivation: 'highlighting',
      target: { selector: selectorsFor(text, ARTICLE.frequent, occurrence++) },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };

  it('recovers an event that was committed but never announced, through the gap the next event reveals', async () => {
    // No announcement from the database either (as if its connection were down for good).
    await app.app.get(EventRelay).onModuleDestroy();
    await annotate();
    const socket = await open(analyst);
    const { seq: base } = await joined(socket);
    const live = recordEvents(socket);
    const replica = new Replica(analyst, articleId, base);
    socket.on('event', (e) => replica.receive(e));

    // The process "dies" between commit and broadcast: the change is stored, nobody is told.
    const silence = jest.spyOn(app.app.get(DomainEvents), 'emit').mockImplementation(() => {});
    const lost = await annotate();
    expect(silence).toHaveBeenCalledWith('article.event', expect.objectContaining({ seq: base + 1 }));
    silence.mockRestore();

    const next = await annotate();
    await waitFor(() => live.length === 1, 5_000, 'the next event');
    await replica.settled();
    expect(live.map((e) => e.seq)).toEqual([base + 2]);
    expect(replica.applied.map((e) => [e.seq, (e.data as { id: string }).id])).toEqual([
      [base + 1, lost.id],
      [base + 2, next.id],
    ]);
    expect(replica.fetched).toBe(2);

    // A client that rejoins after a reconnect gets the same events in its ack.
    const later = await open(analyst);
    const ack = await joined(later, base);
    expect('missed' in ack && ack.missed).toEqual(replica.applied);
  });

  it('drops an event it already has', async () => {
    const socket = await open(analyst);
    const { seq: base } = await joined(socket);
    const replica = new Replica(analyst, articleId, base);
    const first = await annotate();
    const [event] = (await analyst.get(`/api/articles/${articleId}/events?after=${base}`)).body as ArticleEvent[];
    replica.receive(event!);
    replica.receive(event!);
    await replica.settled();
    expect(replica.applied.map((e) => (e.data as { id: string }).id)).toEqual([first.id]);
  });

  describe('a client more than MAX_CATCH_UP events behind', () => {
    let base: number;
    let annotationId: string;

    beforeAll(async () => {
      annotationId = (await annotate()).id;
      base = (await app.prisma.article.findUniqueOrThrow({ where: { id: articleId } })).lastSeq;
      // 1,001 committed changes, written the way the service writes them: counter and rows in one transaction.
      const count = MAX_CATCH_UP + 1;
      await app.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE articles SET last_seq = last_seq + ${count} WHERE id = ${articleId}::uuid`;
        await tx.$executeRaw`
          INSERT INTO article_events (article_id, seq, type, actor_id, data, at)
          SELECT ${articleId}::uuid, ${base} + n, 'annotation.updated', ${owner.user!.id}::uuid,
                 jsonb_build_object('id', ${annotationId}::text, 'version', n + 1), now()
          FROM generate_series(1, ${count}) AS n`;
      });
    });

    it('is told to resync on join, and exactly MAX_CATCH_UP behind still gets every missed event', async () => {
      expect(MAX_CATCH_UP).toBe(1_000);
      const socket = await open(analyst);
      expect(await join(socket, articleId, base)).toEqual({ ok: true, seq: base + 1_001, resync: true });

      const ack = await joined(socket, base + 1);
      expect(ack.seq).toBe(base + 1_001);
      const missed = 'missed' in ack ? ack.missed : [];
      expect(missed.map((e) => e.seq)).toEqual(Array.from({ length: 1_000 }, (_, i) => base + 2 + i));
    });

    it('pages through the whole gap over HTTP when the next event reveals it', async () => {
      const next = await annotate();
      const replica = new Replica(analyst, articleId, base);
      const [event] = (await analyst.get(`/api/articles/${articleId}/events?after=${base + 1_001}`)).body as ArticleEvent[];
      expect(event!.seq).toBe(base + 1_002);
      replica.receive(event!);
      await replica.settled();
      expect(replica.lastSeq).toBe(base + 1_002);
      expect(replica.fetched).toBe(1_002);
      expect(replica.applied.map((e) => e.seq)).toEqual(Array.from({ length: 1_002 }, (_, i) => base + 1 + i));
      expect(replica.applied[1_000]!.data).toEqual({ id: annotationId, version: 1_002 });
      expect((replica.applied.at(-1)!.data as { id: string }).id).toBe(next.id);
    });
  });
});

describe('catching up on a busy article', () => {
  const { ctx, open, joined } = liveArticle();
  /** A note as analysts write them, typographic punctuation and all. */
  const NOTE = 'Who says “cleaner”? The report’s figures are from 2019 — check them 🔎';

  /** The catch-up's packet as it came over the wire: ASCII, whatever the events hold (asciiJson). */
  const expectAsciiOnTheWire = (packets: string[]) => {
    const catchUp = packets.find((p) => p.includes('"missed"'));
    expect(catchUp).toContain('\\u201ccleaner\\u201d');
    expect(catchUp).not.toMatch(/[^\x20-\x7e]/);
  };
  /** Every packet the socket receives, as text, before it is parsed. */
  const packetsOf = (socket: LiveSocket) => {
    const packets: string[] = [];
    socket.io.engine.on('data', (data: unknown) => typeof data === 'string' && packets.push(data));
    return packets;
  };

  /** The analyst leaves at `base`, the owner writes five highlights, and the memory holds them. */
  const fiveWhileAway = async () => {
    const leaver = await open(ctx.analyst);
    const { seq: base } = await joined(leaver);
    leaver.disconnect();
    for (let i = 0; i < 5; i++) {
      const res = await ctx.owner.post(`/api/articles/${ctx.articleId}/annotations`, { motivation: 'commenting', body: NOTE, target: { selector: selectorsFor(ctx.text, ARTICLE.frequent, i) } });
      expect(res.status).toBe(201);
    }
    // Every event comes back from the database as it is announced, which fills the memory.
    const relayed = ctx.app.app.get(RecentEvents);
    await waitFor(() => relayed.after(ctx.articleId, base, base + 5)?.events.toJSON().length === 5, 5_000, 'the announced events');
    return base;
  };

  /** The analyst rejoins from `base`: the five events come from memory, exactly as the log has them. */
  const rejoinFromMemory = async (base: number) => {
    const service = ctx.app.app.get(ArticleEventsService);
    const log = [jest.spyOn(service, 'after'), jest.spyOn(service, 'afterJson')];
    const socket = await open(ctx.analyst);
    const packets = packetsOf(socket);
    const ack = await joined(socket, base);
    for (const read of log) expect(read).not.toHaveBeenCalled();
    const expected = (await ctx.analyst.get(`/api/articles/${ctx.articleId}/events?after=${base}`)).body as ArticleEvent[];
    expect(expected.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5].map((n) => base + n));
    expect(expected.map((e) => (e.data as { body: string }).body)).toEqual(Array(5).fill(NOTE));
    expect('missed' in ack && ack.missed).toEqual(expected);
    expectAsciiOnTheWire(packets);
    return log;
  };

  it('gives a client rejoining an article others follow what it missed from memory, exactly as the log has it', async () => {
    const watcher = await open(ctx.owner);
    await joined(watcher);
    const seen = recordEvents(watcher);
    const base = await fiveWhileAway();
    await waitFor(() => seen.length === 5, 5_000, 'the five events');
    await rejoinFromMemory(base);
  });

  it('gives it from memory too when nobody followed the article meanwhile', async () => {
    await rejoinFromMemory(await fiveWhileAway());
  });

  it('stores an event as ASCII JSON, so that reading it back from the log for a catch-up escapes nothing', async () => {
    const base = await fiveWhileAway();
    const rows = await ctx.app.prisma.$queryRaw<{ data: string }[]>`
      SELECT data::text AS data FROM article_events WHERE article_id = ${ctx.articleId}::uuid AND seq > ${base} ORDER BY seq`;
    expect(rows).toHaveLength(5);
    for (const { data } of rows) {
      expect(data).not.toMatch(/[^\x20-\x7e]/);
      expect((JSON.parse(data) as { body: string }).body).toBe(NOTE);
    }
  });

  it('reads what a process never heard from the log once, as PostgreSQL serialised it, and has it in memory for the next client back', async () => {
    const base = await fiveWhileAway();
    const expected = (await ctx.analyst.get(`/api/articles/${ctx.articleId}/events?after=${base}`)).body as ArticleEvent[];
    // A process started since (after a deploy, say) heard none of it.
    const later = await startTestApp({}, { databaseUrl: ctx.app.databaseUrl });
    const sockets: LiveSocket[] = [];
    const rejoin = async () => {
      const socket = connect(later.url, ctx.analyst);
      sockets.push(socket);
      await connected(socket);
      const packets = packetsOf(socket);
      const ack = await join(socket, ctx.articleId, base);
      expectAsciiOnTheWire(packets);
      return ack.ok && 'missed' in ack ? ack.missed : ack;
    };
    try {
      const log = jest.spyOn(later.app.get(ArticleEventsService), 'afterJson');
      // Exactly what the log's HTTP read gives (to the millisecond, as `at` always is).
      expect(await rejoin()).toEqual(expected);
      expect(log).toHaveBeenCalledTimes(1);
      expect(await rejoin()).toEqual(expected);
      expect(log).toHaveBeenCalledTimes(1);
    } finally {
      for (const socket of sockets) socket.disconnect();
      await later.close();
    }
  });
});
