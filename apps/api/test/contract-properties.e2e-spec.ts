import fc from 'fast-check';
import { Client } from 'pg';
import type { z } from 'zod';
import { DEFAULT_RATING_SCALE, ErrorBody } from '@corroborate/contracts';
import { validationError } from '../src/infra/errors/validation';
import { findUnstorableText } from '../src/infra/http/text-guard';
import { bodiesFor } from './support/arbitraries';
import { HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { bodySchemas, registeredRoutes, type RouteKey } from './support/routes';
import { startTestApp, type TestApp } from './support/test-app';

/*
 * Property tests: bodies generated from the zod contracts, valid and invalid, sent to every
 * write route of the real API. Never a 5xx; an invalid body is a 400 naming its fields; a
 * refused request leaves no row behind.
 */

const RUNS = 50;

/** Writes that take no body: they have nothing to generate. */
const BODILESS = new Set<RouteKey>([
  'POST /api/auth/logout',
  'POST /api/invites/:token/accept',
  'POST /api/notifications/read-all',
  'POST /api/notifications/:notificationId/read',
  'POST /api/reports/:snapshotId/shares',
  'POST /api/webhooks/:endpointId/test',
  'POST /api/webhook-deliveries/:deliveryId/redeliver',
]);

let app: TestApp;
let owner: HttpClient;
let db: Client;
let tables: string[];
const params: Record<string, string> = {};
/** Values that exist, so generated bodies sometimes refer to them (an assignee, a reply's parent, a rating). */
const known = () => [...Object.values(params), owner.user!.id, ...DEFAULT_RATING_SCALE.map((r) => r.key)];

/** Every table's row count but the rate limiter's (whose counting a refusal is). */
async function rowCounts(): Promise<Record<string, number>> {
  const { rows } = await db.query<{ t: string; n: string }>(tables.map((t) => `SELECT '${t}' AS t, count(*) AS n FROM "${t}"`).join(' UNION ALL '));
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

const pathOf = (route: RouteKey) =>
  route
    .split(' ')[1]!
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part;
      const value = params[part.slice(1)];
      if (!value) throw new Error(`no fixture for ${part} in ${route}`);
      return value;
    })
    .join('/');

beforeAll(async () => {
  // Limits high enough that generated sign-ins reach the password check rather than 429 (which would be fine too).
  app = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '100000', LOGIN_MAX_FAILURES_PER_IP: '100000' });
  db = new Client({ connectionString: app.databaseUrl });
  await db.connect();
  tables = (
    await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('rate_limits', '_prisma_migrations')`,
    )
  ).rows.map((r) => r.name);

  owner = await newUser(app, 'Owner');
  const ws = await newWorkspace(owner, 'Property desk');
  const member = await newMember(app, owner, ws, 'analyst');
  const article = (await owner.post(`/api/workspaces/${ws}/articles`, { title: 'Seed', text: 'The river is cleaner than it was. Fish are back.' })).body;
  const claim = (
    await owner.post(`/api/articles/${article.id}/claims`, {
      statement: 'The river is cleaner',
      target: { selector: [{ type: 'TextPositionSelector', start: 4, end: 20 }] },
    })
  ).body;
  const evidence = (await owner.post(`/api/claims/${claim.id}/evidence`, { kind: 'note', note: 'A note', stance: 'unclear' })).body;
  const comment = (await owner.post(`/api/claims/${claim.id}/comments`, { body: 'First' })).body;
  const annotation = (
    await owner.post(`/api/articles/${article.id}/annotations`, {
      motivation: 'highlighting',
      target: { selector: { type: 'TextPositionSelector', start: 0, end: 9 } },
    })
  ).body;
  Object.assign(params, {
    workspaceId: ws,
    userId: member.user!.id,
    articleId: article.id,
    claimId: claim.id,
    spanId: claim.spans[0].id,
    evidenceId: evidence.id,
    commentId: comment.id,
    annotationId: annotation.id,
  });
  for (const [name, value] of Object.entries(params)) if (!value) throw new Error(`fixture ${name} missing`);
});
afterAll(async () => {
  await db?.end();
  await app?.close();
});

it('every write route takes a contract body or is listed as taking none', () => {
  const schemas = bodySchemas(app);
  const writes = registeredRoutes(app).filter((route) => /^(?:POST|PUT|PATCH) /.test(route));
  expect(writes.filter((route) => !schemas.has(route) && !BODILESS.has(route))).toEqual([]);
  expect([...schemas.keys()].filter((route) => !writes.includes(route))).toEqual([]);
  expect(schemas.size).toBeGreaterThan(20);
});

describe('bodies generated from the contracts', () => {
  let cases: { route: RouteKey; schema: z.ZodType }[];
  beforeAll(() => {
    cases = [...bodySchemas(app)].map(([route, schema]) => ({ route, schema }));
  });

  /** Row counts as of the last answer: a refusal must leave them as they were. */
  let counts: Record<string, number>;

  /** Sends a body as the owner and checks what holds for any answer. */
  async function send(route: RouteKey, body: unknown) {
    const [method] = route.split(' ') as [string];
    counts ??= await rowCounts();
    // A client of its own each time: a sign-up or sign-in must not replace the owner's cookie.
    const asOwner = new HttpClient(app.url);
    asOwner.cookie = owner.cookie;
    const res = await asOwner.request(method, pathOf(route), body);
    expect(res.status).toBeLessThan(500);
    const after = await rowCounts();
    if (res.status >= 400) {
      expect(ErrorBody.safeParse(res.body).success).toBe(true);
      expect(after).toEqual(counts);
    }
    counts = after;
    return res;
  }

  /** Runs a property for every route, naming the route when it fails. */
  async function forEveryRoute(property: (route: RouteKey, schema: z.ZodType) => fc.IAsyncProperty<[unknown]>) {
    for (const { route, schema } of cases) {
      try {
        await fc.assert(property(route, schema), { numRuns: RUNS });
      } catch (error) {
        throw new Error(`${route}: ${(error as Error).message}`);
      }
    }
  }

  it('valid bodies: never a 5xx, and a refusal (a stale version, an unknown id) leaves no row behind', async () => {
    await forEveryRoute((route, schema) =>
      fc.asyncProperty(bodiesFor(schema, known()).valid, async (body) => {
        await send(route, body);
      }),
    );
  }, 600_000);

  it('invalid bodies: a 400 naming the fields the contract refuses, and nothing written', async () => {
    await forEveryRoute((route, schema) =>
      fc.asyncProperty(bodiesFor(schema, known()).invalid, async (body) => {
        const res = await send(route, body);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        const paths = (res.body.error.details ?? []).map((d: { path: string }) => d.path);
        const parsed = schema.safeParse(body);
        const fromContract = parsed.success ? [] : validationError(parsed.error).details!.map((d) => d.path);
        const unstorable = findUnstorableText(body);
        // The paths the contract names, or the one field whose text the database could not store.
        expect([fromContract, ...(unstorable ? [[unstorable]] : [])]).toContainEqual(paths);
      }),
    );
  }, 600_000);
});
