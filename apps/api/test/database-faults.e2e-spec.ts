import { randomUUID } from 'node:crypto';
import { expectError } from './support/assertions';
import { HttpClient, newUser, newWorkspace, PASSWORD, type Reply } from './support/http-client';
import { waitFor } from './support/live-client';
import { startOwnPostgres, type OwnPostgres } from './support/own-postgres';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The API over a PostgreSQL server of this file's own, which the tests stop, restart, hang
 * (SIGSTOP) and resume. Short timeouts keep the hung case quick.
 */
const CONNECT_TIMEOUT_MS = 1_000;
const STATEMENT_TIMEOUT_MS = 1_500;

let db: OwnPostgres;
let app: TestApp;
let owner: HttpClient;
let ws: string;
const email = `faults.${randomUUID().slice(0, 8)}@example.org`;

beforeAll(async () => {
  db = await startOwnPostgres();
  app = await startTestApp(
    { DB_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS), DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS) },
    { databaseUrl: db.url },
  );
  owner = await newUser(app, 'Faults');
  ws = await newWorkspace(owner);
  const signUp = await new HttpClient(app.url).post('/api/auth/register', { email, password: PASSWORD, displayName: 'Second' });
  expect(signUp.status).toBe(201);
}, 60_000);
afterAll(async () => {
  db?.thaw();
  await app?.close();
  await db?.destroy();
});

const anonymous = () => new HttpClient(app.url);

/** The routes a reader, a writer and someone signing in or up use, each as a fresh request. */
const everyday: [string, () => Promise<Reply>][] = [
  ['register', () => anonymous().post('/api/auth/register', { email: `new.${randomUUID().slice(0, 8)}@example.org`, password: PASSWORD, displayName: 'New' })],
  ['login', () => anonymous().post('/api/auth/login', { email, password: PASSWORD })],
  ['a read', () => owner.get(`/api/workspaces/${ws}/articles`)],
  ['a write', () => owner.post(`/api/workspaces/${ws}/articles`, { title: 'During the outage', text: 'Written while the database was away.' })],
  ['a transaction', () => owner.post('/api/workspaces', { name: 'Outage desk' })],
];

/** Times a request, in ms. */
async function timed(request: () => Promise<Reply>): Promise<{ res: Reply; ms: number }> {
  const started = performance.now();
  const res = await request();
  return { res, ms: performance.now() - started };
}

function expectUnavailable(res: Reply): void {
  expectError(res, 503);
  expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
}

/** Health, whoever asks: an orchestrator (no cookie) or a signed-in browser tab. */
async function expectHealthWithinASecond(expected: number): Promise<void> {
  for (const client of [anonymous(), owner]) {
    for (const path of ['/api/health', '/api/health/ready']) {
      const { res, ms } = await timed(() => client.get(path));
      expect({ path, status: res.status }).toEqual({ path, status: expected });
      expect(ms).toBeLessThan(1_000);
      if (expected === 503) expectUnavailable(res);
    }
    const live = await timed(() => client.get('/api/health/live'));
    expect(live.res.status).toBe(200);
    expect(live.ms).toBeLessThan(1_000);
  }
}

async function expectRecovered(): Promise<void> {
  await waitFor(async () => (await anonymous().get('/api/health/ready')).status === 200, 15_000, 'readiness to return');
  const failed: unknown[] = [];
  for (const [label, request] of everyday) {
    const res = await request();
    if (res.status >= 300) failed.push({ label, status: res.status, body: res.body });
  }
  expect(failed).toEqual([]);
}

it('is ready and live while the database is up', async () => {
  await expectHealthWithinASecond(200);
  expect((await anonymous().get('/api/health')).body).toEqual({ status: 'ok' });
});

describe('with the database down', () => {
  beforeAll(() => db.stop());
  afterAll(() => db.start());

  it('fails readiness within a second and stays live', async () => {
    await expectHealthWithinASecond(503);
  });

  it.each(everyday)('answers %s with 503 UNAVAILABLE and Retry-After, not 500', async (_label, request) => {
    expectUnavailable(await request());
  });
});

it('recovers by itself once the database is back', async () => {
  await expectRecovered();
});

describe('with the database hung (every server process stopped)', () => {
  beforeAll(async () => {
    // Connections the pool holds open stay open, unanswered; new ones are never greeted.
    await expectRecovered();
    db.freeze();
  });
  afterAll(() => db.thaw());

  it('fails readiness within a second and stays live', async () => {
    await expectHealthWithinASecond(503);
  });

  it.each(everyday)('answers %s with 503 once the timeouts pass, instead of waiting for ever', async (_label, request) => {
    const { res, ms } = await timed(request);
    expectUnavailable(res);
    // A connect timeout, then at most the client-side statement limit (statement timeout + 1 s).
    expect(ms).toBeLessThan(CONNECT_TIMEOUT_MS + STATEMENT_TIMEOUT_MS + 1_000 + 1_000);
  });
});

it('recovers by itself once the database answers again', async () => {
  await expectRecovered();
});
