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
/** Roles that may analyse: create claims, gather evidence, comment. */
const ANALYSE: WorkspaceRole[] = ['owner', 'editor', 'analyst', 'reviewer'];
const REVIEWERS: WorkspaceRole[] = ['owner', 'editor', 'reviewer'];

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
  // Claims, evidence and comments; the claims and items are the owner's, so others rely on their role alone.
  { name: 'POST claims', allowed: ANALYSE, ok: 201, writes: true, request: () => ['POST', `/api/articles/${articleId}/claims`, { statement: 'Matrix claim' }] },
  { name: 'GET article claims', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', `/api/articles/${articleId}/claims`] },
  { name: 'GET claim', allowed: EVERYONE, ok: 200, writes: false, request: async () => ['GET', `/api/claims/${await ownerClaim()}`] },
  { name: 'GET claim history', allowed: EVERYONE, ok: 200, writes: false, request: async () => ['GET', `/api/claims/${await ownerClaim()}/history`] },
  { name: 'PATCH claim fields', allowed: OWNER_EDITOR, ok: 200, writes: true, request: async () => ['PATCH', `/api/claims/${await ownerClaim()}`, { version: 1, priority: 'high' }] },
  {
    name: 'PATCH claim assignees',
    allowed: OWNER_EDITOR,
    ok: 200,
    writes: true,
    request: async () => ['PATCH', `/api/claims/${await ownerClaim()}`, { version: 1, assigneeIds: [owner.user!.id] }],
  },
  {
    name: 'PATCH claim span (re-attach)',
    allowed: OWNER_EDITOR,
    ok: 200,
    writes: true,
    request: async () => {
      // Earlier rows revise the article: select in whatever its text is now.
      const { length } = (await owner.get(`/api/articles/${articleId}`)).body.revision.text;
      const at = (start: number, end: number) => ({ selector: [{ type: 'TextPositionSelector', start, end }] });
      const claim = (await owner.post(`/api/articles/${articleId}/claims`, { statement: 'Spanned', target: at(0, 4) })).body;
      return ['PATCH', `/api/claims/${claim.id}/spans/${claim.spans[0].id}`, { version: 1, target: at(length - 4, length) }];
    },
  },
  { name: 'POST claim take', allowed: ANALYSE, ok: 200, writes: true, request: async () => ['POST', `/api/claims/${await ownerClaim()}/take`, { version: 1 }] },
  { name: 'DELETE claim', allowed: OWNER_EDITOR, ok: 204, writes: true, request: async () => ['DELETE', `/api/claims/${await ownerClaim()}`] },
  { name: 'GET workspace claims', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/claims')] },
  { name: 'GET queue', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/queue')] },
  { name: 'GET claimants', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/claimants')] },
  { name: 'GET sources', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/sources')] },
  {
    name: 'POST evidence',
    allowed: ANALYSE,
    ok: 201,
    writes: true,
    request: async () => ['POST', `/api/claims/${await ownerClaim()}/evidence`, { kind: 'url', url: 'https://example.org/a', stance: 'supports' }],
  },
  { name: 'GET evidence', allowed: EVERYONE, ok: 200, writes: false, request: async () => ['GET', `/api/claims/${await ownerClaim()}/evidence`] },
  { name: 'PATCH evidence', allowed: OWNER_EDITOR, ok: 200, writes: true, request: async () => ['PATCH', `/api/evidence/${await ownerEvidence()}`, { version: 1, stance: 'refutes' }] },
  { name: 'DELETE evidence', allowed: OWNER_EDITOR, ok: 204, writes: true, request: async () => ['DELETE', `/api/evidence/${await ownerEvidence()}`] },
  {
    name: 'PUT evidence order',
    allowed: ANALYSE,
    ok: 200,
    writes: true,
    request: async () => {
      const evidenceId = await ownerEvidence();
      const claimId = (await app.prisma.evidence.findUniqueOrThrow({ where: { id: evidenceId } })).claimId;
      return ['PUT', `/api/claims/${claimId}/evidence/order`, { ids: [evidenceId] }];
    },
  },
  { name: 'POST claim comment', allowed: ANALYSE, ok: 201, writes: true, request: async () => ['POST', `/api/claims/${await ownerClaim()}/comments`, { body: 'Hm.' }] },
  { name: 'GET claim comments', allowed: EVERYONE, ok: 200, writes: false, request: async () => ['GET', `/api/claims/${await ownerClaim()}/comments`] },
  { name: 'PATCH claim comment', allowed: OWNER_EDITOR, ok: 200, writes: true, request: async () => ['PATCH', `/api/claim-comments/${await ownerComment()}`, { version: 1, body: 'Edited' }] },
  { name: 'DELETE claim comment', allowed: OWNER_EDITOR, ok: 204, writes: true, request: async () => ['DELETE', `/api/claim-comments/${await ownerComment()}`] },
  // Review: the claims are assigned to nobody, so a reviewer's role alone decides.
  { name: 'POST verdict', allowed: REVIEWERS, ok: 201, writes: true, request: async () => ['POST', `/api/claims/${await claimInReview()}/verdicts`, { rating: 'true', rationale: 'Checked.' }] },
  { name: 'GET verdicts', allowed: EVERYONE, ok: 200, writes: false, request: async () => ['GET', `/api/claims/${await ownerClaim()}/verdicts`] },
  {
    name: 'POST adjudication',
    allowed: OWNER_EDITOR,
    ok: 200,
    writes: true,
    request: async () => {
      const id = await claimInReview();
      await app.prisma.claim.update({ where: { id }, data: { status: 'disputed' } });
      return ['POST', `/api/claims/${id}/adjudication`, { version: 2, rating: 'mixed', rationale: 'Settled.' }];
    },
  },
  {
    name: 'POST confirmation',
    allowed: OWNER_EDITOR,
    ok: 200,
    writes: true,
    request: async () => {
      const id = await claimInReview();
      await app.prisma.claim.update({ where: { id }, data: { pendingRating: 'true' } });
      return ['POST', `/api/claims/${id}/confirmation`, { version: 2 }];
    },
  },
  { name: 'GET review queue', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/review-queue')] },
  { name: 'GET agreement', allowed: OWNER_EDITOR, ok: 200, writes: false, request: () => ['GET', wsPath('/agreement')] },
  { name: 'GET rating scale', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/rating-scale')] },
  {
    name: 'PUT rating scale',
    allowed: OWNER,
    ok: 200,
    writes: true,
    request: async () => ['PUT', wsPath('/rating-scale'), { ratings: (await owner.get(wsPath('/rating-scale'))).body }],
  },
  { name: 'GET review settings', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/review-settings')] },
  { name: 'PATCH review settings', allowed: OWNER, ok: 200, writes: true, request: () => ['PATCH', wsPath('/review-settings'), { requiredVerdicts: 2 }] },
  // Reports.
  { name: 'GET report', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', `/api/articles/${articleId}/report?format=json`] },
  { name: 'POST report (publish)', allowed: OWNER_EDITOR, ok: 201, writes: true, request: () => ['POST', `/api/articles/${articleId}/reports`, {}] },
  { name: 'GET reports', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', `/api/articles/${articleId}/reports`] },
  { name: 'GET report snapshot', allowed: EVERYONE, ok: 200, writes: false, request: async () => ['GET', `/api/reports/${await snapshot()}?format=json`] },
  { name: 'POST report share', allowed: OWNER_EDITOR, ok: 201, writes: true, request: async () => ['POST', `/api/reports/${await snapshot()}/shares`] },
  {
    name: 'DELETE report share',
    allowed: OWNER_EDITOR,
    ok: 204,
    writes: true,
    request: async () => ['DELETE', `/api/report-shares/${(await owner.post(`/api/reports/${await snapshot()}/shares`)).body.id}`],
  },
];

/** A claim of the owner's, in review, at version 2. */
async function claimInReview(): Promise<string> {
  const id = await ownerClaim();
  await app.prisma.claim.update({ where: { id }, data: { status: 'in_review', version: 2 } });
  return id;
}
async function snapshot(): Promise<string> {
  return (await owner.post(`/api/articles/${articleId}/reports`, {})).body.id;
}

/** A fresh claim of the owner's, open and unassigned. */
async function ownerClaim(): Promise<string> {
  return (await owner.post(`/api/articles/${articleId}/claims`, { statement: `Owner’s claim ${randomUUID()}` })).body.id;
}
async function ownerEvidence(): Promise<string> {
  return (await owner.post(`/api/claims/${await ownerClaim()}/evidence`, { kind: 'note', note: 'A note', stance: 'unclear' })).body.id;
}
async function ownerComment(): Promise<string> {
  return (await owner.post(`/api/claims/${await ownerClaim()}/comments`, { body: 'First!' })).body.id;
}

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
    ['POST', `/api/articles/${ghost}/claims`, { statement: 'Nothing.' }],
    ['GET', `/api/claims/${ghost}`],
    ['PATCH', `/api/claims/${ghost}`, { version: 1, priority: 'low' }],
    ['POST', `/api/claims/${ghost}/evidence`, { kind: 'note', note: 'x', stance: 'unclear' }],
    ['PATCH', `/api/evidence/${ghost}`, { version: 1, stance: 'unclear' }],
    ['POST', `/api/claims/${ghost}/comments`, { body: 'x' }],
    ['DELETE', `/api/claim-comments/${ghost}`],
    ['GET', `/api/workspaces/${ghost}/claims`],
    ['GET', `/api/workspaces/${ghost}/sources`],
    ['POST', `/api/claims/${ghost}/verdicts`, { rating: 'true', rationale: 'x' }],
    ['POST', `/api/claims/${ghost}/adjudication`, { version: 1, rating: 'true', rationale: 'x' }],
    ['GET', `/api/articles/${ghost}/report`],
    ['POST', `/api/articles/${ghost}/reports`, {}],
    ['GET', `/api/reports/${ghost}`],
    ['DELETE', `/api/report-shares/${ghost}`],
    ['GET', `/api/workspaces/${ghost}/rating-scale`],
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
