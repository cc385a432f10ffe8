import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ErrorBody } from '@corroborate/contracts';
import { expectError } from './support/assertions';
import { HttpClient, newMember, newUser, newWorkspace, PASSWORD } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
let owner: HttpClient;
let ws: string;
let articleId: string;
let memberId: string;

beforeAll(async () => {
  app = await startTestApp();
  owner = await newUser(app, 'Platform');
  ws = await newWorkspace(owner, 'Platform desk');
  articleId = (await owner.post(`/api/workspaces/${ws}/articles`, { title: 'Base', text: 'Base text.' })).body.id;
  memberId = (await newMember(app, owner, ws, 'viewer')).user!.id;
});
afterAll(() => app.close());

/** A valid address of about 250 characters. */
const longEmail = () => `${randomUUID()}.${'a'.repeat(23)}@${['b', 'c', 'd'].map((c) => c.repeat(60)).join('.')}.org`;

describe('health and docs', () => {
  it('GET /api/health answers ok without credentials', async () => {
    const res = await new HttpClient(app.url).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('serves an OpenAPI document covering the core routes to a signed-in user', async () => {
    const res = await owner.get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/register',
        '/api/auth/login',
        '/api/me',
        '/api/workspaces',
        '/api/workspaces/{workspaceId}/members',
        '/api/workspaces/{workspaceId}/articles',
        '/api/articles/{articleId}',
        '/api/articles/{articleId}/revisions',
      ]),
    );
    const register = res.body.paths['/api/auth/register'].post;
    expect(JSON.stringify(register.requestBody)).toMatch(/email|RegisterDto/);
    expect((await owner.get('/api/docs')).status).toBe(200);
  });

  it.each(['/api/docs', '/api/docs/', '/api/docs-json', '/api/docs-yaml', '/api/docs/swagger-ui-init.js'])(
    'keeps %s from anonymous callers by default (401)',
    async (path) => {
      expectError(await new HttpClient(app.url).get(path), 401);
      expectError(await new HttpClient(app.url).withToken('cb_not_a_token').get(path), 401);
    },
  );

  // The routes match in any case and the tree decodes escapes: the gate must see every
  // spelling the routes answer (and an escaped spelling of the path answers none).
  it.each([
    ['/API/DOCS-JSON', 401],
    ['/Api/Docs', 401],
    ['/api/docs-YAML', 401],
    ['/API/DOCS/swagger-ui-init.js', 401],
    ['/API/DOCS/ASYNCAPI.JSON', 401],
    ['/api/docs%2Djson', 404],
    ['/%61pi/docs-json', 404],
    ['/api/%64ocs', 404],
    ['/api/docs/swagger-ui-init%2Ejs', 401],
  ])('keeps %s from anonymous callers too (%d)', async (path, status) => {
    expectError(await new HttpClient(app.url).get(path), status);
  });

  it('serves the docs to anyone with API_DOCS=public', async () => {
    const open = await startTestApp({ API_DOCS: 'public' });
    try {
      const res = await new HttpClient(open.url).get('/api/docs-json');
      expect(res.status).toBe(200);
      expect(res.body.openapi).toMatch(/^3\./);
    } finally {
      await open.close();
    }
  });
});

describe('content security policy', () => {
  const directive = (csp: string, name: string) =>
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .find(([n]) => n === name)
      ?.slice(1);

  it('lets pages connect only to the app itself and configured origins, over HTTP and WebSocket', async () => {
    const res = await new HttpClient(app.url).get('/api/health/live');
    expect(directive(res.headers.get('content-security-policy') ?? '', 'connect-src')).toEqual(["'self'", 'http://corroborate.test', 'ws://corroborate.test']);

    const withOrigins = await startTestApp({ PUBLIC_URL: 'https://desk.example.org', ALLOWED_ORIGINS: 'http://localhost:5173' });
    try {
      const csp = (await new HttpClient(withOrigins.url).get('/api/health/live')).headers.get('content-security-policy') ?? '';
      expect(directive(csp, 'connect-src')).toEqual([
        "'self'",
        'https://desk.example.org',
        'wss://desk.example.org',
        'http://localhost:5173',
        'ws://localhost:5173',
      ]);
    } finally {
      await withOrigins.close();
    }
  });
});

describe('HTTP edge cases', () => {
  it.each([
    ['GET', '/api/nope'],
    ['POST', '/api/nope'],
    ['GET', '/api/workspaces/00000000-0000-4000-8000-000000000000/nothing'],
    ['DELETE', '/api/me'],
  ])('answers an unknown route %s %s with 404 in the error shape', async (method, path) => {
    expectError(await owner.request(method, path, method === 'POST' ? {} : undefined), 404);
  });

  it('matches routes as Express does: any case, a trailing slash, HEAD by the GET route, parameters as sent', async () => {
    for (const path of ['/API/ME', '/api/me/', `/api/Workspaces/${ws}/members/`]) expect([path, (await owner.get(path)).status]).toEqual([path, 200]);
    const head = await fetch(`${app.url}/api/me`, { method: 'HEAD', headers: { cookie: owner.cookie! } });
    expect([head.status, await head.text()]).toEqual([200, '']);
    // A parameter keeps its case (the article's id in capitals is still its id), and its escapes are decoded.
    expect((await owner.get(`/api/articles/${articleId.toUpperCase()}`)).body.id).toBe(articleId);
    expectError(await owner.get(`/api/articles/${encodeURIComponent("'; --")}`), 400, 'articleId');
    // A route known for another method, or a path that is not one, is an unknown route.
    expectError(await owner.request('PUT', '/api/me'), 404);
    expect((await owner.get('/api/articles/%E0%A4%A')).status).toBeLessThan(500);
  });

  it('decodes escapes in parameters and the query, and knows no escaped spelling of a route', async () => {
    const escaped = `%${articleId.charCodeAt(0).toString(16)}${articleId.slice(1)}`;
    expect((await owner.get(`/api/articles/${escaped}`)).body.id).toBe(articleId);
    expect((await owner.get(`/api/workspaces/${ws}/search?q=%42ase`)).status).toBe(200);
    for (const path of ['/%61pi/me', '/api/%6De', '/api/m%65', '/api%2Fme', `/api/articles/${articleId}/%72evisions`]) {
      expectError(await owner.get(path), 404);
    }
  });

  it('keeps an idle connection open for HTTP_KEEP_ALIVE_MS, and says so', async () => {
    const keepAlive = (url: string) =>
      new Promise<string | undefined>((resolve, reject) => {
        const agent = new http.Agent({ keepAlive: true });
        http
          .get(`${url}/api/health/live`, { agent }, (res) => {
            res.resume();
            res.on('end', () => (agent.destroy(), resolve(res.headers['keep-alive'] as string | undefined)));
          })
          .on('error', reject);
      });
    expect(await keepAlive(app.url)).toBe('timeout=65');
    const other = await startTestApp({ HTTP_KEEP_ALIVE_MS: '2000' });
    try {
      expect(await keepAlive(other.url)).toBe('timeout=2');
    } finally {
      await other.close();
    }
  });

  it.each(['/api/workspaces', '/api/auth/register', '/api/auth/login'])(
    'answers JSON sent as text/plain to %s with 400, not 500',
    async (path) => {
      const json = JSON.stringify({ name: 'Plain', email: 'plain@example.org', password: PASSWORD, displayName: 'Plain' });
      const res = await owner.request('POST', path, json, { 'content-type': 'text/plain' });
      expectError(res, 400);
    },
  );

  it.each(['gzip', 'br', 'deflate'])('answers a body that is not really %s-compressed with 400 naming the body', async (encoding) => {
    const res = await owner.request('POST', '/api/workspaces', 'not compressed at all', { 'content-type': 'application/json', 'content-encoding': encoding });
    expectError(res, 400, 'body');
  });

  it('answers a body with no content-type at all with 400', async () => {
    const res = await fetch(`${app.url}/api/workspaces`, { method: 'POST', headers: { cookie: owner.cookie! }, body: '{"name":"x"}' });
    expect(res.status).toBe(400);
    expect(ErrorBody.safeParse(await res.json()).success).toBe(true);
  });
});

describe('text the database cannot store', () => {
  it.each([
    ['a NUL character', 'Nul\u0000byte'],
    ['a lone high surrogate', 'half \ud83d pair'],
    ['a lone low surrogate', 'half \ude00 pair'],
  ])('refuses %s with 400 naming the field, wherever it is', async (_label, bad) => {
    expectError(await owner.post('/api/workspaces', { name: bad }), 400, 'name');
    expectError(await owner.post(`/api/workspaces/${ws}/articles`, { title: 'Fine', text: bad }), 400, 'text');
    expectError(await owner.post(`/api/workspaces/${ws}/articles`, { title: 'Fine', text: 'ok', extra: { list: ['x', bad] } }), 400, 'extra.list.1');
    const email = `nul.${randomUUID().slice(0, 8)}@example.org`;
    expectError(await new HttpClient(app.url).post('/api/auth/register', { email, password: PASSWORD, displayName: bad }), 400, 'displayName');
    expect(await app.prisma.user.count({ where: { email } })).toBe(0);
  });

  it('keeps well-formed astral characters and other control characters', async () => {
    const res = await owner.post('/api/workspaces', { name: 'Desk 🗞️ \u0007' });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('Desk 🗞️ \u0007');
  });

  it('signs in (and fails) with a long email without a 5xx', async () => {
    const email = longEmail();
    expect(email.length).toBeLessThanOrEqual(254);
    const client = new HttpClient(app.url);
    expect((await client.post('/api/auth/register', { email, password: PASSWORD, displayName: 'Long' })).status).toBe(201);
    expectError(await client.post('/api/auth/login', { email, password: 'wrong password' }), 401);
    expect((await client.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200);
  });
});

describe('hostile input never causes a 5xx', () => {
  const email = () => `hostile.${randomUUID().slice(0, 8)}@example.org`;
  const deep = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  /** Otherwise-valid bodies for every target, so the odd value reaches the service and the database. */
  const wellFormedWith = (value: string) =>
    JSON.stringify({ email: email(), password: PASSWORD, displayName: value, name: value, title: value, text: value, role: 'viewer' });

  const bodies: [string, () => string][] = [
    ['an empty object', () => '{}'],
    ['an array', () => '[]'],
    ['an array of objects', () => JSON.stringify([{ name: 'x', email: email() }])],
    ['null', () => 'null'],
    ['a number', () => '42'],
    ['a bare string', () => '"hello"'],
    ['true', () => 'true'],
    ['an empty body', () => ''],
    ['truncated JSON', () => '{"name": "x"'],
    ['null fields', () => JSON.stringify({ email: null, password: null, displayName: null, name: null, title: null, text: null, role: null })],
    ['numbers for strings', () => JSON.stringify({ email: 1, password: 2, displayName: 3, name: 4, title: 5, text: 6, role: 7 })],
    ['nested objects for strings', () => JSON.stringify({ email: { $ne: '' }, password: { a: [1] }, name: { toString: 'x' }, text: [['x']] })],
    ['__proto__ pollution', () => `{"__proto__": {"polluted": 1}, "name": "Proto", "email": "${email()}", "role": "viewer"}`],
    ['constructor.prototype pollution', () => `{"constructor": {"prototype": {"polluted": 1}}, "title": "Ctor", "text": "x"}`],
    ['deeply nested objects', () => deep(5_000)],
    ['deeply nested arrays', () => '['.repeat(50_000) + ']'.repeat(50_000)],
    ['huge strings', () => wellFormedWith('x'.repeat(1_500_000))],
    ['NUL bytes in strings', () => wellFormedWith('Nul\u0000byte')],
    ['a lone surrogate', () => wellFormedWith('half \ud83d pair')],
    ['control characters', () => wellFormedWith('bell\u0007 esc\u001b del\u007f')],
    ['a NUL in the email', () => JSON.stringify({ email: 'nul\u0000@example.org', password: PASSWORD, displayName: 'N' })],
    // Valid (under 254 characters), and longer than the sign-in limiter's 255-character key once prefixed.
    ['a very long valid email', () => JSON.stringify({ email: longEmail(), password: PASSWORD, displayName: 'L', role: 'viewer' })],
    ['a huge email', () => JSON.stringify({ email: `${'a'.repeat(100_000)}@example.org`, password: PASSWORD, displayName: 'L', role: 'viewer' })],
    ['a huge password', () => JSON.stringify({ email: email(), password: 'p'.repeat(1_000_000), displayName: 'P' })],
  ];

  const targets: [string, () => string, () => HttpClient][] = [
    ['register', () => '/api/auth/register', () => new HttpClient(app.url)],
    ['login', () => '/api/auth/login', () => new HttpClient(app.url)],
    ['workspaces', () => '/api/workspaces', () => owner],
    ['tokens', () => '/api/tokens', () => owner],
    ['articles', () => `/api/workspaces/${ws}/articles`, () => owner],
    ['revisions', () => `/api/articles/${articleId}/revisions`, () => owner],
    ['members', () => `/api/workspaces/${ws}/members`, () => owner],
    ['member role', () => `/api/workspaces/${ws}/members/${memberId}`, () => owner],
    ['invites', () => `/api/workspaces/${ws}/invites`, () => owner],
  ];

  it.each(targets)('POST/PATCH to %s', async (target, path, client) => {
    const method = target === 'member role' ? 'PATCH' : 'POST';
    const problems: unknown[] = [];
    for (const [label, body] of bodies) {
      const res = await client().request(method, path(), body(), { 'content-type': 'application/json' });
      const shaped = res.status < 400 || ErrorBody.safeParse(res.body).success;
      if (res.status >= 500 || !shaped) problems.push({ label, status: res.status, body: res.body });
    }
    expect(problems).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await new HttpClient(app.url).get('/api/health')).status).toBe(200);
  });
});
