import { randomUUID } from 'node:crypto';
import { SOCKET_EVENT_SCOPES, type ClientToServerEvents, type Presence, type SocketWriteEvent, type TokenScope, type WorkspaceRole } from '@corroborate/contracts';
import { z } from 'zod';
import { OPERATIONS } from '../src/api-docs/operations';
import { expectError } from './support/assertions';
import { HttpClient, type Reply, newMember, newUser, newWorkspace, PASSWORD } from './support/http-client';
import { connect, connected, join, nextPresence, type LiveSocket } from './support/live-client';
import { gatewayEvents, registeredRoutes, routeMatches, routeParams, type RouteKey } from './support/routes';
import { startTestApp, type TestApp } from './support/test-app';

/*
 * Who may call what, in one table: every route the app registers and every socket event its
 * gateway handles must have an entry here (public, any signed-in user, or per workspace role),
 * so a route added without one fails this file.
 */

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

/** One case of a workspace-scoped route: what each role gets. */
interface Route {
  route: RouteKey;
  /** Tells apart several cases of one route. */
  case?: string;
  allowed: WorkspaceRole[];
  ok: number;
  /** Whether a successful call writes (and so leaves one audit entry). */
  writes: boolean;
  /** The scope an API token needs, when not the default (`read` for GET, `write` otherwise). */
  scope?: TokenScope;
  request: () => Call | Promise<Call>;
}

const SCOPES: TokenScope[] = ['read', 'write', 'admin'];
const defaultScope = (method: string): TokenScope => (method === 'GET' ? 'read' : 'write');

const memberRoutes: Route[] = [
  { route: 'GET /api/workspaces/:workspaceId', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath()] },
  { route: 'GET /api/workspaces/:workspaceId/members', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/members')] },
  {
    route: 'POST /api/workspaces/:workspaceId/members',
    scope: 'admin',
    allowed: OWNER,
    ok: 201,
    writes: true,
    request: async () => ['POST', wsPath('/members'), { email: (await newUser(app, 'Candidate')).user!.email, role: 'viewer' }],
  },
  {
    route: 'PATCH /api/workspaces/:workspaceId/members/:userId',
    scope: 'admin',
    allowed: OWNER,
    ok: 200,
    writes: true,
    request: async () => ['PATCH', wsPath(`/members/${await freshMemberId()}`), { role: 'reviewer' }],
  },
  {
    route: 'DELETE /api/workspaces/:workspaceId/members/:userId',
    scope: 'admin',
    case: 'someone else',
    allowed: OWNER,
    ok: 204,
    writes: true,
    request: async () => ['DELETE', wsPath(`/members/${await freshMemberId()}`)],
  },
  { route: 'POST /api/workspaces/:workspaceId/invites', scope: 'admin', allowed: OWNER, ok: 201, writes: true, request: () => ['POST', wsPath('/invites'), { role: 'viewer' }] },
  { route: 'GET /api/workspaces/:workspaceId/invites', scope: 'admin', allowed: OWNER, ok: 200, writes: false, request: () => ['GET', wsPath('/invites')] },
  {
    route: 'DELETE /api/workspaces/:workspaceId/invites/:inviteId',
    scope: 'admin',
    allowed: OWNER,
    ok: 204,
    writes: true,
    request: async () => ['DELETE', wsPath(`/invites/${(await owner.post(wsPath('/invites'), { role: 'viewer' })).body.id}`)],
  },
  {
    route: 'POST /api/workspaces/:workspaceId/articles',
    allowed: OWNER_EDITOR,
    ok: 201,
    writes: true,
    request: () => ['POST', wsPath('/articles'), { title: 'Matrix', text: 'A short article.' }],
  },
  { route: 'GET /api/workspaces/:workspaceId/articles', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/articles')] },
  { route: 'GET /api/articles/:articleId', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', `/api/articles/${articleId}`] },
  { route: 'GET /api/articles/:articleId/reader', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', `/api/articles/${articleId}/reader`] },
  {
    route: 'POST /api/articles/:articleId/revisions',
    allowed: OWNER_EDITOR,
    ok: 201,
    writes: true,
    request: () => ['POST', `/api/articles/${articleId}/revisions`, { text: `Revised ${randomUUID()}.` }],
  },
  { route: 'GET /api/workspaces/:workspaceId/audit', allowed: OWNER_EDITOR, ok: 200, writes: false, request: () => ['GET', wsPath('/audit')] },
  { route: 'GET /api/articles/:articleId/events', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', `/api/articles/${articleId}/events?after=0`] },
  // Annotations; the annotations are the owner's, so editing them is moderation.
  {
    route: 'POST /api/articles/:articleId/annotations',
    allowed: ANALYSE,
    ok: 201,
    writes: true,
    request: () => ['POST', `/api/articles/${articleId}/annotations`, HIGHLIGHT],
  },
  { route: 'GET /api/articles/:articleId/annotations', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', `/api/articles/${articleId}/annotations`] },
  {
    route: 'GET /api/articles/:articleId/annotations.jsonld',
    allowed: EVERYONE,
    ok: 200,
    writes: false,
    request: () => ['GET', `/api/articles/${articleId}/annotations.jsonld`],
  },
  {
    route: 'PATCH /api/annotations/:annotationId',
    allowed: OWNER_EDITOR,
    ok: 200,
    writes: true,
    request: async () => ['PATCH', `/api/annotations/${await ownerAnnotation()}`, { version: 1, tags: ['checked'] }],
  },
  {
    route: 'PATCH /api/annotations/:annotationId/target',
    allowed: OWNER_EDITOR,
    ok: 200,
    writes: true,
    request: async () => ['PATCH', `/api/annotations/${await ownerAnnotation()}/target`, { version: 1, target: { selector: { type: 'TextPositionSelector', start: 1, end: 4 } } }],
  },
  {
    route: 'GET /api/annotations/:annotationId/history',
    allowed: EVERYONE,
    ok: 200,
    writes: false,
    request: async () => ['GET', `/api/annotations/${await ownerAnnotation()}/history`],
  },
  { route: 'DELETE /api/annotations/:annotationId', allowed: OWNER_EDITOR, ok: 204, writes: true, request: async () => ['DELETE', `/api/annotations/${await ownerAnnotation()}`] },
  // Claims, evidence and comments; the claims and items are the owner's, so others rely on their role alone.
  { route: 'POST /api/articles/:articleId/claims', allowed: ANALYSE, ok: 201, writes: true, request: () => ['POST', `/api/articles/${articleId}/claims`, { statement: 'Matrix claim' }] },
  { route: 'GET /api/articles/:articleId/claims', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', `/api/articles/${articleId}/claims`] },
  { route: 'GET /api/claims/:claimId', allowed: EVERYONE, ok: 200, writes: false, request: async () => ['GET', `/api/claims/${await ownerClaim()}`] },
  { route: 'GET /api/claims/:claimId/history', allowed: EVERYONE, ok: 200, writes: false, request: async () => ['GET', `/api/claims/${await ownerClaim()}/history`] },
  {
    route: 'PATCH /api/claims/:claimId',
    case: 'fields',
    allowed: OWNER_EDITOR,
    ok: 200,
    writes: true,
    request: async () => ['PATCH', `/api/claims/${await ownerClaim()}`, { version: 1, priority: 'high' }],
  },
  {
    route: 'PATCH /api/claims/:claimId',
    case: 'assignees',
    allowed: OWNER_EDITOR,
    ok: 200,
    writes: true,
    request: async () => ['PATCH', `/api/claims/${await ownerClaim()}`, { version: 1, assigneeIds: [owner.user!.id] }],
  },
  {
    route: 'PATCH /api/claims/:claimId/spans/:spanId',
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
  { route: 'POST /api/claims/:claimId/take', allowed: ANALYSE, ok: 200, writes: true, request: async () => ['POST', `/api/claims/${await ownerClaim()}/take`, { version: 1 }] },
  { route: 'DELETE /api/claims/:claimId', allowed: OWNER_EDITOR, ok: 204, writes: true, request: async () => ['DELETE', `/api/claims/${await ownerClaim()}`] },
  { route: 'GET /api/workspaces/:workspaceId/claims', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/claims')] },
  { route: 'GET /api/workspaces/:workspaceId/queue', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/queue')] },
  { route: 'GET /api/workspaces/:workspaceId/claimants', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/claimants')] },
  { route: 'GET /api/workspaces/:workspaceId/sources', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/sources')] },
  // Discovery: suggestions, similar claims and duplicates, published fact-checks, search.
  { route: 'GET /api/articles/:articleId/claim-candidates', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', `/api/articles/${articleId}/claim-candidates`] },
  {
    route: 'POST /api/articles/:articleId/claim-candidates/dismissals',
    allowed: ANALYSE,
    ok: 201,
    writes: true,
    request: async () => {
      // A sentence dismissed once stays dismissed: each call gets an article with a sentence of its own.
      const sentence = `Not worth checking ${randomUUID()}.`;
      const fresh = (await owner.post(wsPath('/articles'), { title: 'Dismissals', text: sentence })).body.id;
      return ['POST', `/api/articles/${fresh}/claim-candidates/dismissals`, { sentence }];
    },
  },
  { route: 'GET /api/articles/:articleId/claim-candidates/dismissals', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', `/api/articles/${articleId}/claim-candidates/dismissals`] },
  { route: 'GET /api/workspaces/:workspaceId/claim-candidate-dismissals', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/claim-candidate-dismissals')] },
  {
    route: 'DELETE /api/claim-candidate-dismissals/:dismissalId',
    allowed: ANALYSE,
    ok: 204,
    writes: true,
    request: async () => {
      const sentence = `Dismissed ${randomUUID()}.`;
      const fresh = (await owner.post(wsPath('/articles'), { title: 'Dismissals', text: sentence })).body.id;
      const dismissal = (await owner.post(`/api/articles/${fresh}/claim-candidates/dismissals`, { sentence })).body;
      return ['DELETE', `/api/claim-candidate-dismissals/${dismissal.id}`];
    },
  },
  { route: 'GET /api/workspaces/:workspaceId/similar-claims', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/similar-claims?q=claim%20statement')] },
  { route: 'GET /api/claims/:claimId/similar', allowed: EVERYONE, ok: 200, writes: false, request: async () => ['GET', `/api/claims/${await ownerClaim()}/similar`] },
  {
    route: 'POST /api/claims/:claimId/duplicate-of',
    allowed: ANALYSE,
    ok: 200,
    writes: true,
    request: async () => ['POST', `/api/claims/${await ownerClaim()}/duplicate-of`, { originalId: await ownerClaim(), version: 1 }],
  },
  {
    route: 'DELETE /api/claims/:claimId/duplicate-of',
    allowed: ANALYSE,
    ok: 200,
    writes: true,
    request: async () => {
      const claimId = await ownerClaim();
      const linked = (await owner.post(`/api/claims/${claimId}/duplicate-of`, { originalId: await ownerClaim(), version: 1 })).body;
      return ['DELETE', `/api/claims/${claimId}/duplicate-of?version=${linked.version}`];
    },
  },
  { route: 'GET /api/workspaces/:workspaceId/fact-checks', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/fact-checks?q=river')] },
  { route: 'GET /api/claims/:claimId/fact-checks', allowed: EVERYONE, ok: 200, writes: false, request: async () => ['GET', `/api/claims/${await ownerClaim()}/fact-checks`] },
  { route: 'GET /api/workspaces/:workspaceId/search', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/search?q=claim')] },
  {
    route: 'POST /api/claims/:claimId/evidence',
    allowed: ANALYSE,
    ok: 201,
    writes: true,
    request: async () => ['POST', `/api/claims/${await ownerClaim()}/evidence`, { kind: 'url', url: 'https://example.org/a', stance: 'supports' }],
  },
  { route: 'GET /api/claims/:claimId/evidence', allowed: EVERYONE, ok: 200, writes: false, request: async () => ['GET', `/api/claims/${await ownerClaim()}/evidence`] },
  {
    route: 'PATCH /api/evidence/:evidenceId',
    allowed: OWNER_EDITOR,
    ok: 200,
    writes: true,
    request: async () => ['PATCH', `/api/evidence/${await ownerEvidence()}`, { version: 1, stance: 'refutes' }],
  },
  { route: 'DELETE /api/evidence/:evidenceId', allowed: OWNER_EDITOR, ok: 204, writes: true, request: async () => ['DELETE', `/api/evidence/${await ownerEvidence()}`] },
  {
    route: 'PUT /api/claims/:claimId/evidence/order',
    allowed: ANALYSE,
    ok: 200,
    writes: true,
    request: async () => {
      const evidenceId = await ownerEvidence();
      const claimId = (await app.prisma.evidence.findUniqueOrThrow({ where: { id: evidenceId } })).claimId;
      return ['PUT', `/api/claims/${claimId}/evidence/order`, { ids: [evidenceId] }];
    },
  },
  { route: 'POST /api/claims/:claimId/comments', allowed: ANALYSE, ok: 201, writes: true, request: async () => ['POST', `/api/claims/${await ownerClaim()}/comments`, { body: 'Hm.' }] },
  { route: 'GET /api/claims/:claimId/comments', allowed: EVERYONE, ok: 200, writes: false, request: async () => ['GET', `/api/claims/${await ownerClaim()}/comments`] },
  {
    route: 'PATCH /api/claim-comments/:commentId',
    allowed: OWNER_EDITOR,
    ok: 200,
    writes: true,
    request: async () => ['PATCH', `/api/claim-comments/${await ownerComment()}`, { version: 1, body: 'Edited' }],
  },
  { route: 'DELETE /api/claim-comments/:commentId', allowed: OWNER_EDITOR, ok: 204, writes: true, request: async () => ['DELETE', `/api/claim-comments/${await ownerComment()}`] },
  // Review: the claims are assigned to nobody, so a reviewer's role alone decides.
  {
    route: 'POST /api/claims/:claimId/verdicts',
    allowed: REVIEWERS,
    ok: 201,
    writes: true,
    request: async () => ['POST', `/api/claims/${await claimInReview()}/verdicts`, { rating: 'true', rationale: 'Checked.' }],
  },
  { route: 'GET /api/claims/:claimId/verdicts', allowed: EVERYONE, ok: 200, writes: false, request: async () => ['GET', `/api/claims/${await ownerClaim()}/verdicts`] },
  {
    route: 'POST /api/claims/:claimId/adjudication',
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
    route: 'POST /api/claims/:claimId/confirmation',
    allowed: OWNER_EDITOR,
    ok: 200,
    writes: true,
    request: async () => {
      const id = await claimInReview();
      await app.prisma.claim.update({ where: { id }, data: { pendingRating: 'true' } });
      return ['POST', `/api/claims/${id}/confirmation`, { version: 2 }];
    },
  },
  { route: 'GET /api/workspaces/:workspaceId/review-queue', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/review-queue')] },
  { route: 'GET /api/workspaces/:workspaceId/agreement', allowed: OWNER_EDITOR, ok: 200, writes: false, request: () => ['GET', wsPath('/agreement')] },
  { route: 'GET /api/workspaces/:workspaceId/rating-scale', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/rating-scale')] },
  {
    route: 'PUT /api/workspaces/:workspaceId/rating-scale',
    scope: 'admin',
    allowed: OWNER,
    ok: 200,
    writes: true,
    request: async () => ['PUT', wsPath('/rating-scale'), { ratings: (await owner.get(wsPath('/rating-scale'))).body }],
  },
  { route: 'GET /api/workspaces/:workspaceId/review-settings', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', wsPath('/review-settings')] },
  { route: 'PATCH /api/workspaces/:workspaceId/review-settings', scope: 'admin', allowed: OWNER, ok: 200, writes: true, request: () => ['PATCH', wsPath('/review-settings'), { requiredVerdicts: 2 }] },
  // Reports.
  { route: 'GET /api/articles/:articleId/report', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', `/api/articles/${articleId}/report?format=json`] },
  { route: 'POST /api/articles/:articleId/reports', allowed: OWNER_EDITOR, ok: 201, writes: true, request: () => ['POST', `/api/articles/${articleId}/reports`, {}] },
  { route: 'GET /api/articles/:articleId/reports', allowed: EVERYONE, ok: 200, writes: false, request: () => ['GET', `/api/articles/${articleId}/reports`] },
  { route: 'GET /api/reports/:snapshotId', allowed: EVERYONE, ok: 200, writes: false, request: async () => ['GET', `/api/reports/${await snapshot()}?format=json`] },
  { route: 'POST /api/reports/:snapshotId/shares', allowed: OWNER_EDITOR, ok: 201, writes: true, request: async () => ['POST', `/api/reports/${await snapshot()}/shares`] },
  {
    route: 'DELETE /api/report-shares/:shareId',
    allowed: OWNER_EDITOR,
    ok: 204,
    writes: true,
    request: async () => ['DELETE', `/api/report-shares/${(await owner.post(`/api/reports/${await snapshot()}/shares`)).body.id}`],
  },
  // Webhooks: owners only. The URL is an address literal (no DNS here); this app sends nothing.
  {
    route: 'POST /api/workspaces/:workspaceId/webhooks',
    scope: 'admin',
    allowed: OWNER,
    ok: 201,
    writes: true,
    request: async () => {
      await roomForEndpoint();
      return ['POST', wsPath('/webhooks'), HOOK];
    },
  },
  { route: 'GET /api/workspaces/:workspaceId/webhooks', scope: 'admin', allowed: OWNER, ok: 200, writes: false, request: () => ['GET', wsPath('/webhooks')] },
  { route: 'DELETE /api/webhooks/:endpointId', scope: 'admin', allowed: OWNER, ok: 204, writes: true, request: async () => ['DELETE', `/api/webhooks/${await ownerEndpoint()}`] },
  {
    route: 'GET /api/webhooks/:endpointId/deliveries',
    scope: 'admin',
    allowed: OWNER,
    ok: 200,
    writes: false,
    request: async () => ['GET', `/api/webhooks/${await ownerEndpoint()}/deliveries`],
  },
  { route: 'POST /api/webhooks/:endpointId/test', scope: 'admin', allowed: OWNER, ok: 201, writes: true, request: async () => ['POST', `/api/webhooks/${await ownerEndpoint()}/test`] },
  {
    route: 'POST /api/webhook-deliveries/:deliveryId/redeliver',
    scope: 'admin',
    allowed: OWNER,
    ok: 201,
    writes: true,
    request: async () => ['POST', `/api/webhook-deliveries/${(await owner.post(`/api/webhooks/${await ownerEndpoint()}/test`)).body.id}/redeliver`],
  },
];

/** The first characters of whatever the article's text is by then (earlier rows revise it). */
const HIGHLIGHT = { motivation: 'highlighting', target: { selector: { type: 'TextPositionSelector', start: 0, end: 4 } } };
async function ownerAnnotation(): Promise<string> {
  return (await owner.post(`/api/articles/${articleId}/annotations`, HIGHLIGHT)).body.id;
}

/** A claim of the owner's, in review, at version 2. */
async function claimInReview(): Promise<string> {
  const id = await ownerClaim();
  await app.prisma.claim.update({ where: { id }, data: { status: 'in_review', version: 2 } });
  return id;
}
const HOOK = { url: 'https://93.184.216.34/hook', events: ['member.added'] };
async function ownerEndpoint(): Promise<string> {
  await roomForEndpoint();
  return (await owner.post(wsPath('/webhooks'), HOOK)).body.id;
}
/** Earlier rows' endpoints removed: a workspace holds only so many. */
async function roomForEndpoint(): Promise<void> {
  await app.prisma.webhookEndpoint.deleteMany({ where: { workspaceId: ws } });
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

/** Routes that answer without credentials; `ok` is what a caller with none gets. */
interface PublicRoute {
  why: string;
  ok: number;
  request: () => Call | Promise<Call>;
}

const publicRoutes: Partial<Record<RouteKey, PublicRoute>> = {
  'GET /api/health': { why: 'probed by load balancers', ok: 200, request: () => ['GET', '/api/health'] },
  'GET /api/health/live': { why: 'probed by orchestrators (liveness)', ok: 200, request: () => ['GET', '/api/health/live'] },
  'GET /api/health/ready': { why: 'probed by orchestrators (readiness)', ok: 200, request: () => ['GET', '/api/health/ready'] },
  'POST /api/auth/register': {
    why: 'signing up',
    ok: 201,
    request: () => ['POST', '/api/auth/register', { email: `new.${randomUUID()}@example.org`, password: PASSWORD, displayName: 'New' }],
  },
  'POST /api/auth/login': {
    why: 'signing in',
    ok: 200,
    request: async () => ['POST', '/api/auth/login', { email: (await newUser(app, 'Returning')).user!.email, password: PASSWORD }],
  },
  'GET /api/invites/:token': {
    why: 'the invite link shows its workspace before sign-up',
    ok: 200,
    request: async () => ['GET', `/api/invites/${(await owner.post(wsPath('/invites'), { role: 'viewer' })).body.token}`],
  },
  'GET /api/shared/:token': {
    why: 'a report share link is for anyone holding it',
    ok: 200,
    request: async () => {
      const snapshotId = (await owner.post(`/api/articles/${articleId}/reports`, {})).body.id;
      return ['GET', `/api/shared/${(await owner.post(`/api/reports/${snapshotId}/shares`)).body.token}`];
    },
  },
};

/** Routes any signed-in user may call, about their own account (`me`: a fresh user). */
interface AccountRoute {
  ok: number;
  /** Needs a session: an API token gets 403. */
  sessionOnly?: boolean;
  /** The scope an API token needs, when not the default. */
  scope?: TokenScope;
  /** Reaches beyond one workspace: a token bound to one gets 403. */
  unboundOnly?: boolean;
  request: (me: HttpClient) => Call | Promise<Call>;
}

const accountRoutes: Partial<Record<RouteKey, AccountRoute>> = {
  'GET /api/me': { ok: 200, request: () => ['GET', '/api/me'] },
  // The OpenAPI document and its viewer, for signed-in users (API_DOCS=public opens them to all).
  'GET /api/docs': { ok: 200, request: () => ['GET', '/api/docs'] },
  'GET /api/docs/index.html': { ok: 200, request: () => ['GET', '/api/docs/index.html'] },
  'GET /api/docs/swagger-ui-init.js': { ok: 200, request: () => ['GET', '/api/docs/swagger-ui-init.js'] },
  'GET /api/docs/docs/swagger-ui-init.js': { ok: 200, request: () => ['GET', '/api/docs/docs/swagger-ui-init.js'] },
  // Registered by the viewer, whose package ships no such file.
  'GET /api/docs/LICENSE': { ok: 404, request: () => ['GET', '/api/docs/LICENSE'] },
  'GET /api/docs-json': { ok: 200, request: () => ['GET', '/api/docs-json'] },
  'GET /api/docs-yaml': { ok: 200, request: () => ['GET', '/api/docs-yaml'] },
  // The socket events (AsyncAPI), under the same rule as the OpenAPI document.
  'GET /api/docs/asyncapi.json': { ok: 200, request: () => ['GET', '/api/docs/asyncapi.json'] },
  'POST /api/auth/logout': { ok: 204, request: () => ['POST', '/api/auth/logout'] },
  'POST /api/auth/password': {
    ok: 200,
    sessionOnly: true,
    request: () => ['POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'another long password' }],
  },
  'GET /api/workspaces': { ok: 200, request: () => ['GET', '/api/workspaces'] },
  'POST /api/workspaces': { ok: 201, scope: 'admin', unboundOnly: true, request: () => ['POST', '/api/workspaces', { name: 'My own desk' }] },
  'GET /api/tokens': { ok: 200, request: () => ['GET', '/api/tokens'] },
  'POST /api/tokens': { ok: 201, sessionOnly: true, request: () => ['POST', '/api/tokens', { name: 'script' }] },
  'DELETE /api/tokens/:tokenId': { ok: 204, scope: 'admin', request: async (me) => ['DELETE', `/api/tokens/${(await me.post('/api/tokens', { name: 'spare' })).body.id}`] },
  'GET /api/notifications': { ok: 200, request: () => ['GET', '/api/notifications'] },
  'POST /api/notifications/read-all': { ok: 204, request: () => ['POST', '/api/notifications/read-all'] },
  'POST /api/notifications/:notificationId/read': {
    ok: 204,
    request: async (me) => {
      const notice = await app.prisma.notification.create({ data: { userId: me.user!.id, kind: 'account.signup_attempt', text: 'A notice' } });
      return ['POST', `/api/notifications/${notice.id}/read`];
    },
  },
  // Anyone holding an invite's secret joins with it; the secret is the permission.
  'POST /api/invites/:token/accept': {
    ok: 200,
    scope: 'admin',
    unboundOnly: true,
    request: async () => ['POST', `/api/invites/${(await owner.post(wsPath('/invites'), { role: 'viewer' })).body.token}/accept`],
  },
};

/** Socket events: who may send each, and how to tell that it took effect or was refused. */
interface SocketRule {
  allowed: WorkspaceRole[];
  /** Sends the event as `actor` (its socket not yet in the article) and checks the outcome. */
  check: (socket: LiveSocket, allowed: boolean, watcher: LiveSocket, who: Who) => Promise<void>;
}

/** Who sends a socket event: a member by role, or the owner's API token and why it is refused if it is. */
type Who = { actor: Actor } | { token: true; refusal: 'NOT_FOUND' | 'FORBIDDEN' };

/** Each socket write and the REST route (row of `memberRoutes`) it is another transport for. */
const SOCKET_WRITE_ROUTES: Record<SocketWriteEvent, { route: RouteKey; case?: string }> = {
  'annotation:create': { route: 'POST /api/articles/:articleId/annotations' },
  'annotation:update': { route: 'PATCH /api/annotations/:annotationId' },
  'claim:create': { route: 'POST /api/articles/:articleId/claims' },
  'claim:update': { route: 'PATCH /api/claims/:claimId', case: 'fields' },
  'evidence:create': { route: 'POST /api/claims/:claimId/evidence' },
  'evidence:update': { route: 'PATCH /api/evidence/:evidenceId' },
  'claim-comment:create': { route: 'POST /api/claims/:claimId/comments' },
  'claim-comment:update': { route: 'PATCH /api/claim-comments/:commentId' },
};

/** A socket write gets exactly what its REST route's row expects: the same status, one audit entry if it wrote. */
function socketWriteRule(event: SocketWriteEvent): SocketRule {
  const { route, case: which } = SOCKET_WRITE_ROUTES[event];
  const row = memberRoutes.find((r) => r.route === route && r.case === which);
  if (!row) throw new Error(`${event}: no access row for ${route}`);
  return {
    allowed: row.allowed,
    check: async (socket, allowed, _watcher, who) => {
      const [, path, body] = await row.request();
      const before = await auditCount();
      const ack = (await socket.timeout(5_000).emitWithAck(event, { ...routeParams(route, path), body } as never)) as { ok: boolean; status: number };
      const expected = 'actor' in who ? expectedStatus(who.actor, row) : allowed ? row.ok : who.refusal === 'NOT_FOUND' ? 404 : 403;
      expect({ ok: ack.ok, status: ack.status }).toEqual({ ok: expected < 400, status: expected });
      expect(await auditCount()).toBe(before + (expected < 400 ? 1 : 0));
    },
  };
}

const socketEvents: Record<keyof ClientToServerEvents, SocketRule> = {
  'article:join': {
    allowed: EVERYONE,
    check: async (socket, allowed, _watcher, who) => {
      const ack = await join(socket, articleId);
      expect(ack).toMatchObject(allowed ? { ok: true } : { ok: false, error: { code: 'refusal' in who ? who.refusal : 'NOT_FOUND' } });
    },
  },
  'article:leave': {
    allowed: EVERYONE,
    check: async (socket, allowed) => {
      await join(socket, articleId);
      // Refused for lack of scope, the answer also says why.
      expect(await socket.timeout(5_000).emitWithAck('article:leave', { articleId })).toMatchObject({ ok: allowed });
    },
  },
  'presence:update': {
    allowed: EVERYONE,
    check: async (socket, allowed, watcher) => {
      await join(socket, articleId);
      socket.emit('presence:update', { articleId, selection: { start: 1, end: 3 } });
      // An acknowledged event sent after it: once answered, the update has been handled.
      await socket.timeout(5_000).emitWithAck('article:leave', { articleId: randomUUID() });
      const mark = { start: 0, end: 7 };
      const seen = nextPresence(watcher, (p) => p.users.some((u) => u.selection?.end === mark.end));
      watcher.emit('presence:update', { articleId, selection: mark });
      const presence: Presence = await seen;
      expect(presence.users.some((u) => u.selection?.start === 1 && u.selection.end === 3)).toBe(allowed);
    },
  },
  'notifications:list': {
    allowed: EVERYONE,
    check: async (socket, allowed, _watcher, who) => {
      // Everyone reads their own, member here or not, as GET /api/notifications answers a
      // token bound elsewhere with that workspace's; only a token without the read scope is refused.
      const refused = !allowed && 'token' in who && who.refusal === 'FORBIDDEN';
      const ack = await socket.timeout(5_000).emitWithAck('notifications:list', {});
      expect(ack).toMatchObject(refused ? { ok: false, error: { code: 'FORBIDDEN' } } : { ok: true, page: { items: expect.any(Array) } });
    },
  },
  ...(Object.fromEntries(Object.keys(SOCKET_WRITE_ROUTES).map((event) => [event, socketWriteRule(event as SocketWriteEvent)])) as Record<SocketWriteEvent, SocketRule>),
};

const expectedStatus = (actor: Actor, route: Route) =>
  actor === 'non-member' ? 404 : route.allowed.includes(actor) ? route.ok : 403;

beforeAll(async () => {
  // No webhook deliveries leave this app: its endpoints point at a public address.
  app = await startTestApp({ WEBHOOK_WORKER: 'false' });
  owner = await newUser(app, 'Owner');
  ws = await newWorkspace(owner, 'Matrix desk');
  articleId = (await owner.post(wsPath('/articles'), { title: 'Seed', text: 'Seed text.' })).body.id;
  clients.owner = owner;
  for (const role of ROLES.filter((r) => r !== 'owner')) clients[role] = await newMember(app, owner, ws, role);
  clients['non-member'] = await newUser(app, 'Outsider');
  await newWorkspace(clients['non-member'], 'Outsider’s own desk');
});
afterAll(() => app.close());

const label = (route: Route) => (route.case ? `${route.route} (${route.case})` : route.route);
const memberCases = memberRoutes.map((route) => ({ ...route, label: label(route) }));

/**
 * A successful answer is what the OpenAPI document says it is: its JSON body passes the
 * same contract schema the document's success body was generated from.
 */
function expectDocumentedBody(route: RouteKey, res: Reply): void {
  const documented = OPERATIONS[route]?.body;
  if (!(documented instanceof z.ZodType) || !res.headers.get('content-type')?.includes('application/json')) return;
  const parsed = documented.safeParse(res.body);
  expect({ route, issues: parsed.error?.issues ?? [] }).toEqual({ route, issues: [] });
}

describe('every route and socket event has an access rule', () => {
  const rules = new Set<string>([...Object.keys(publicRoutes), ...Object.keys(accountRoutes), ...memberRoutes.map((r) => r.route)]);

  it('covers every registered route', () => {
    const registered = registeredRoutes(app);
    expect(registered.length).toBeGreaterThan(50);
    expect(registered.filter((route) => !rules.has(route)).map((route) => `route ${route} has no access rule`)).toEqual([]);
    // And no rule outlives its route.
    expect([...rules].filter((rule) => !registered.includes(rule as RouteKey)).map((rule) => `rule ${rule} names no registered route`)).toEqual([]);
  });

  it('covers every socket event the gateway handles', () => {
    const handled = gatewayEvents(app);
    expect(handled.length).toBeGreaterThan(0);
    expect(handled.filter((event) => !(event in socketEvents)).map((event) => `socket event ${event} has no access rule`)).toEqual([]);
    expect(Object.keys(socketEvents).filter((event) => !handled.includes(event))).toEqual([]);
  });

  it('lists each route once: public, any signed-in user, or by workspace role', () => {
    const kinds = [Object.keys(publicRoutes), Object.keys(accountRoutes), [...new Set(memberRoutes.map((r) => r.route))]];
    const all = kinds.flat();
    expect(all.filter((route, i) => all.indexOf(route) !== i)).toEqual([]);
  });
});

describe.each<Actor>([...ROLES, 'non-member'])('as %s', (actor) => {
  it.each(memberCases)('$label', async (route) => {
    const [method, path, body] = await route.request();
    expect(routeMatches(route.route, method, path)).toBe(true);
    const before = await auditCount();
    const res = await clients[actor].request(method, path, body);
    const expected = expectedStatus(actor, route);
    if (expected < 400) {
      expect({ status: res.status, body: res.body }).toMatchObject({ status: expected });
      expectDocumentedBody(route.route, res);
    } else {
      expectError(res, expected);
    }
    // A refused call changes nothing; an allowed write leaves exactly one audit entry.
    expect(await auditCount()).toBe(before + (expected < 400 && route.writes ? 1 : 0));
  });
});

describe('public routes answer without credentials', () => {
  it.each(Object.entries(publicRoutes).map(([route, rule]) => ({ route: route as RouteKey, ...rule! })))('$route ($why)', async ({ route, ok, request }) => {
    const [method, path, body] = await request();
    expect(routeMatches(route, method, path)).toBe(true);
    const res = await new HttpClient(app.url).request(method, path, body);
    expect({ status: res.status, body: res.status === ok ? undefined : res.body }).toEqual({ status: ok, body: undefined });
    expectDocumentedBody(route, res);
  });
});

describe('account routes: any signed-in user, for themselves', () => {
  const cases = Object.entries(accountRoutes).map(([route, rule]) => ({ route: route as RouteKey, ...rule! }));

  it.each(cases)('$route', async ({ route, ok, request }) => {
    const me = await newUser(app, 'Account holder');
    const [method, path, body] = await request(me);
    expect(routeMatches(route, method, path)).toBe(true);
    const res = await me.request(method, path, body);
    expect({ status: res.status, body: res.status === ok ? undefined : res.body }).toEqual({ status: ok, body: undefined });
    expectDocumentedBody(route, res);
  });

  it.each(cases)('$route without credentials → 401', async ({ request }) => {
    const [method, path, body] = await request(await newUser(app, 'Account holder'));
    expectError(await new HttpClient(app.url).request(method, path, body), 401);
  });

  it.each(cases.filter((c) => c.sessionOnly))('$route with an API token → 403', async ({ request }) => {
    const me = await newUser(app, 'Token holder');
    const bot = me.withToken((await me.post('/api/tokens', { name: 'script' })).body.token);
    const [method, path, body] = await request(me);
    expectError(await bot.request(method, path, body), 403);
  });
});

describe('socket events', () => {
  let watcher: LiveSocket;
  const sockets: LiveSocket[] = [];
  const open = async (client: HttpClient) => {
    const socket = connect(app.url, client);
    sockets.push(socket);
    await connected(socket);
    return socket;
  };
  beforeAll(async () => {
    // A reader of the article who is none of the actors: their presence is what others see.
    watcher = await open(await newMember(app, owner, ws, 'viewer'));
    await join(watcher, articleId);
  });
  afterAll(() => {
    for (const socket of sockets) socket.disconnect();
  });

  describe.each<Actor>([...ROLES, 'non-member'])('as %s', (actor) => {
    it.each(Object.entries(socketEvents).map(([event, rule]) => ({ event, ...rule })))('$event', async ({ allowed, check }) => {
      const socket = await open(clients[actor]);
      try {
        await check(socket, actor !== 'non-member' && allowed.includes(actor), watcher, { actor });
      } finally {
        socket.disconnect();
      }
    });
  });

  // Each event is allowed when the token has the scope it needs and is bound to this workspace (or none).
  describe.each<[string, () => Promise<string>, TokenScope[], boolean]>([
    ['an owner’s API token without the read scope', () => tokenOf(owner, ['write', 'admin']), ['write', 'admin'], true],
    ['an owner’s read-only API token bound to this workspace', () => tokenOf(owner, ['read'], ws), ['read'], true],
    ['an owner’s API token bound to another workspace', async () => tokenOf(owner, SCOPES, await elsewhere()), SCOPES, false],
  ])('with %s', (_label, token, scopes, here) => {
    it.each(Object.entries(socketEvents).map(([event, rule]) => ({ event, ...rule })))('$event', async ({ event, check }) => {
      const socket = connect(app.url, owner, { token: await token() });
      sockets.push(socket);
      await connected(socket);
      try {
        const allowed = here && scopes.includes(SOCKET_EVENT_SCOPES[event as keyof ClientToServerEvents]);
        await check(socket, allowed, watcher, { token: true, refusal: here ? 'FORBIDDEN' : 'NOT_FOUND' });
      } finally {
        socket.disconnect();
      }
    });
  });

  it('a socket without credentials is refused', async () => {
    const socket = connect(app.url, new HttpClient(app.url));
    sockets.push(socket);
    await expect(connected(socket)).rejects.toThrow('UNAUTHENTICATED');
  });
});

/** An API token of `client`'s with these scopes, bound to one workspace when given. */
async function tokenOf(client: HttpClient, scopes: TokenScope[], workspaceId: string | null = null): Promise<string> {
  const res = await client.post('/api/tokens', { name: `matrix ${scopes.join('+')}`, scopes, workspaceId });
  if (res.status !== 201) throw new Error(`token failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/** Another workspace of the owner's, for tokens bound elsewhere. */
let elsewhereId: string | undefined;
async function elsewhere(): Promise<string> {
  elsewhereId ??= await newWorkspace(owner, 'Elsewhere desk');
  return elsewhereId;
}

describe('API token scopes × workspace routes (the owner’s tokens: the role allows everything)', () => {
  const only = {} as Record<TokenScope, HttpClient>;
  const allBut = {} as Record<TokenScope, HttpClient>;
  let boundElsewhere: HttpClient;
  beforeAll(async () => {
    for (const scope of SCOPES) {
      // Allowed calls go through tokens bound to this workspace: the binding lets them through.
      only[scope] = owner.withToken(await tokenOf(owner, [scope], ws));
      allBut[scope] = owner.withToken(await tokenOf(owner, SCOPES.filter((s) => s !== scope)));
    }
    boundElsewhere = owner.withToken(await tokenOf(owner, SCOPES, await elsewhere()));
  });

  it.each(memberCases)('$label: 403 without its scope, allowed with only that scope', async (route) => {
    const [method, path, body] = await route.request();
    const scope = route.scope ?? defaultScope(method);
    const before = await auditCount();
    const refused = await allBut[scope].request(method, path, body);
    expectError(refused, 403);
    expect(refused.body.error.message).toContain(`"${scope}" scope`);
    expect(await auditCount()).toBe(before);
    // A fresh request: an allowed write may use up its target.
    const [method2, path2, body2] = await route.request();
    const res = await only[scope].request(method2, path2, body2);
    expect({ status: res.status, body: res.body }).toMatchObject({ status: route.ok });
  });

  it.each(memberCases)('$label: 404 with a token bound to another workspace', async (route) => {
    const [method, path, body] = await route.request();
    const before = await auditCount();
    expectError(await boundElsewhere.request(method, path, body), 404);
    expect(await auditCount()).toBe(before);
  });
});

describe('API token scopes × account routes', () => {
  const cases = Object.entries(accountRoutes)
    .filter(([, rule]) => !rule!.sessionOnly)
    .map(([route, rule]) => ({ route: route as RouteKey, ...rule! }));

  it.each(cases)('$route: 403 without its scope, allowed with only that scope', async ({ ok, scope, request }) => {
    const me = await newUser(app, 'Token holder');
    const [method, path, body] = await request(me);
    const needed = scope ?? defaultScope(method);
    const refused = await me.withToken(await tokenOf(me, SCOPES.filter((s) => s !== needed))).request(method, path, body);
    expectError(refused, 403);
    const [method2, path2, body2] = await request(me);
    const res = await me.withToken(await tokenOf(me, [needed])).request(method2, path2, body2);
    expect({ status: res.status, body: res.status === ok ? undefined : res.body }).toEqual({ status: ok, body: undefined });
  });

  it.each(cases.filter((c) => c.unboundOnly))('$route: 403 with a token bound to one workspace', async ({ request }) => {
    const me = await newUser(app, 'Token holder');
    const bound = me.withToken(await tokenOf(me, SCOPES, await newWorkspace(me, 'Mine')));
    const [method, path, body] = await request(me);
    expectError(await bound.request(method, path, body), 403);
  });

  it('a token bound to one workspace sees only that workspace in /me and /workspaces', async () => {
    const me = await newUser(app, 'Token holder');
    const mine = await newWorkspace(me, 'Mine');
    await newWorkspace(me, 'Also mine');
    const bound = me.withToken(await tokenOf(me, ['read'], mine));
    expect((await bound.get('/api/me')).body.workspaces.map((w: { id: string }) => w.id)).toEqual([mine]);
    expect((await bound.get('/api/workspaces')).body.map((w: { id: string }) => w.id)).toEqual([mine]);
    expect((await me.get('/api/workspaces')).body).toHaveLength(2);
  });

  it('a bound token lists and revokes only the tokens bound to its own workspace', async () => {
    const me = await newUser(app, 'Token holder');
    const [mine, other] = [await newWorkspace(me, 'Mine'), await newWorkspace(me, 'Other desk')];
    const admin = me.withToken(await tokenOf(me, ['read', 'admin'], mine));
    const sibling = (await me.post('/api/tokens', { name: 'sibling', scopes: ['read'], workspaceId: mine })).body.id;
    const elsewhereToken = (await me.post('/api/tokens', { name: 'other desk bot', scopes: ['read'], workspaceId: other })).body.id;
    const everywhere = (await me.post('/api/tokens', { name: 'all desks', scopes: ['read'] })).body.id;

    const listed = (await admin.get('/api/tokens')).body as { id: string; workspace: { id: string } | null }[];
    expect(listed.length).toBe(2);
    expect(listed.every((t) => t.workspace?.id === mine)).toBe(true);
    expect(listed.map((t) => t.id)).toContain(sibling);
    expectError(await admin.delete(`/api/tokens/${elsewhereToken}`), 404);
    expectError(await admin.delete(`/api/tokens/${everywhere}`), 404);
    expect((await me.get('/api/tokens')).body).toHaveLength(4);
    expect((await admin.delete(`/api/tokens/${sibling}`)).status).toBe(204);
    expect((await me.get('/api/tokens')).body).toHaveLength(3);
  });

  it('a token cannot be bound to a workspace its user is not in', async () => {
    const me = await newUser(app, 'Token holder');
    expectError(await me.post('/api/tokens', { name: 'x', scopes: ['read'], workspaceId: ws }), 404);
    expectError(await me.post('/api/tokens', { name: 'x', scopes: [] }), 400, 'scopes');
    expectError(await me.post('/api/tokens', { name: 'x', scopes: ['root'] }), 400, 'scopes.0');
  });

  it('lists scope, workspace, expiry and last use; an expired token authenticates nothing', async () => {
    const me = await newUser(app, 'Token holder');
    const created = (await me.post('/api/tokens', { name: 'short', scopes: ['read'], expiresInDays: 1 })).body;
    expect((await me.withToken(created.token).get('/api/me')).status).toBe(200);
    const listed = (await me.get('/api/tokens')).body.find((t: { id: string }) => t.id === created.id);
    expect(listed).toMatchObject({ scopes: ['read'], workspace: null, lastUsedAt: expect.any(String) });
    expect(Date.parse(listed.expiresAt) - Date.now()).toBeGreaterThan(23 * 3600_000);

    const lapsed = (await me.post('/api/tokens', { name: 'lapsed', scopes: ['read'], expiresInDays: 1 })).body;
    await app.prisma.apiToken.update({ where: { id: lapsed.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expectError(await me.withToken(lapsed.token).get('/api/me'), 401);
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

  it.each(memberCases)('$label without credentials → 401', async (route) => {
    const [method, path, body] = await route.request();
    const before = await auditCount();
    expectError(await new HttpClient(app.url).request(method, path, body), 401);
    expect(await auditCount()).toBe(before);
  });
});
