import { createHash, randomUUID } from 'node:crypto';
import { expectError } from './support/assertions';
import { HttpClient, newMember, newUser, newWorkspace, PASSWORD, type Reply } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
let owner: HttpClient;
let ws: string;

beforeAll(async () => {
  app = await startTestApp();
  owner = await newUser(app, 'Auditor');
  ws = await newWorkspace(owner, 'Audited desk');
});
afterAll(() => app.close());

const wsPath = (rest: string, workspaceId = ws) => `/api/workspaces/${workspaceId}${rest}`;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const lastAuditId = async () => (await app.prisma.auditEntry.aggregate({ _max: { id: true } }))._max.id ?? 0n;
const entriesAfter = (id: bigint) => app.prisma.auditEntry.findMany({ where: { id: { gt: id } }, orderBy: { id: 'asc' } });

/** Row counts of every table a mutation touches: equal before and after means nothing partial was written. */
const snapshot = async () => ({
  users: await app.prisma.user.count(),
  workspaces: await app.prisma.workspace.count(),
  memberships: await app.prisma.membership.count(),
  invites: await app.prisma.invite.count(),
  articles: await app.prisma.article.count(),
  revisions: await app.prisma.articleRevision.count(),
  audit: await app.prisma.auditEntry.count(),
});

interface Expected {
  workspaceId?: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  /** What the API adds for the feed: the article and the member concerned (null when none). */
  view?: { article: { id: string; title: string } | null; subjectName: string | null };
}

interface Mutation {
  action: string;
  /** Preparation whose own audit entries do not count. */
  setup?: () => Promise<any>;
  act: (prepared: any) => Promise<Expected>;
}

const mutations: Mutation[] = [
  {
    action: 'workspace.created',
    act: async () => {
      const { body } = await owner.post('/api/workspaces', { name: 'Second desk' });
      return { workspaceId: body.id, entityType: 'workspace', entityId: body.id, before: null, after: { name: 'Second desk' } };
    },
  },
  {
    action: 'member.added',
    setup: () => newUser(app, 'Joiner'),
    act: async (user: HttpClient) => {
      expect((await owner.post(wsPath('/members'), { email: user.user!.email, role: 'analyst' })).status).toBe(201);
      return { entityType: 'membership', entityId: user.user!.id, before: null, after: { role: 'analyst' }, view: { article: null, subjectName: 'Joiner' } };
    },
  },
  {
    action: 'member.role_changed',
    setup: () => newMember(app, owner, ws, 'viewer'),
    act: async (member: HttpClient) => {
      expect((await owner.patch(wsPath(`/members/${member.user!.id}`), { role: 'editor' })).status).toBe(200);
      return { entityType: 'membership', entityId: member.user!.id, before: { role: 'viewer' }, after: { role: 'editor' }, view: { article: null, subjectName: member.user!.displayName } };
    },
  },
  {
    action: 'member.removed',
    setup: () => newMember(app, owner, ws, 'reviewer'),
    act: async (member: HttpClient) => {
      expect((await owner.delete(wsPath(`/members/${member.user!.id}`))).status).toBe(204);
      return { entityType: 'membership', entityId: member.user!.id, before: { role: 'reviewer' }, after: null, view: { article: null, subjectName: member.user!.displayName } };
    },
  },
  {
    action: 'invite.created',
    act: async () => {
      const { body } = await owner.post(wsPath('/invites'), { role: 'viewer', expiresInHours: 2 });
      return { entityType: 'invite', entityId: body.id, before: null, after: { role: 'viewer', expiresAt: body.expiresAt } };
    },
  },
  {
    action: 'article.imported',
    act: async () => {
      const { body } = await owner.post(wsPath('/articles'), { title: 'Logged', text: 'Audited text.', sourceUrl: 'https://example.org/x' });
      const after = { title: 'Logged', sourceUrl: 'https://example.org/x', revision: 1, sha256: sha256('Audited text.') };
      return { entityType: 'article', entityId: body.id, before: null, after, view: { article: { id: body.id, title: 'Logged' }, subjectName: null } };
    },
  },
  {
    action: 'article.revised',
    setup: async () => (await owner.post(wsPath('/articles'), { title: 'Draft', text: 'Version one.' })).body.id,
    act: async (articleId: string) => {
      expect((await owner.post(`/api/articles/${articleId}/revisions`, { text: 'Version two.' })).status).toBe(201);
      const before = { revision: 1, sha256: sha256('Version one.') };
      // The article has no annotations, so no anchor moved.
      return {
        entityType: 'article',
        entityId: articleId,
        before,
        after: { revision: 2, sha256: sha256('Version two.'), anchors: [] },
        view: { article: { id: articleId, title: 'Draft' }, subjectName: null },
      };
    },
  },
];

describe('one audit entry per mutation', () => {
  it.each(mutations)('$action', async ({ action, setup, act }) => {
    const prepared = await setup?.();
    const mark = await lastAuditId();
    const { workspaceId = ws, view = { article: null, subjectName: null }, ...expected } = await act(prepared);

    const entries = await entriesAfter(mark);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action, workspaceId, actorId: owner.user!.id, ...expected });

    const page = await owner.get(`${wsPath('/audit', workspaceId)}?limit=1`);
    expect(page.status).toBe(200);
    expect(page.body.entries).toEqual([
      { id: entries[0]!.id.toString(), at: entries[0]!.at.toISOString(), action, actorId: owner.user!.id, actorName: 'Auditor', ...expected, ...view },
    ]);
  });
});

describe('paging', () => {
  it('pages newest first with limit and before/nextBefore, covering every entry once', async () => {
    const desk = await newWorkspace(owner, 'Paged desk');
    for (const role of ['viewer', 'editor', 'analyst'] as const) await owner.post(wsPath('/invites', desk), { role });
    for (const title of ['A', 'B', 'C']) await owner.post(wsPath('/articles', desk), { title, text: `Article ${title}.` });

    const full = await owner.get(`${wsPath('/audit', desk)}?limit=200`);
    expect(full.body.nextBefore).toBeNull();
    const actions = full.body.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual([...Array(3).fill('article.imported'), ...Array(3).fill('invite.created'), 'workspace.created']);
    const ids = full.body.entries.map((e: { id: string }) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? 1 : -1)));

    const pages: { entries: { id: string }[]; nextBefore: string | null }[] = [];
    let before: string | null = null;
    do {
      const res: Reply = await owner.get(`${wsPath('/audit', desk)}?limit=3${before ? `&before=${before}` : ''}`);
      expect(res.status).toBe(200);
      pages.push(res.body);
      before = res.body.nextBefore;
    } while (before && pages.length < 10);
    expect(pages.map((p) => p.entries.length)).toEqual([3, 3, 1]);
    expect(pages[0]!.nextBefore).toBe(pages[0]!.entries[2]!.id);
    expect(pages.flatMap((p) => p.entries)).toEqual(full.body.entries);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=ten', 'limit'],
    ['before=abc', 'before'],
    ['before=-1', 'before'],
  ])('refuses ?%s with 400 naming %s', async (query, field) => {
    expectError(await owner.get(`${wsPath('/audit')}?${query}`), 400, field);
  });
});

describe('append-only', () => {
  it('refuses UPDATE and DELETE of a written entry at the database', async () => {
    const [entry] = await app.prisma.auditEntry.findMany({ where: { workspaceId: ws }, take: 1 });
    const id = entry!.id.toString();
    await expect(
      app.prisma.$executeRawUnsafe(`UPDATE audit_entries SET action = 'tampered' WHERE id = $1::bigint`, id),
    ).rejects.toThrow(/append-only/);
    await expect(app.prisma.$executeRawUnsafe(`DELETE FROM audit_entries WHERE id = $1::bigint`, id)).rejects.toThrow(/append-only/);
    await expect(app.prisma.$executeRawUnsafe(`DELETE FROM audit_entries`)).rejects.toThrow(/append-only/);
    expect(await app.prisma.auditEntry.findUnique({ where: { id: entry!.id } })).toEqual(entry);
  });
});

describe('failed mutations leave no trace', () => {
  const failures: { name: string; status: number; setup?: () => Promise<any>; act: (prepared: any) => Promise<Reply> }[] = [
    {
      name: 'duplicate member (409)',
      status: 409,
      act: () => owner.post(wsPath('/members'), { email: owner.user!.email, role: 'viewer' }),
    },
    {
      name: 'demoting the last owner (409)',
      status: 409,
      act: () => owner.patch(wsPath(`/members/${owner.user!.id}`), { role: 'viewer' }),
    },
    {
      name: 'workspace id already taken with another name (409)',
      status: 409,
      act: () => owner.post('/api/workspaces', { id: ws, name: 'Impostor' }),
    },
    {
      name: 'article id already taken with another body (409)',
      status: 409,
      setup: async () => (await owner.post(wsPath('/articles'), { id: randomUUID(), title: 'Taken', text: 'Original.' })).body.id,
      act: (id: string) => owner.post(wsPath('/articles'), { id, title: 'Taken', text: 'Different.' }),
    },
    {
      name: 'HTML with no readable text (400)',
      status: 400,
      act: () => owner.post(wsPath('/articles'), { title: 'Empty', html: '<script>x()</script>' }),
    },
    {
      name: 'registering with a revoked invite (404)',
      status: 404,
      setup: async () => {
        const invite = (await owner.post(wsPath('/invites'), { role: 'viewer' })).body;
        expect((await owner.delete(wsPath(`/invites/${invite.id}`))).status).toBe(204);
        return invite.token;
      },
      act: (inviteToken: string) =>
        new HttpClient(app.url).post('/api/auth/register', {
          email: `late.${randomUUID().slice(0, 8)}@example.org`,
          password: PASSWORD,
          displayName: 'Late',
          inviteToken,
        }),
    },
  ];

  it.each(failures)('$name', async ({ status, setup, act }) => {
    const prepared = await setup?.();
    const before = await snapshot();
    const mark = await lastAuditId();
    expectError(await act(prepared), status);
    expect(await entriesAfter(mark)).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps the state a refused change would have altered', async () => {
    expect((await owner.get(wsPath('/members'))).body).toContainEqual(
      expect.objectContaining({ userId: owner.user!.id, role: 'owner' }),
    );
    expect((await owner.get(wsPath(''))).body.name).toBe('Audited desk');
  });
});
