import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { expectError } from './support/assertions';
import { newMember, newUser, newWorkspace, type HttpClient, type Reply } from './support/http-client';
import { whileLocked } from './support/lock-race';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const members = (ws: string) => `/api/workspaces/${ws}/members`;
const invites = (ws: string) => `/api/workspaces/${ws}/invites`;

/** Resolves once some statement of the app waits on a lock. */
/**
 * Sends `request` while another transaction holds the workspace's member lock, and, once the
 * request waits on it (or has answered without waiting), applies `change` to the caller's
 * membership in that same transaction and commits it.
 */
const whileMembersLocked = (workspaceId: string, request: () => Promise<Reply>, change: (db: Client) => Promise<unknown>) =>
  whileLocked(app, { sql: 'SELECT 1 FROM memberships WHERE workspace_id = $1 FOR UPDATE', params: [workspaceId] }, request, change);

describe('a member change waiting on the member lock re-checks the caller there', () => {
  async function setup() {
    const owner = await newUser(app, 'Owner');
    const ws = await newWorkspace(owner);
    const coOwner = await newMember(app, owner, ws, 'owner');
    const editor = await newMember(app, owner, ws, 'editor');
    const newcomer = await newUser(app, 'Newcomer');
    const invite = (await owner.post(invites(ws), { role: 'viewer' })).body as { id: string };
    return { owner, ws, coOwner, editor, newcomer, invite };
  }
  type Setup = Awaited<ReturnType<typeof setup>>;

  const demote = (s: Setup) => (db: Client) =>
    db.query(`UPDATE memberships SET role = 'editor' WHERE workspace_id = $1 AND user_id = $2`, [s.ws, s.coOwner.user!.id]);

  const writes: [string, (s: Setup) => Promise<Reply>, (s: Setup) => Promise<void>][] = [
    [
      'adding a member',
      (s) => s.coOwner.post(members(s.ws), { email: s.newcomer.user!.email, role: 'viewer' }),
      async (s) => expect(await app.prisma.membership.count({ where: { workspaceId: s.ws, userId: s.newcomer.user!.id } })).toBe(0),
    ],
    [
      "changing a member's role",
      (s) => s.coOwner.patch(`${members(s.ws)}/${s.editor.user!.id}`, { role: 'viewer' }),
      async (s) =>
        expect((await app.prisma.membership.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: s.ws, userId: s.editor.user!.id } } })).role).toBe('editor'),
    ],
    [
      'removing a member',
      (s) => s.coOwner.delete(`${members(s.ws)}/${s.editor.user!.id}`),
      async (s) => expect(await app.prisma.membership.count({ where: { workspaceId: s.ws, userId: s.editor.user!.id } })).toBe(1),
    ],
    [
      'creating an invite',
      (s) => s.coOwner.post(invites(s.ws), { role: 'viewer' }),
      async (s) => expect(await app.prisma.invite.count({ where: { workspaceId: s.ws, createdById: s.coOwner.user!.id } })).toBe(0),
    ],
    [
      'revoking an invite',
      (s) => s.coOwner.delete(`${invites(s.ws)}/${s.invite.id}`),
      async (s) => expect((await app.prisma.invite.findUniqueOrThrow({ where: { id: s.invite.id } })).revokedAt).toBeNull(),
    ],
  ];

  it.each(writes)('%s by an owner demoted meanwhile is refused (403) and changes nothing', async (_, request, unchanged) => {
    const s = await setup();
    const res = await whileMembersLocked(s.ws, () => request(s), demote(s));
    expectError(res, 403);
    await unchanged(s);
    expect(await app.prisma.auditEntry.count({ where: { workspaceId: s.ws, actorId: s.coOwner.user!.id } })).toBe(0);
  });

  it('an owner removed meanwhile gets 404, as any non-member', async () => {
    const s = await setup();
    const res = await whileMembersLocked(
      s.ws,
      () => s.coOwner.post(members(s.ws), { email: s.newcomer.user!.email, role: 'viewer' }),
      (db) => db.query('DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2', [s.ws, s.coOwner.user!.id]),
    );
    expectError(res, 404);
    expect(await app.prisma.membership.count({ where: { workspaceId: s.ws, userId: s.newcomer.user!.id } })).toBe(0);
  });

  it('accepting an invite whose creator is demoted meanwhile is refused (404) and joins nobody', async () => {
    const s = await setup();
    const { token } = (await s.coOwner.post(invites(s.ws), { role: 'viewer' })).body as { token: string };
    const res = await whileMembersLocked(s.ws, () => s.newcomer.post(`/api/invites/${token}/accept`), demote(s));
    expectError(res, 404);
    expect(await app.prisma.membership.count({ where: { workspaceId: s.ws, userId: s.newcomer.user!.id } })).toBe(0);
  });

  it('an owner still an owner once the lock is free goes ahead', async () => {
    const s = await setup();
    const res = await whileMembersLocked(
      s.ws,
      () => s.coOwner.post(members(s.ws), { email: s.newcomer.user!.email, role: 'viewer' }),
      async () => {},
    );
    expect(res.status).toBe(201);
  });
});

describe('concurrent identical workspace creates', () => {
  const create = (client: HttpClient, id: string, name: string) => client.post('/api/workspaces', { id, name });

  it('two at once with the same id and name: one 201, the other 200 with the same workspace', async () => {
    const owner = await newUser(app, 'Double clicker');
    for (let pair = 0; pair < 10; pair++) {
      const id = randomUUID();
      const replies = await Promise.all([create(owner, id, 'Twice'), create(owner, id, 'Twice')]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 201]);
      expect(replies[0]!.body).toEqual(replies[1]!.body);
      expect(replies[0]!.body).toMatchObject({ id, name: 'Twice', role: 'owner' });
      expect(await app.prisma.membership.count({ where: { workspaceId: id } })).toBe(1);
    }
  });

  it('two at once with the same id but another name or another caller: one 201, the other 409', async () => {
    const owner = await newUser(app, 'Racer');
    const other = await newUser(app, 'Other racer');
    for (let pair = 0; pair < 10; pair++) {
      const id = randomUUID();
      const [first, second] = await Promise.all([create(owner, id, 'Mine'), pair % 2 ? create(owner, id, 'Renamed') : create(other, id, 'Mine')]);
      const [won, lost] = first.status === 201 ? [first, second] : [second, first];
      expect(won.status).toBe(201);
      expectError(lost, 409, 'id');
      expect(await app.prisma.membership.count({ where: { workspaceId: id } })).toBe(1);
    }
  });
});
