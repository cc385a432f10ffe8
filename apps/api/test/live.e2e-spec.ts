import type { Presence } from '@corroborate/contracts';
import { importArticle, selectorsFor } from './support/annotating';
import { ARTICLE } from './support/fixture-article';
import { HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { connect, connected, join, type LiveSocket, nextPresence, openSocket, recordEvents, waitFor } from './support/live-client';
import { LiveGateway } from '../src/realtime/live.gateway';
import { AccessService } from '../src/workspaces/access.service';
import { startTestApp, type TestApp } from './support/test-app';

describe('live co-annotation', () => {
  let app: TestApp;
  let owner: HttpClient;
  let analyst: HttpClient;
  let workspaceId: string;
  let articleId: string;
  let text: string;
  const sockets: LiveSocket[] = [];
  const open = (client: HttpClient, options = {}) => openSocket(sockets, app.url, client, options);

  beforeAll(async () => {
    app = await startTestApp();
    owner = await newUser(app, 'Owner');
    workspaceId = await newWorkspace(owner);
    analyst = await newMember(app, owner, workspaceId, 'analyst');
    ({ id: articleId, text } = await importArticle(owner, workspaceId));
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => app.close());

  it('shows one user’s create, update and delete to another user in the article', async () => {
    const a = await open(owner);
    const b = await open(analyst);
    expect(await join(a, articleId)).toMatchObject({ ok: true });
    const joined = await join(b, articleId);
    expect(joined).toMatchObject({ ok: true, missed: [] });
    const seen = recordEvents(b);

    const created = await owner.post(`/api/articles/${articleId}/annotations`, {
      motivation: 'commenting',
      body: 'Which WSJ report?',
      target: { selector: selectorsFor(text, ARTICLE.unique[3]) },
    });
    expect(created.status).toBe(201);
    const updated = await owner.patch(`/api/annotations/${created.body.id}`, { version: 1, body: 'Which WSJ report, and when?' });
    expect(updated.status).toBe(200);
    expect((await owner.delete(`/api/annotations/${created.body.id}`)).status).toBe(204);

    await waitFor(() => seen.length === 3, 5_000, 'three events');
    expect(seen.map((e) => e.type)).toEqual(['annotation.created', 'annotation.updated', 'annotation.deleted']);
    const base = (joined as { seq: number }).seq;
    expect(seen.map((e) => e.seq)).toEqual([base + 1, base + 2, base + 3]);
    expect(seen[0]!.data).toMatchObject({ id: created.body.id, body: 'Which WSJ report?' });
    expect(seen[0]!.actorId).toBe(owner.user!.id);
  });

  it('delivers events to a socket that joined with the article id in upper case', async () => {
    const b = await open(analyst);
    expect(await join(b, articleId.toUpperCase())).toMatchObject({ ok: true });
    const seen = recordEvents(b);
    const created = await owner.post(`/api/articles/${articleId}/annotations`, {
      motivation: 'highlighting',
      target: { selector: selectorsFor(text, ARTICLE.recurring) },
    });
    expect(created.status).toBe(201);
    await waitFor(() => seen.length === 1, 5_000, 'the event');
    expect(seen[0]!.data).toMatchObject({ id: created.body.id });
  });

  it('refuses a non-member’s join and an unauthenticated or cross-origin connection', async () => {
    const stranger = await newUser(app, 'Stranger');
    const s = await open(stranger);
    const ack = await join(s, articleId);
    expect(ack).toEqual({ ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) });

    const anonymous = connect(app.url, new HttpClient(app.url));
    sockets.push(anonymous);
    await expect(connected(anonymous)).rejects.toThrow('UNAUTHENTICATED');

    // cookie-parser would read these as JSON: the handshake reads the raw value, which is no session.
    for (const value of ['j:1', 'j:{}', 'j:[1]']) {
      const jar = new HttpClient(app.url);
      jar.cookie = `cb_session=${value}`;
      const json = connect(app.url, jar);
      sockets.push(json);
      await expect(connected(json)).rejects.toThrow('UNAUTHENTICATED');
    }

    const forged = connect(app.url, owner, { origin: 'https://evil.example' });
    sockets.push(forged);
    await expect(connected(forged)).rejects.toThrow('ORIGIN_NOT_ALLOWED');
  });

  it('catches a returning client up with exactly the events it missed', async () => {
    const b = await open(analyst);
    const first = (await join(b, articleId)) as { seq: number };
    b.disconnect();
    const ids: string[] = [];
    for (const exact of ARTICLE.unique.slice(0, 3)) {
      const res = await owner.post(`/api/articles/${articleId}/annotations`, { motivation: 'highlighting', target: { selector: selectorsFor(text, exact) } });
      ids.push(res.body.id);
    }
    const again = await open(analyst);
    const ack = await join(again, articleId, first.seq);
    expect(ack).toMatchObject({ ok: true, seq: first.seq + 3 });
    const missed = (ack as { missed: { seq: number; data: { id: string } }[] }).missed;
    expect(missed.map((e) => e.seq)).toEqual([first.seq + 1, first.seq + 2, first.seq + 3]);
    expect(missed.map((e) => e.data.id)).toEqual(ids);

    const viaHttp = await analyst.get(`/api/articles/${articleId}/events?after=${first.seq}`);
    expect(viaHttp.body).toEqual(missed);
  });

  it('keeps seq gap-free with 20 clients writing at once, and every client ends with the same set', async () => {
    const clients = [owner, analyst, ...(await Promise.all(Array.from({ length: 18 }, () => newMember(app, owner, workspaceId, 'analyst'))))];
    const live = await Promise.all(clients.map((c) => open(c)));
    const acks = await Promise.all(live.map((s) => join(s, articleId)));
    const start = Math.max(...acks.map((a) => (a as { seq: number }).seq));
    const logs = live.map(recordEvents);
    const results = await Promise.all(
      clients.map((c, i) =>
        c.post(`/api/articles/${articleId}/annotations`, {
          motivation: 'tagging',
          tags: [`t${i}`],
          target: { selector: [{ type: 'TextPositionSelector', start: 10 + i * 7, end: 14 + i * 7 }] },
        }),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    await waitFor(() => logs.every((l) => l.filter((e) => e.seq > start).length === 20), 10_000, 'all events everywhere');
    const expected = Array.from({ length: 20 }, (_, i) => start + i + 1);
    for (const log of logs) {
      const seqs = log.filter((e) => e.seq > start).map((e) => e.seq).sort((x, y) => x - y);
      expect(seqs).toEqual(expected);
    }
    const stored = await app.prisma.articleEvent.findMany({ where: { articleId }, orderBy: { seq: 'asc' }, select: { seq: true } });
    expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1));
  });

  it('drops the socket of a session that logs out, and removes a removed member from the room', async () => {
    const temp = await newUser(app, 'Temp');
    await owner.post(`/api/workspaces/${workspaceId}/members`, { email: temp.user!.email, role: 'reviewer' });
    const s = await open(temp);
    await join(s, articleId);
    const revoked = new Promise<{ articleId: string }>((resolve) => s.once('access:revoked', resolve));
    expect((await owner.delete(`/api/workspaces/${workspaceId}/members/${temp.user!.id}`)).status).toBe(204);
    expect(await revoked).toEqual({ articleId });

    const second = await open(analyst);
    await join(second, articleId);
    const dropped = new Promise<string>((resolve) => second.once('disconnect', resolve));
    await analyst.post('/api/auth/logout');
    expect(await dropped).toBe('io server disconnect');
  });

  /** Holds the next access check's answer (it has read the database) until `release` is called. */
  const holdNextCheck = () => {
    const access = app.app.get(AccessService);
    const check = access.requireArticle.bind(access);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held = jest.spyOn(access, 'requireArticle').mockImplementationOnce(async (...args) => {
      const found = await check(...args);
      await released;
      return found;
    });
    const started = () => waitFor(() => held.mock.calls.length === 1, 5_000, 'the join’s access check');
    return { started, release, restore: () => held.mockRestore() };
  };

  it('keeps out a member removed while their join was being checked', async () => {
    const temp = await newUser(app, 'Racer');
    await owner.post(`/api/workspaces/${workspaceId}/members`, { email: temp.user!.email, role: 'viewer' });
    const s = await open(temp);
    const heard = recordEvents(s);
    // The join's first check finds a member; the removal commits before the join goes on.
    const hold = holdNextCheck();
    try {
      const joining = join(s, articleId);
      await hold.started();
      expect((await owner.delete(`/api/workspaces/${workspaceId}/members/${temp.user!.id}`)).status).toBe(204);
      hold.release();
      expect(await joining).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      hold.restore();
    }

    const watcher = await open(owner);
    await join(watcher, articleId);
    const seen = recordEvents(watcher);
    const exact = text.slice(0, 12);
    expect((await owner.post(`/api/articles/${articleId}/annotations`, { motivation: 'highlighting', target: { selector: selectorsFor(text, exact) } })).status).toBe(201);
    await waitFor(() => seen.length > 0, 5_000, 'the event in the room');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toEqual([]);
  });

  it('takes a removed member out of the room when the first read of the sockets fails, as with a process not answering', async () => {
    const temp = await newUser(app, 'Unlucky');
    await owner.post(`/api/workspaces/${workspaceId}/members`, { email: temp.user!.email, role: 'viewer' });
    const s = await open(temp);
    await join(s, articleId);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the join's presence is sent
    // What the Redis adapter does when another process does not answer in time.
    const adapter = app.app.get(LiveGateway).server.of('/').adapter;
    const failing = jest.spyOn(adapter, 'fetchSockets').mockRejectedValueOnce(new Error('timeout reached: only 1 responses received out of 2'));
    try {
      const revoked = new Promise<{ articleId: string }>((resolve) => s.once('access:revoked', resolve));
      expect((await owner.delete(`/api/workspaces/${workspaceId}/members/${temp.user!.id}`)).status).toBe(204);
      expect(await revoked).toEqual({ articleId });
      // The read that failed was the removal's own, tried again.
      const roomsRead = failing.mock.calls.map(([options]) => [...(options.rooms ?? [])]);
      expect(roomsRead[0]).toEqual([`member:${workspaceId}:${temp.user!.id}`]);
      expect(roomsRead.filter((r) => r[0] === roomsRead[0]![0])).toHaveLength(2);
    } finally {
      failing.mockRestore();
    }
  });

  it('counts no tab for a connection that closed while its join was being checked', async () => {
    const other = await newMember(app, owner, workspaceId, 'editor');
    const a = await open(owner);
    await join(a, articleId);
    const brief = await open(other);
    const briefId = brief.id!;
    const hold = holdNextCheck();
    try {
      brief.emit('article:join', { articleId }, () => undefined); // never answered: it closes first
      await hold.started();
      brief.disconnect();
      await waitFor(() => !app.app.get(LiveGateway).server.sockets.sockets.has(briefId), 5_000, 'the server to see the close');
      hold.release();
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      hold.restore();
    }

    // Had the closed connection been counted, this tab would be the user's second, and the room not told.
    const tab = await open(other);
    const arrived = nextPresence(a, (p) => p.users.some((u) => u.userId === other.user!.id));
    await join(tab, articleId);
    await arrived;
    const gone = nextPresence(a, (p) => p.users.length === 1);
    tab.disconnect();
    expect((await gone).users.map((u) => u.userId)).toEqual([owner.user!.id]);
  });

  /** The owner (socket `a`) and a new editor (`b`, `other`) in the article, once `a` sees both. */
  const twoInTheArticle = async () => {
    const other = await newMember(app, owner, workspaceId, 'editor');
    const a = await open(owner);
    const b = await open(other);
    await join(a, articleId);
    const seesBoth = nextPresence(a, (p) => p.users.length === 2);
    await join(b, articleId);
    return { other, a, b, both: await seesBoth };
  };

  it('shares presence with a colour and the current selection', async () => {
    const { other, a, b, both } = await twoInTheArticle();
    expect(both.users.map((u) => u.userId).sort()).toEqual([owner.user!.id, other.user!.id].sort());
    expect(both.users.every((u) => /^#[0-9a-f]{6}$/.test(u.color))).toBe(true);

    const selected = nextPresence(a, (p) => p.users.some((u) => u.userId === other.user!.id && u.selection?.start === 5));
    b.emit('presence:update', { articleId, selection: { start: 5, end: 20 } });
    expect((await selected).users.find((u) => u.userId === other.user!.id)!.selection).toEqual({ start: 5, end: 20 });

    const gone = nextPresence(a, (p) => p.users.length === 1);
    b.disconnect();
    expect((await gone).users[0]!.userId).toBe(owner.user!.id);
  });

  /** Every presence `socket` hears from now on. */
  const presences = (socket: LiveSocket) => {
    const heard: Presence[] = [];
    socket.on('presence', (p: Presence) => heard.push(p));
    return heard;
  };

  it('sends a second tab of a user already here the list, and the room nothing, since its list is unchanged', async () => {
    const { other, a } = await twoInTheArticle();
    const heardByA = presences(a);
    const tab = await open(other);
    const told = nextPresence(tab, () => true);
    expect(await join(tab, articleId)).toMatchObject({ ok: true });
    expect((await told).users.map((u) => u.userId).sort()).toEqual([owner.user!.id, other.user!.id].sort());
    // The room's list would have gone out in the same send as the tab's.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heardByA).toEqual([]);
  });

  it('keeps a user with two tabs in the list until the last leaves, and drops the selection of a tab that leaves', async () => {
    const { other, a, b } = await twoInTheArticle();
    const tab = await open(other);
    await join(tab, articleId);
    const selected = nextPresence(a, (p) => p.users.some((u) => u.selection?.start === 7));
    tab.emit('presence:update', { articleId, selection: { start: 7, end: 9 } });
    await selected;

    const heardByA = presences(a);
    tab.disconnect();
    await waitFor(() => heardByA.length > 0, 5_000, 'the list without the tab’s selection');
    expect(heardByA.at(-1)!.users.find((u) => u.userId === other.user!.id)).toEqual(expect.not.objectContaining({ selection: expect.anything() }));

    const gone = nextPresence(a, (p) => p.users.length === 1);
    b.disconnect();
    expect((await gone).users.map((u) => u.userId)).toEqual([owner.user!.id]);
  });

  it('tells the room a socket taken out of it from elsewhere is gone, as another process does for a removed member', async () => {
    const { a, b } = await twoInTheArticle();
    const gone = nextPresence(a, (p) => p.users.length === 1);
    // What another process's command to leave does here: the adapter takes the socket out of the room.
    app.app.get(LiveGateway).server.in(b.id!).socketsLeave(`article:${articleId}`);
    expect((await gone).users.map((u) => u.userId)).toEqual([owner.user!.id]);
    // It is out of the article, not only of the room: it can join again.
    const back = nextPresence(a, (p) => p.users.length === 2);
    expect(await join(b, articleId)).toMatchObject({ ok: true });
    await back;
  });
});
