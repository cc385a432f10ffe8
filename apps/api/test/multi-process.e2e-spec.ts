import { randomUUID } from 'node:crypto';
import type { ArticleEvent } from '@corroborate/contracts';
import { Client } from 'pg';
import { createClient } from 'redis';
import { RELAY_APPLICATION_NAME } from '../src/realtime/event-relay';
import { importArticle, selectorsFor } from './support/annotating';
import { ARTICLE } from './support/fixture-article';
import { HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { connect, connected, join, nextPresence, recordEvents, waitFor, type LiveSocket } from './support/live-client';
import { startTestApp, type TestApp } from './support/test-app';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Two API instances over one database and one Redis, as two processes behind a load balancer
 * would be: each has its own socket.io server, event emitter, database pool and Redis client.
 * A prefix of this run's own keeps parallel runs on the same Redis apart.
 */
describe('two API processes sharing one database and Redis', () => {
  const prefix = `cb-test-${randomUUID()}`;
  let one: TestApp, two: TestApp;
  let owner: HttpClient, analyst: HttpClient;
  let workspaceId: string;
  let articleId: string;
  let text: string;
  let occurrence = 0;
  const sockets: LiveSocket[] = [];

  const open = async (app: TestApp, as: HttpClient) => {
    const socket = connect(app.url, as);
    sockets.push(socket);
    await connected(socket);
    return socket;
  };
  /** Creates an annotation through the HTTP API of the process `as` talks to. */
  const annotate = async (as: HttpClient) => {
    const res = await as.post(`/api/articles/${articleId}/annotations`, {
      motivation: 'highlighting',
      target: { selector: selectorsFor(text, ARTICLE.frequent, occurrence++) },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  /** The same signed-in user (same session cookie), talking to another process. */
  const via = (app: TestApp, as: HttpClient) => {
    const client = new HttpClient(app.url);
    client.cookie = as.cookie;
    client.user = as.user;
    return client;
  };

  beforeAll(async () => {
    const env = { REDIS_URL, REDIS_PREFIX: prefix };
    one = await startTestApp(env);
    two = await startTestApp(env, { databaseUrl: one.databaseUrl });
    owner = await newUser(one, 'Owner');
    workspaceId = await newWorkspace(owner);
    analyst = await newMember(one, owner, workspaceId, 'analyst');
    ({ id: articleId, text } = await importArticle(owner, workspaceId));
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    await redis.del(prefix);
    await redis.quit();
  });

  it('serves one database: a session made on one process works on the other', async () => {
    expect(one.url).not.toBe(two.url);
    const me = await via(two, analyst).get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(analyst.user!.id);
    expect((await via(two, analyst).get(`/api/articles/${articleId}`)).body.id).toBe(articleId);
  });

  it('delivers a change made through process 1 live to a user on process 2, and back', async () => {
    const a = await open(one, owner);
    const b = await open(two, analyst);
    const base = ((await join(a, articleId)) as { seq: number }).seq;
    expect(await join(b, articleId)).toMatchObject({ ok: true, seq: base, missed: [] });
    const seenByA = recordEvents(a);
    const seenByB = recordEvents(b);

    const fromOne = await annotate(owner);
    await waitFor(() => seenByB.length === 1, 5_000, 'the event on process 2');
    expect(seenByB[0]).toMatchObject({ seq: base + 1, type: 'annotation.created', actorId: owner.user!.id, data: { id: fromOne.id } });

    const fromTwo = await annotate(via(two, analyst));
    await waitFor(() => seenByA.length === 2 && seenByB.length === 2, 5_000, 'both events everywhere');
    const summary = (events: ArticleEvent[]) => events.map((e) => [e.seq, (e.data as { id: string }).id]);
    expect(summary(seenByA)).toEqual([
      [base + 1, fromOne.id],
      [base + 2, fromTwo.id],
    ]);
    expect(summary(seenByB)).toEqual(summary(seenByA));
  });

  it('delivers an event too large to announce whole, read back from the log', async () => {
    const b = await open(two, analyst);
    const base = ((await join(b, articleId)) as { seq: number }).seq;
    const seenByB = recordEvents(b);
    const body = 'A long comment. '.repeat(700);
    const res = await owner.post(`/api/articles/${articleId}/annotations`, {
      motivation: 'commenting',
      body,
      target: { selector: selectorsFor(text, 'the', occurrence++) },
    });
    expect(res.status).toBe(201);
    await waitFor(() => seenByB.length === 1, 5_000, 'the large event on process 2');
    expect(seenByB[0]).toMatchObject({ seq: base + 1, type: 'annotation.created', data: { id: res.body.id, body } });
  });

  it('delivers to process 2 what was committed while its database listener was reconnecting', async () => {
    // An article process 2 has relayed nothing of yet: it knows only where its client joined.
    const fresh = await importArticle(owner, workspaceId, text, 'Fresh');
    const b = await open(two, analyst);
    const base = ((await join(b, fresh.id)) as { seq: number }).seq;
    const seenByB = recordEvents(b);
    // Both processes lose the connection they listen on; process 1 still tells its own clients.
    const admin = new Client({ connectionString: one.databaseUrl });
    await admin.connect();
    const { rowCount } = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [
      RELAY_APPLICATION_NAME,
    ]);
    await admin.end();
    expect(rowCount).toBe(2);
    await new Promise((r) => setTimeout(r, 100));

    const missed = await owner.post(`/api/articles/${fresh.id}/annotations`, {
      motivation: 'highlighting',
      target: { selector: selectorsFor(text, 'the') },
    });
    expect(missed.status).toBe(201);
    await waitFor(() => seenByB.length === 1, 5_000, 'the event committed while process 2 was not listening');
    expect(seenByB[0]).toMatchObject({ seq: base + 1, articleId: fresh.id, data: { id: missed.body.id } });
  });

  it('shows presence from both processes to everyone, selections included', async () => {
    const a = await open(one, owner);
    const b = await open(two, analyst);
    await join(a, articleId);
    const aSeesBoth = nextPresence(a, (p) => p.users.length === 2);
    const bSeesBoth = nextPresence(b, (p) => p.users.length === 2);
    await join(b, articleId);
    const ids = [owner.user!.id, analyst.user!.id].sort();
    expect((await aSeesBoth).users.map((u) => u.userId).sort()).toEqual(ids);
    expect((await bSeesBoth).users.map((u) => u.userId).sort()).toEqual(ids);

    const selected = nextPresence(a, (p) => p.users.some((u) => u.userId === analyst.user!.id && u.selection !== undefined));
    b.emit('presence:update', { articleId, selection: { start: 40, end: 52 } });
    expect((await selected).users.find((u) => u.userId === analyst.user!.id)!.selection).toEqual({ start: 40, end: 52 });

    const alone = nextPresence(a, (p) => p.users.length === 1);
    b.disconnect();
    expect((await alone).users.map((u) => u.userId)).toEqual([owner.user!.id]);
  });

  it('takes the room away on process 2 from a member removed through process 1', async () => {
    const removed = await newMember(one, owner, workspaceId, 'reviewer');
    const a = await open(one, owner);
    const observer = await open(two, analyst);
    const c = await open(two, removed);
    await join(a, articleId);
    await join(observer, articleId);
    expect(await join(c, articleId)).toMatchObject({ ok: true });
    const seenByC = recordEvents(c);
    const seenByObserver = recordEvents(observer);

    const revoked = new Promise<{ articleId: string }>((resolve) => c.once('access:revoked', resolve));
    const presenceWithoutC = nextPresence(a, (p) => !p.users.some((u) => u.userId === removed.user!.id));
    expect((await owner.delete(`/api/workspaces/${workspaceId}/members/${removed.user!.id}`)).status).toBe(204);
    expect(await revoked).toEqual({ articleId });
    expect((await presenceWithoutC).users.map((u) => u.userId).sort()).toEqual([owner.user!.id, analyst.user!.id].sort());

    const after = await annotate(owner);
    await waitFor(() => seenByObserver.some((e) => (e.data as { id: string }).id === after.id), 5_000, 'the observer on process 2');
    expect(seenByC).toEqual([]);
    expect(await join(c, articleId)).toEqual({ ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) });
  });

  it('disconnects a socket on process 2 when its session is logged out through process 1', async () => {
    const temp = await newMember(one, owner, workspaceId, 'viewer');
    const s = await open(two, temp);
    await join(s, articleId);
    const dropped = new Promise<string>((resolve) => s.once('disconnect', resolve));
    expect((await temp.post('/api/auth/logout')).status).toBe(204);
    expect(await dropped).toBe('io server disconnect');
  });

  it('refuses on process 2, at once, a session that process 2 had just accepted and process 1 logged out', async () => {
    const temp = await newMember(one, owner, workspaceId, 'viewer');
    const onTwo = via(two, temp);
    expect((await onTwo.get('/api/me')).status).toBe(200);
    expect((await temp.post('/api/auth/logout')).status).toBe(204);
    // The relay is asynchronous but takes milliseconds; credentials are otherwise trusted for 10 s.
    await waitFor(async () => (await onTwo.get('/api/me')).status === 401, 2_000, 'process 2 to refuse the session');
    expect((await onTwo.get(`/api/articles/${articleId}`)).status).toBe(401);
  });

  it('refuses on process 2 an API token revoked through process 1', async () => {
    const created = await analyst.post('/api/tokens', { name: 'script' });
    expect(created.status).toBe(201);
    const script = new HttpClient(two.url).withToken(created.body.token as string);
    expect((await script.get('/api/me')).status).toBe(200);
    expect((await analyst.delete(`/api/tokens/${created.body.id as string}`)).status).toBe(204);
    await waitFor(async () => (await script.get('/api/me')).status === 401, 2_000, 'process 2 to refuse the token');
  });
});
