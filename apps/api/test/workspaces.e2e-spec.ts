import { randomUUID } from 'node:crypto';
import type { WorkspaceRole } from '@corroborate/contracts';
import { expectError } from './support/assertions';
import { HttpClient, newMember, newUser, newWorkspace, PASSWORD } from './support/http-client';
import { startTestApp, TEST_ORIGIN, type TestApp } from './support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const members = (ws: string) => `/api/workspaces/${ws}/members`;
const member = (ws: string, userId: string) => `${members(ws)}/${userId}`;

describe('workspaces', () => {
  it('creates a workspace owned by the caller, listed in /me and /workspaces', async () => {
    const owner = await newUser(app, 'Founder');
    const res = await owner.post('/api/workspaces', { name: '  Election desk  ' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Election desk', role: 'owner' });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);

    const me = await owner.get('/api/me');
    expect(me.body.workspaces).toEqual([{ id: res.body.id, name: 'Election desk', role: 'owner' }]);
    const list = await owner.get('/api/workspaces');
    expect(list.body).toEqual([res.body]);
    expect((await owner.get(members(res.body.id))).body).toEqual([
      expect.objectContaining({ userId: owner.user!.id, email: owner.user!.email, role: 'owner' }),
    ]);
    // Somebody else sees none of it.
    const stranger = await newUser(app, 'Stranger');
    expect((await stranger.get('/api/workspaces')).body).toEqual([]);
  });

  it('is idempotent for a client-chosen id: same body 200 with the same object, other name 409', async () => {
    const owner = await newUser(app, 'Retrier');
    const id = randomUUID();
    const first = await owner.post('/api/workspaces', { id, name: 'Offline desk' });
    expect(first.status).toBe(201);
    expect(first.body.id).toBe(id);

    const again = await owner.post('/api/workspaces', { id, name: 'Offline desk' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);

    expectError(await owner.post('/api/workspaces', { id, name: 'Another name' }), 409);
    // Someone else reusing the id does not get the workspace either.
    expectError(await (await newUser(app, 'Squatter')).post('/api/workspaces', { id, name: 'Offline desk' }), 409);
    expect(await app.prisma.workspace.count({ where: { id } })).toBe(1);
    expect(await app.prisma.membership.count({ where: { workspaceId: id } })).toBe(1);
  });

  it('refuses a bad name or id with 400 naming the field', async () => {
    const owner = await newUser(app, 'Typo');
    expectError(await owner.post('/api/workspaces', { name: '   ' }), 400, 'name');
    expectError(await owner.post('/api/workspaces', { name: '\u200b\ufeff' }), 400, 'name');
    expectError(await owner.post('/api/workspaces', { id: 'not-a-uuid', name: 'Desk' }), 400, 'id');
  });
});

describe('members', () => {
  it('adds an existing user by email (201), refuses an unknown email (404) and a duplicate (409)', async () => {
    const owner = await newUser(app, 'Owner');
    const ws = await newWorkspace(owner);
    const analyst = await newUser(app, 'Analyst');

    const added = await owner.post(members(ws), { email: analyst.user!.email.toUpperCase(), role: 'analyst' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      userId: analyst.user!.id,
      email: analyst.user!.email,
      displayName: 'Analyst',
      role: 'analyst',
    });
    expect((await analyst.get(`/api/workspaces/${ws}`)).body).toMatchObject({ id: ws, role: 'analyst' });

    expectError(await owner.post(members(ws), { email: 'nobody@example.org', role: 'viewer' }), 404, 'email');
    expectError(await owner.post(members(ws), { email: analyst.user!.email, role: 'editor' }), 409);
    expectError(await owner.post(members(ws), { email: analyst.user!.email, role: 'boss' }), 400, 'role');
    const roles = (await owner.get(members(ws))).body.map((m: { role: string }) => m.role);
    expect(roles).toEqual(['owner', 'analyst']);
  });

  it('applies a role change on the very next request', async () => {
    const owner = await newUser(app, 'Owner');
    const ws = await newWorkspace(owner);
    const coOwner = await newMember(app, owner, ws, 'owner');
    const newcomer = await newUser(app, 'Newcomer');

    const demoted = await owner.patch(member(ws, coOwner.user!.id), { role: 'editor' });
    expect(demoted.status).toBe(200);
    expect(demoted.body).toMatchObject({ userId: coOwner.user!.id, role: 'editor' });
    expectError(await coOwner.post(members(ws), { email: newcomer.user!.email, role: 'viewer' }), 403);
    expect((await coOwner.get(`/api/workspaces/${ws}`)).body.role).toBe('editor');

    expect((await owner.patch(member(ws, coOwner.user!.id), { role: 'owner' })).status).toBe(200);
    expect((await coOwner.post(members(ws), { email: newcomer.user!.email, role: 'viewer' })).status).toBe(201);
    expectError(await owner.patch(member(ws, randomUUID()), { role: 'viewer' }), 404);
  });

  it('a removed member immediately loses the workspace and its member list', async () => {
    const owner = await newUser(app, 'Owner');
    const ws = await newWorkspace(owner);
    const editor = await newMember(app, owner, ws, 'editor');
    expect((await editor.get(members(ws))).status).toBe(200);

    const removed = await owner.delete(member(ws, editor.user!.id));
    expect(removed.status).toBe(204);
    expect(removed.body).toBe('');
    expectError(await editor.get(`/api/workspaces/${ws}`), 404);
    expectError(await editor.get(members(ws)), 404);
    expect((await editor.get('/api/me')).body.workspaces).toEqual([]);
    expectError(await owner.delete(member(ws, editor.user!.id)), 404);
  });

  it('answers member lists and /me asked for at once each with its own, however the id is cased', async () => {
    const [ownerA, ownerB] = [await newUser(app, 'Owner A'), await newUser(app, 'Owner B')];
    const [wsA, wsB] = [await newWorkspace(ownerA, 'Desk A'), await newWorkspace(ownerB, 'Desk B')];
    const analyst = await newMember(app, ownerA, wsA, 'analyst');
    const stranger = await newUser(app, 'Stranger');
    const ids = (res: { body: { userId: string }[] }) => res.body.map((m) => m.userId);
    const names = (res: { body: { workspaces: { name: string }[] } }) => res.body.workspaces.map((w) => w.name);
    for (let round = 0; round < 3; round++) {
      const [listA, listB, upper, refused, meA, meB, meAnalyst, meStranger] = await Promise.all([
        ownerA.get(members(wsA)),
        ownerB.get(members(wsB)),
        analyst.get(members(wsA.toUpperCase())),
        stranger.get(members(wsA)),
        ownerA.get('/api/me'),
        ownerB.get('/api/me'),
        analyst.get('/api/me'),
        stranger.get('/api/me'),
      ]);
      expect(ids(listA)).toEqual([ownerA.user!.id, analyst.user!.id]);
      expect(ids(listB)).toEqual([ownerB.user!.id]);
      expect(ids(upper)).toEqual(ids(listA));
      expectError(refused, 404);
      expect([names(meA), names(meB), names(meAnalyst), names(meStranger)]).toEqual([['Desk A'], ['Desk B'], ['Desk A'], []]);
      expect([meA.body.user.id, meB.body.user.id, meStranger.body.user.id]).toEqual([ownerA.user!.id, ownerB.user!.id, stranger.user!.id]);
    }
  });

  it('keeps the last owner: no demotion, no removal, no leaving (409)', async () => {
    const owner = await newUser(app, 'Sole');
    const ws = await newWorkspace(owner);
    const self = member(ws, owner.user!.id);
    expectError(await owner.patch(self, { role: 'editor' }), 409);
    expectError(await owner.delete(self), 409);
    expect((await owner.get(members(ws))).body).toEqual([expect.objectContaining({ role: 'owner' })]);

    // With a second owner, either may step down.
    const second = await newMember(app, owner, ws, 'owner');
    expect((await owner.patch(self, { role: 'editor' })).status).toBe(200);
    expectError(await second.patch(member(ws, second.user!.id), { role: 'viewer' }), 409);
    expectError(await second.delete(member(ws, second.user!.id)), 409);
  });

  it.each<WorkspaceRole>(['viewer', 'editor'])('the %s may leave (DELETE self → 204) but not remove others', async (role) => {
    const owner = await newUser(app, 'Owner');
    const ws = await newWorkspace(owner);
    const leaver = await newMember(app, owner, ws, role);
    expectError(await leaver.delete(member(ws, owner.user!.id)), 403);

    expect((await leaver.delete(member(ws, leaver.user!.id))).status).toBe(204);
    expectError(await leaver.get(`/api/workspaces/${ws}`), 404);
    expect((await owner.get(members(ws))).body.map((m: { userId: string }) => m.userId)).toEqual([owner.user!.id]);
  });
});

describe('invites', () => {
  const invites = (ws: string) => `/api/workspaces/${ws}/invites`;

  async function setup() {
    const owner = await newUser(app, 'Inviter');
    const ws = await newWorkspace(owner, 'Invite desk');
    return { owner, ws };
  }

  function register(token: string | undefined, name = 'Joiner') {
    const client = new HttpClient(app.url);
    const email = `${name.toLowerCase()}.${randomUUID().slice(0, 8)}@example.org`;
    return { client, res: client.post('/api/auth/register', { email, password: PASSWORD, displayName: name, inviteToken: token }) };
  }

  it('creates an invite link that previews without auth and lets a new user join with its role', async () => {
    const { owner, ws } = await setup();
    const created = await owner.post(invites(ws), { role: 'reviewer' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ role: 'reviewer', token: expect.stringMatching(/^cbi_/) });
    expect(created.body.url).toBe(`${TEST_ORIGIN}/join/${created.body.token}`);
    const listed = await owner.get(invites(ws));
    expect(listed.body).toEqual([{ id: created.body.id, role: 'reviewer', expiresAt: created.body.expiresAt, createdAt: created.body.createdAt }]);

    const preview = await new HttpClient(app.url).get(`/api/invites/${created.body.token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({ workspaceName: 'Invite desk', role: 'reviewer', expiresAt: created.body.expiresAt });

    const joiner = register(created.body.token);
    expect((await joiner.res).status).toBe(201);
    expect((await joiner.client.get('/api/me')).body.workspaces).toEqual([{ id: ws, name: 'Invite desk', role: 'reviewer' }]);
    expect((await owner.get(invites(ws))).body).toEqual([]);
  });

  it('is single-use: a second registration with it is 404 and creates no account', async () => {
    const { owner, ws } = await setup();
    const { token } = (await owner.post(invites(ws), { role: 'viewer' })).body;
    expect((await register(token).res).status).toBe(201);

    const usersBefore = await app.prisma.user.count();
    expectError(await register(token, 'Latecomer').res, 404);
    expect(await app.prisma.user.count()).toBe(usersBefore);
    expectError(await new HttpClient(app.url).get(`/api/invites/${token}`), 404);
    expect((await owner.get(members(ws))).body).toHaveLength(2);
  });

  it('a revoked invite answers 404 everywhere', async () => {
    const { owner, ws } = await setup();
    const invite = (await owner.post(invites(ws), { role: 'editor' })).body;
    expect((await owner.delete(`${invites(ws)}/${invite.id}`)).status).toBe(204);
    expectError(await owner.delete(`${invites(ws)}/${invite.id}`), 404);

    expectError(await new HttpClient(app.url).get(`/api/invites/${invite.token}`), 404);
    expectError(await register(invite.token).res, 404);
    const existing = await newUser(app, 'Existing');
    expectError(await existing.post(`/api/invites/${invite.token}/accept`), 404);
    expect((await existing.get('/api/me')).body.workspaces).toEqual([]);
  });

  it('an existing signed-in user accepts with POST /accept', async () => {
    const { owner, ws } = await setup();
    const { token } = (await owner.post(invites(ws), { role: 'analyst' })).body;
    const existing = await newUser(app, 'Existing');
    expectError(await new HttpClient(app.url).post(`/api/invites/${token}/accept`), 401);

    const accepted = await existing.post(`/api/invites/${token}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ workspaceId: ws, role: 'analyst' });
    expect((await existing.get(`/api/workspaces/${ws}`)).body).toMatchObject({ id: ws, role: 'analyst' });
    expectError(await (await newUser(app, 'Second')).post(`/api/invites/${token}/accept`), 404);
  });

  it('stops working once its creator is no longer an owner, for new and existing users alike', async () => {
    const { owner, ws } = await setup();
    const coOwner = await newMember(app, owner, ws, 'owner');
    const [first, second] = [(await coOwner.post(invites(ws), { role: 'editor' })).body, (await coOwner.post(invites(ws), { role: 'viewer' })).body];
    const own = (await owner.post(invites(ws), { role: 'viewer' })).body;
    const listed = async () => (await owner.get(invites(ws))).body.map((i: { id: string }) => i.id).sort();
    expect(await listed()).toEqual([first.id, second.id, own.id].sort());
    expect((await owner.patch(`${members(ws)}/${coOwner.user!.id}`, { role: 'editor' })).status).toBe(200);
    // Lapsed invites leave the list of open ones.
    expect(await listed()).toEqual([own.id]);

    expectError(await new HttpClient(app.url).get(`/api/invites/${first.token}`), 404);
    const usersBefore = await app.prisma.user.count();
    expectError(await register(first.token, 'Latecomer').res, 404);
    expect(await app.prisma.user.count()).toBe(usersBefore);
    const existing = await newUser(app, 'Existing');
    expectError(await existing.post(`/api/invites/${second.token}/accept`), 404);
    expect((await existing.get('/api/me')).body.workspaces).toEqual([]);

    // Removed altogether, likewise; an owner's own invite still works.
    expect((await owner.delete(`${members(ws)}/${coOwner.user!.id}`)).status).toBe(204);
    expectError(await existing.post(`/api/invites/${second.token}/accept`), 404);
    expect((await existing.post(`/api/invites/${own.token}/accept`)).status).toBe(200);
    expect((await owner.get(members(ws))).body.map((m: { userId: string }) => m.userId)).toEqual([owner.user!.id, existing.user!.id]);
  });

  it('refuses an owner invite and a bogus token', async () => {
    const { owner, ws } = await setup();
    expectError(await owner.post(invites(ws), { role: 'owner' }), 400, 'role');
    expectError(await new HttpClient(app.url).get('/api/invites/cbi_made-up'), 404);
  });
});

describe('adding members by email: unknown addresses are limited per caller', () => {
  const LIMIT = 3;
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ MEMBER_LOOKUP_MISSES_PER_HOUR: String(LIMIT) });
  });
  afterAll(() => limited.close());

  const unknown = () => `nobody.${randomUUID().slice(0, 8)}@example.org`;

  it('past the limit of unknown addresses every add by email answers 429 with Retry-After, even for an account; others are unaffected', async () => {
    const owner = await newUser(limited, 'Prober');
    const ws = await newWorkspace(owner);
    // Addresses with an account are not counted.
    for (let i = 0; i < LIMIT + 1; i++) {
      const known = await newUser(limited, 'Known');
      expect((await owner.post(members(ws), { email: known.user!.email, role: 'viewer' })).status).toBe(201);
    }
    for (let i = 0; i < LIMIT; i++) expectError(await owner.post(members(ws), { email: unknown(), role: 'viewer' }), 404, 'email');

    const refused = await owner.post(members(ws), { email: unknown(), role: 'viewer' });
    expectError(refused, 429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const existing = await newUser(limited, 'Existing');
    expectError(await owner.post(members(ws), { email: existing.user!.email, role: 'viewer' }), 429);
    expect((await existing.get('/api/me')).body.workspaces).toEqual([]);

    // In another workspace too: the count is the caller's.
    const otherWs = await newWorkspace(owner, 'Second desk');
    expectError(await owner.post(members(otherWs), { email: existing.user!.email, role: 'viewer' }), 429);

    const otherOwner = await newUser(limited, 'Other owner');
    const theirs = await newWorkspace(otherOwner);
    expectError(await otherOwner.post(members(theirs), { email: unknown(), role: 'viewer' }), 404, 'email');
    expect((await otherOwner.post(members(theirs), { email: existing.user!.email, role: 'viewer' })).status).toBe(201);
  });

  it('a burst of unknown addresses at once gets no more 404s than the limit', async () => {
    const owner = await newUser(limited, 'Burst');
    const ws = await newWorkspace(owner);
    const replies = await Promise.all(Array.from({ length: 20 }, () => owner.post(members(ws), { email: unknown(), role: 'viewer' })));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(LIMIT).fill(404), ...Array(20 - LIMIT).fill(429)]);
  });
});

describe('creating workspaces is limited per user and hour', () => {
  const LIMIT = 3;
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ WORKSPACE_CREATES_PER_HOUR: String(LIMIT) });
  });
  afterAll(() => limited.close());

  it('past the limit a create answers 429 with Retry-After; a repeat of a made one still answers it; others are unaffected', async () => {
    const user = await newUser(limited, 'Prolific');
    const first = { id: randomUUID(), name: 'Desk 1' };
    expect((await user.post('/api/workspaces', first)).status).toBe(201);
    for (let i = 2; i <= LIMIT; i++) expect((await user.post('/api/workspaces', { name: `Desk ${i}` })).status).toBe(201);

    const refused = await user.post('/api/workspaces', { name: 'One too many' });
    expectError(refused, 429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // A retry of a create that went through is answered, not counted.
    expect((await user.post('/api/workspaces', first)).status).toBe(200);
    expect((await user.get('/api/me')).body.workspaces).toHaveLength(LIMIT);

    const other = await newUser(limited, 'Other');
    expect((await other.post('/api/workspaces', { name: 'Theirs' })).status).toBe(201);
  });

  it('a create refused for its id is not counted', async () => {
    const user = await newUser(limited, 'Unlucky');
    const taken = await newWorkspace(await newUser(limited, 'Holder'));
    for (let i = 0; i < LIMIT + 2; i++) expectError(await user.post('/api/workspaces', { id: taken, name: 'Mine' }), 409);
    for (let i = 0; i < LIMIT; i++) expect((await user.post('/api/workspaces', { name: `Desk ${i}` })).status).toBe(201);
  });

  it('a burst of creates at once makes no more workspaces than the limit', async () => {
    const user = await newUser(limited, 'Burst');
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => user.post('/api/workspaces', { name: `Burst ${i}` })));
    expect(replies.map((r) => r.status).sort()).toEqual([...Array(LIMIT).fill(201), ...Array(10 - LIMIT).fill(429)]);
    expect((await user.get('/api/me')).body.workspaces).toHaveLength(LIMIT);
  });
});
