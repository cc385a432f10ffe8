import { randomUUID } from 'node:crypto';
import type { WorkspaceRole } from '@corroborate/contracts';
import { expectError } from './support/assertions';
import { HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

type Actor = WorkspaceRole | 'non-member';
type Call = [method: string, path: string, body?: unknown];

const ROLES: WorkspaceRole[] = ['owner', 'editor', 'analyst', 'reviewer', 'viewer'];
const EVERYONE = ROLES;
const OWNER: WorkspaceRole[] = ['owner'];
const OWNER_EDITOR: WorkspaceRole[] = ['owner', 'editor'];

let app: TestApp;
let owner: HttpClient;
let ws: string;
let articleId: string;
const clients = {} as Record<Actor, HttpClient>;

const wsPath = (rest = '') => `/api/workspaces/${ws}${rest}`;
/** A fresh member for routes that change or remove one, so every row has its own target. */
const freshMemberId = async () => (await newMember(app, owner, ws, 'viewer')).user!.id;
const auditCount = () => app.prisma.auditEntry.count({ where: { workspaceId: ws } });

interface Route {
  name: string;
  allowed: WorkspaceRole[];
  ok: number;
  /** Whether a successful call writes (and so leaves one audit entry). */
  writes: boolean;
  request: () => Call | Promise<Call>;
}

const routes: Route[] = [
  { name: 'GET workspace', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath()] },
  { name: 'GET members', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/members')] },
  {
    name: 'POST members',
    allowed: OWNER,
    ok: 201,
    writes: true,
    request: async () => ['POST', wsPath('/members'), { email: (await newUser(app, 'Candidate')).user!.email, role: 'viewer' }],
  },
  {
    name: 'PATCH member',
    allowed: OWNER,
    ok: 200,
    writes: true,
    request: async () => ['PATCH', wsPath(`/members/${await freshMemberId()}`), { role: 'reviewer' }],
  },
  {
    name: 'DELETE member (someone else)',
    allowed: OWNER,
    ok: 204,
    writes: true,
    request: async () => ['DELETE', wsPath(`/members/${await freshMemberId()}`)],
  },
  { name: 'POST invites', allowed: OWNER, ok: 201, writes: true, request: () => ['POST', wsPath('/invites'), { role: 'viewer' }] },
  { name: 'GET invites', allowed: OWNER, ok: 200, writes: false, request: () => ['GET', wsPath('/invites')] },
  {
    name: 'DELETE invite',
    allowed: OWNER,
    ok: 204,
    writes: true,
    request: async () => ['DELETE', wsPath(`/invites/${(await owner.post(wsPath('/invites'), { role: 'viewer' })).body.id}`)],
  },
  {
    name: 'POST articles',
    allowed: OWNER_EDITOR,
    ok: 201,
    writes: true,
    request: () => ['POST', wsPath('/articles'), { title: 'Matrix', text: 'A short article.' }],
  },
  { name: 'GET articles', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/articles')] },
  { name: 'GET article by id', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', `/api/articles/${articleId}`] },
  {
    name: 'POST revisions',
    allowed: OWNER_EDITOR,
    ok: 201,
    writes: true,
    request: () => ['POST', `/api/articles/${articleId}/revisions`, { text: `Revised ${randomUUID()}.` }],
  },
  { name: 'GET audit', allowed: OWNER_EDITOR, ok: 200, writes: false, request: () => ['GET', wsPath('/audit')] },
];

const expectedStatus = (actor: Actor, route: Route) =>
  actor === 'non-member' ? 404 : route.allowed.includes(actor) ? route.ok : 403;

beforeAll(async () => {
  app = await startTestApp();
  owner = await newUser(app, 'Owner');
  ws = await newWorkspace(owner, 'Matrix desk');
  articleId = (await owner.post(wsPath('/articles'), { title: 'Seed', text: 'Seed text.' })).body.id;
  clients.owner = owner;
  for (const role of ROLES.filter((r) => r !== 'owner')) clients[role] = await newMember(app, owner, ws, role);
  clients['non-member'] = await newUser(app, 'Outsider');
  await newWorkspace(clients['non-member'], 'Outsider’s own desk');
});
afterAll(() => app.close());

describe.each<Actor>([...ROLES, 'non-member'])('as %s', (actor) => {
  it.each(routes)('$name', async (route) => {
    const [method, path, body] = await route.request();
    const before = await auditCount();
    const res = await clients[actor].request(method, path, body);
    const expected = expectedStatus(actor, route);
    if (expected < 400) {
      expect({ status: res.status, body: res.body }).toMatchObject({ status: expected });
    } else {
      expectError(res, expected);
    }
    // A refused call changes nothing; an allowed write leaves exactly one audit entry.
    expect(await auditCount()).toBe(before + (expected < 400 && route.writes ? 1 : 0));
  });
});

describe('existence is not revealed', () => {
  const ghost = randomUUID();
  const ghostRoutes: Call[] = [
    ['GET', `/api/workspaces/${ghost}`],
    ['GET', `/api/workspaces/${ghost}/members`],
    ['POST', `/api/workspaces/${ghost}/invites`, { role: 'viewer' }],
    ['POST', `/api/workspaces/${ghost}/articles`, { title: 'Nowhere', text: 'Nothing.' }],
    ['GET', `/api/workspaces/${ghost}/articles`],
    ['GET', `/api/workspaces/${ghost}/audit`],
    ['GET', `/api/articles/${ghost}`],
    ['POST', `/api/articles/${ghost}/revisions`, { text: 'Nothing.' }],
  ];

  it.each(ghostRoutes.map(([method, path, body]) => ({ method, path, body, label: path.replace(ghost, ':unknown') })))(
    '$method $label → 404',
    async ({ method, path, body }) => {
      expectError(await owner.request(method, path, body), 404);
    },
  );

  it('answers a non-member exactly as for an id that does not exist', async () => {
    const outsider = clients['non-member'];
    expect((await outsider.get(`/api/articles/${articleId}`)).body).toEqual((await outsider.get(`/api/articles/${ghost}`)).body);
    expect((await outsider.get(wsPath())).body).toEqual((await outsider.get(`/api/workspaces/${ghost}`)).body);
  });
});

describe('malformed ids and missing credentials', () => {
  const malformed: [string, string, () => Call][] = [
    ['workspace', 'workspaceId', () => ['GET', '/api/workspaces/abc']],
    ['members', 'workspaceId', () => ['GET', '/api/workspaces/abc/members']],
    ['member', 'userId', () => ['PATCH', wsPath('/members/abc'), { role: 'viewer' }]],
    ['member removal', 'userId', () => ['DELETE', wsPath('/members/abc')]],
    ['invite', 'inviteId', () => ['DELETE', wsPath('/invites/abc')]],
    ['articles', 'workspaceId', () => ['POST', '/api/workspaces/abc/articles', { title: 'T', text: 'x' }]],
    ['article', 'articleId', () => ['GET', '/api/articles/abc']],
    ['revision', 'articleId', () => ['POST', '/api/articles/abc/revisions', { text: 'x' }]],
    ['audit', 'workspaceId', () => ['GET', '/api/workspaces/abc/audit']],
  ];

  it.each(malformed)('a malformed id in the %s route → 400 naming %s', async (_name, param, build) => {
    const [method, path, body] = build();
    expectError(await owner.request(method, path, body), 400, param);
  });

  it.each(routes)('$name without credentials → 401', async (route) => {
    const [method, path, body] = await route.request();
    const before = await auditCount();
    expectError(await new HttpClient(app.url).request(method, path, body), 401);
    expect(await auditCount()).toBe(before);
  });
});
