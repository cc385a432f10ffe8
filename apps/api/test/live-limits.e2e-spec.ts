import type { Presence } from '@corroborate/contracts';
import { newMember, newUser, newWorkspace, type HttpClient } from './support/http-client';
import { join, type LiveSocket, nextPresence, openSocket, waitFor } from './support/live-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('live connection limits and revocation', () => {
  let app: TestApp;
  let owner: HttpClient;
  let workspaceId: string;
  let articleId: string;
  const sockets: LiveSocket[] = [];
  const open = (client: HttpClient, options = {}) => openSocket(sockets, app.url, client, options);

  beforeAll(async () => {
    app = await startTestApp();
    owner = await newUser(app, 'Owner');
    workspaceId = await newWorkspace(owner);
    articleId = (await owner.post(`/api/workspaces/${workspaceId}/articles`, { title: 'T', text: 'Some text to select from, long enough.' })).body.id;
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => app.close());

  it('closes a connection that sends a frame over 64 KB', async () => {
    const socket = await open(owner);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.emit('presence:update', { articleId, padding: 'x'.repeat(70 * 1024) } as never);
    expect(await closed).toBe('transport close');
  });

  it('answers an unknown event and a malformed join, naming what is wrong', async () => {
    const socket = await open(owner);
    const untyped = socket as unknown as { timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> } };
    expect(await untyped.timeout(2_000).emitWithAck('article:delete', { articleId })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Unknown event "article:delete"' },
    });
    const malformed = (await untyped.timeout(2_000).emitWithAck('article:join', { articleId: 'nope', sinceSeq: -1 })) as { ok: boolean; error: { code: string; message: string } };
    expect(malformed).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(malformed.error.message).toMatch(/articleId/);
    expect(malformed.error.message).toMatch(/sinceSeq/);
  });

  it('follows at most 50 articles on one connection, and another once one is left', async () => {
    const text = 'Some text to select from, long enough.';
    const ids: string[] = [];
    for (let i = 0; i < 51; i++) ids.push((await owner.post(`/api/workspaces/${workspaceId}/articles`, { title: `Article ${i}`, text })).body.id);
    const socket = await open(owner);
    for (const id of ids.slice(0, 50)) expect(await join(socket, id)).toMatchObject({ ok: true });
    expect(await join(socket, ids[50]!)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringContaining('50 articles') } });
    // One it follows already may be joined again (a reconnect's catch-up).
    expect(await join(socket, ids[0]!)).toMatchObject({ ok: true });
    expect(await socket.timeout(5_000).emitWithAck('article:leave', { articleId: ids[0]! })).toEqual({ ok: true });
    expect(await join(socket, ids[50]!)).toMatchObject({ ok: true });
  });

  it('refuses events beyond the per-socket rate limit', async () => {
    const socket = await open(owner);
    const warnings: number[] = [];
    socket.on('rate-limited', ({ retryAfterMs }) => warnings.push(retryAfterMs));
    for (let i = 0; i < 260; i++) socket.emit('presence:update', { articleId });
    await waitFor(() => warnings.length > 0, 5_000, 'a rate-limit warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBeGreaterThan(0);
    // An acknowledged event past the limit is answered, not left hanging.
    expect(await join(socket, articleId)).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: 'Too many events; slow down' } });
  });

  it('coalesces a burst of selection changes and ends on the latest one', async () => {
    const watcher = await open(owner);
    const member = await newMember(app, owner, workspaceId, 'analyst');
    const mover = await open(member);
    await join(watcher, articleId);
    await join(mover, articleId);
    const seen: Presence[] = [];
    watcher.on('presence', (p) => seen.push(p));
    for (let i = 1; i <= 40; i++) mover.emit('presence:update', { articleId, selection: { start: 0, end: i } });
    await nextPresence(watcher, (p) => p.users.some((u) => u.selection?.end === 40));
    const updates = seen.filter((p) => p.users.some((u) => u.userId === member.user!.id && u.selection));
    expect(updates.length).toBeLessThan(10);
    expect(updates.at(-1)!.users.find((u) => u.userId === member.user!.id)!.selection).toEqual({ start: 0, end: 40 });
  });

  it('drops sockets of a revoked API token and of sessions ended by a password change', async () => {
    const user = await newMember(app, owner, workspaceId, 'reviewer');
    const token = (await user.post('/api/tokens', { name: 'bot' })).body;
    const bySocketToken = await open(user, { token: token.token });
    const otherTab = new (user.constructor as typeof HttpClient)(app.url);
    await otherTab.post('/api/auth/login', { email: user.user!.email, password: 'correct horse battery' });
    const byOtherSession = await open(otherTab);

    const tokenDropped = new Promise<string>((resolve) => bySocketToken.once('disconnect', resolve));
    await user.delete(`/api/tokens/${token.id}`);
    expect(await tokenDropped).toBe('io server disconnect');

    const sessionDropped = new Promise<string>((resolve) => byOtherSession.once('disconnect', resolve));
    const changed = await user.post('/api/auth/password', { currentPassword: 'correct horse battery', newPassword: 'another long password' });
    expect(changed.body).toEqual({ revokedSessions: 1, revokedTokens: 0 });
    expect(await sessionDropped).toBe('io server disconnect');
  });
});
