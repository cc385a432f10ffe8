import type { Notification, NotificationsPage } from '@corroborate/contracts';
import { importArticle, selectorsFor } from './support/annotating';
import { CLAIMS_ARTICLE, newClaim } from './support/claims';
import { HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { type LiveSocket, openSocket, waitFor } from './support/live-client';
import { startTestApp, TEST_ORIGIN, type TestApp } from './support/test-app';
import { NotificationsService } from '../src/notifications/notifications.service';

describe('GET /api/notifications', () => {
  let app: TestApp;
  const sockets: LiveSocket[] = [];
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await app.close();
  });

  it('pages newest first, each once, with the unread count, the actor and the account’s own notices; a left workspace’s are gone', async () => {
    const owner = await newUser(app, 'Owner Ada');
    const [kept, left] = [await newWorkspace(owner, 'Kept desk'), await newWorkspace(owner, 'Left desk')];
    const analyst = await newMember(app, owner, kept, 'analyst');
    expect((await owner.post(`/api/workspaces/${left}/members`, { email: analyst.user!.email, role: 'analyst' })).status).toBe(201);

    const assign = async (workspaceId: string, statement: string) => {
      const { id: articleId } = await importArticle(owner, workspaceId, CLAIMS_ARTICLE, statement);
      const claim = await newClaim(owner, articleId, { statement });
      expect((await owner.patch(`/api/claims/${claim.id}`, { version: 1, assigneeIds: [analyst.user!.id] })).status).toBe(200);
      return claim.id as string;
    };
    const keptClaims = [await assign(kept, 'First kept claim'), await assign(kept, 'Second kept claim'), await assign(kept, 'Third kept claim')];
    const leftClaim = await assign(left, 'Claim in the desk left later');
    // A notice about the account itself (no workspace): someone tried to sign up with its address.
    await new HttpClient(app.url).post('/api/auth/register', { email: analyst.user!.email, password: 'some long password', displayName: 'Impostor' });

    const all = (await analyst.get<NotificationsPage>('/api/notifications?limit=50')).body;
    expect(all.unread).toBe(5);
    expect(all.nextBefore).toBeNull();
    expect(all.items.map((n) => n.kind)).toEqual(['account.signup_attempt', ...Array(4).fill('claim.assigned')]);
    expect(all.items.slice(1).map((n) => n.claimId)).toEqual([leftClaim, ...[...keptClaims].reverse()]);
    expect(all.items[0]).toMatchObject({ workspaceId: null, actor: null, readAt: null });
    expect(all.items[1]!.actor).toEqual({ id: owner.user!.id, displayName: 'Owner Ada' });

    // Two at a time: every notification once, in the same order, the last page saying so.
    const paged: Notification[] = [];
    let before: string | null = null;
    do {
      const page: NotificationsPage = (await analyst.get<NotificationsPage>(`/api/notifications?limit=2${before ? `&before=${before}` : ''}`)).body;
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.unread).toBe(5);
      paged.push(...page.items);
      before = page.nextBefore;
    } while (before);
    expect(paged.map((n) => n.id)).toEqual(all.items.map((n) => n.id));

    // Read ones drop out of the unread filter and the count.
    expect((await analyst.post(`/api/notifications/${all.items[2]!.id}/read`, {})).status).toBe(204);
    const unread = (await analyst.get<NotificationsPage>('/api/notifications?unread=true')).body;
    expect(unread.unread).toBe(4);
    expect(unread.items.map((n) => n.id)).toEqual(all.items.filter((_, i) => i !== 2).map((n) => n.id));

    // Removed from a workspace, its notifications (one unread) are no longer theirs to see.
    expect((await owner.delete(`/api/workspaces/${left}/members/${analyst.user!.id}`)).status).toBe(204);
    const after = (await analyst.get<NotificationsPage>('/api/notifications')).body;
    expect(after.items.map((n) => n.claimId)).not.toContain(leftClaim);
    expect(after.items).toHaveLength(4);
    expect(after.unread).toBe(3);
  });

  it('tells a removed member nothing more of the workspace, though they are still named on a claim', async () => {
    const owner = await newUser(app, 'Owner Bea');
    const workspaceId = await newWorkspace(owner, 'Busy desk');
    const analyst = await newMember(app, owner, workspaceId, 'analyst');
    const { id: articleId } = await importArticle(owner, workspaceId, CLAIMS_ARTICLE, 'Assigned then removed');
    const claim = await newClaim(owner, articleId, { statement: 'A claim assigned before the removal' });
    expect((await owner.patch(`/api/claims/${claim.id}`, { version: 1, assigneeIds: [analyst.user!.id] })).status).toBe(200);
    const socket = await openSocket(sockets, app.url, analyst, { origin: TEST_ORIGIN });
    const pushed: Notification[] = [];
    socket.on('notification', (n) => pushed.push(n));

    expect((await owner.delete(`/api/workspaces/${workspaceId}/members/${analyst.user!.id}`)).status).toBe(204);
    expect((await owner.post(`/api/claims/${claim.id}/comments`, { body: 'Any news on this one?' })).status).toBe(201);
    // A member's notice of the same comment shows it was sent; the removed assignee gets none.
    const editor = await newMember(app, owner, workspaceId, 'editor');
    expect((await owner.post(`/api/claims/${claim.id}/comments`, { body: `@${editor.user!.displayName} can you look?` })).status).toBe(201);
    expect((await editor.get<NotificationsPage>('/api/notifications')).body.items.map((n) => n.kind)).toEqual(['mention']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pushed).toEqual([]);
    expect(await app.prisma.notification.count({ where: { userId: analyst.user!.id, workspaceId, kind: { not: 'claim.assigned' } } })).toBe(0);
  });

  it('pushes the mention an edit adds to the member’s socket once, for a claim comment and an annotation comment', async () => {
    const owner = await newUser(app, 'Owner Di');
    const ws = await newWorkspace(owner, 'Edit desk');
    const analyst = await newMember(app, owner, ws, 'analyst');
    const { id: articleId, text } = await importArticle(owner, ws, CLAIMS_ARTICLE, 'Mentioned in an edit');
    const claim = await newClaim(owner, articleId, { statement: 'A claim talked over' });
    const socket = await openSocket(sockets, app.url, analyst, { origin: TEST_ORIGIN });
    const pushed: Notification[] = [];
    socket.on('notification', (n) => pushed.push(n));

    const { body: comment } = await owner.post(`/api/claims/${claim.id}/comments`, { body: 'Who checks this?' });
    const { body: annotation } = await owner.post(`/api/articles/${articleId}/annotations`, {
      motivation: 'commenting',
      body: 'Which count?',
      target: { selector: selectorsFor(text, 'rose from 11 to 19') },
    });
    expect((await owner.patch(`/api/claim-comments/${comment.id}`, { version: 1, body: 'Who checks this? @analyst' })).status).toBe(200);
    expect((await owner.patch(`/api/annotations/${annotation.id}`, { version: 1, body: 'Which count, @analyst?' })).status).toBe(200);
    await waitFor(() => pushed.length >= 2, 5_000, 'two mentions');
    // Edited again, still naming them: nothing more.
    expect((await owner.patch(`/api/claim-comments/${comment.id}`, { version: 2, body: 'Who checks this? @analyst, please' })).status).toBe(200);
    expect((await owner.patch(`/api/annotations/${annotation.id}`, { version: 2, body: 'Which count, @analyst? The lower reach' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pushed.map((n) => [n.kind, n.claimId, n.annotationId, n.actor?.id])).toEqual([
      ['mention', claim.id, null, owner.user!.id],
      ['mention', null, annotation.id, owner.user!.id],
    ]);
    const stored = (await analyst.get<NotificationsPage>('/api/notifications')).body.items.filter((n) => n.kind === 'mention');
    expect(stored.map((n) => n.id).sort()).toEqual(pushed.map((n) => n.id).sort());
  });

  it('answers pages asked for together each with its own; a cursor naming someone else\'s notification is ignored', async () => {
    const owner = await newUser(app, 'Owner Bo');
    const ws = await newWorkspace(owner, 'Shared desk');
    const [one, two] = [await newMember(app, owner, ws, 'analyst'), await newMember(app, owner, ws, 'analyst')];
    const { id: articleId } = await importArticle(owner, ws, CLAIMS_ARTICLE, 'Assignments');
    const assign = async (statement: string, ...to: HttpClient[]) => {
      const claim = await newClaim(owner, articleId, { statement });
      expect((await owner.patch(`/api/claims/${claim.id}`, { version: 1, assigneeIds: to.map((u) => u.user!.id) })).status).toBe(200);
    };
    await assign('For one', one);
    await assign('For both', one, two);
    await assign('For two again', two);
    await assign('For one again', one);
    const ownPage = async (user: HttpClient) => (await user.get<NotificationsPage>('/api/notifications')).body;
    const [pageOne, pageTwo] = [await ownPage(one), await ownPage(two)];
    expect([pageOne.items.length, pageTwo.items.length]).toEqual([3, 2]);
    expect(pageOne.items.some((n) => pageTwo.items.some((m) => m.id === n.id))).toBe(false);

    // In one turn, as requests arriving together are: one statement for all of them.
    const notifications = app.app.get(NotificationsService);
    const asked = await Promise.all([
      notifications.page(one.user!.id, { limit: 30 }),
      notifications.page(two.user!.id, { limit: 30 }),
      notifications.page(one.user!.id, { limit: 1 }),
      notifications.page(one.user!.id, { limit: 30, before: pageOne.items[0]!.id }),
      notifications.page(one.user!.id, { limit: 30, before: pageTwo.items[0]!.id }),
      notifications.page(owner.user!.id, { limit: 30 }),
    ]);
    const ids = (page: NotificationsPage) => page.items.map((n) => n.id);
    expect(asked.map(ids)).toEqual([ids(pageOne), ids(pageTwo), ids(pageOne).slice(0, 1), ids(pageOne).slice(1), ids(pageOne), []]);
    expect(asked.map((page) => page.unread)).toEqual([3, 2, 3, 3, 3, 0]);
    expect(asked.map((page) => page.nextBefore)).toEqual([null, null, pageOne.items[0]!.id, null, null, null]);
    expect(asked[0]).toEqual(pageOne);
  });

  it('answers notifications:list on the socket with the page GET gives for the same query, and refuses what it would refuse', async () => {
    const owner = await newUser(app, 'Owner Cy');
    const ws = await newWorkspace(owner, 'Socket desk');
    const analyst = await newMember(app, owner, ws, 'analyst');
    const { id: articleId } = await importArticle(owner, ws, CLAIMS_ARTICLE, 'Assigned over the socket');
    for (const statement of ['First', 'Second', 'Third']) {
      const claim = await newClaim(owner, articleId, { statement });
      expect((await owner.patch(`/api/claims/${claim.id}`, { version: 1, assigneeIds: [analyst.user!.id] })).status).toBe(200);
    }
    const socket = await openSocket(sockets, app.url, analyst, { origin: TEST_ORIGIN });
    const first = (await analyst.get<NotificationsPage>('/api/notifications?limit=2')).body;
    expect(first.items).toHaveLength(2);
    expect(await socket.emitWithAck('notifications:list', { limit: 2 })).toEqual({ ok: true, page: first });
    const rest = (await analyst.get<NotificationsPage>(`/api/notifications?limit=2&before=${first.nextBefore}`)).body;
    expect(await socket.emitWithAck('notifications:list', { limit: 2, before: first.nextBefore! })).toEqual({ ok: true, page: rest });
    // Nothing asked for: the defaults, as GET /api/notifications with no query.
    expect(await socket.emitWithAck('notifications:list', undefined as never)).toEqual({ ok: true, page: (await analyst.get('/api/notifications')).body });
    // Someone else's are never in it: the owner has none.
    const ownerSocket = await openSocket(sockets, app.url, owner, { origin: TEST_ORIGIN });
    expect(await ownerSocket.emitWithAck('notifications:list', {})).toEqual({ ok: true, page: { items: [], unread: 0, nextBefore: null } });

    const refused = await socket.emitWithAck('notifications:list', { limit: 0, before: 'not-a-uuid' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('VALIDATION_FAILED');
    expect(refused.error.message).toMatch(/limit/);
    expect(refused.error.message).toMatch(/before/);
    // A token without the read scope reads nothing, over REST or the socket.
    const writeOnly = (await analyst.post('/api/tokens', { name: 'writes only', scopes: ['write'] })).body.token as string;
    expect((await analyst.withToken(writeOnly).get('/api/notifications')).status).toBe(403);
    const scripted = await openSocket(sockets, app.url, analyst, { origin: TEST_ORIGIN, token: writeOnly });
    expect(await scripted.emitWithAck('notifications:list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
