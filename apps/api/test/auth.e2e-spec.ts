import { MAX_LIVE_TOKENS } from '../src/tokens/tokens.service';
import { expectError } from './support/assertions';
import { HttpClient, newUser, PASSWORD, type Reply } from './support/http-client';
import { startTestApp, TEST_ORIGIN, type TestApp } from './support/test-app';

describe('accounts and sessions', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '8' });
  });
  afterAll(() => app.close());

  it('registers, reads /me, logs out and in again', async () => {
    const client = new HttpClient(app.url);
    const reg = await client.post('/api/auth/register', {
      email: '  Reporter@Example.org ',
      password: PASSWORD,
      displayName: 'Reporter',
    });
    expect(reg.status).toBe(201);
    expect(reg.body.user).toMatchObject({ email: 'reporter@example.org', displayName: 'Reporter' });
    expect(reg.body.user.passwordHash).toBeUndefined();
    const cookie = reg.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);

    const me = await client.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: reg.body.user, workspaces: [] });

    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/me')).status).toBe(401);

    const login = await client.post('/api/auth/login', { email: 'reporter@example.org', password: PASSWORD });
    expect(login.status).toBe(200);
    expect((await client.get('/api/me')).status).toBe(200);
  });

  it('stores only an argon2id hash of the password and of the session secret', async () => {
    const client = await newUser(app, 'Hashing');
    const user = await app.prisma.user.findUniqueOrThrow({ where: { id: client.user!.id } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const secret = client.cookie!.split('=')[1]!;
    const sessions = await app.prisma.session.findMany({ where: { userId: user.id } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.tokenHash).not.toContain(secret);
    expect(sessions[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects a wrong password with 401 and the same message as an unknown account', async () => {
    const client = await newUser(app, 'Careful');
    const wrong = await new HttpClient(app.url).post('/api/auth/login', { email: client.user!.email, password: 'nope-nope-nope' });
    const unknown = await new HttpClient(app.url).post('/api/auth/login', { email: 'ghost@example.org', password: 'nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('a logged-out session cookie no longer works, even when replayed', async () => {
    const client = await newUser(app, 'Replay');
    const stolen = client.cookie!;
    await client.post('/api/auth/logout');
    const replay = new HttpClient(app.url);
    replay.cookie = stolen;
    expect((await replay.get('/api/me')).status).toBe(401);
  });

  it('changing the password revokes every other session and every API token but keeps this session', async () => {
    const tab1 = await newUser(app, 'Rotator');
    const tab2 = new HttpClient(app.url);
    await tab2.post('/api/auth/login', { email: tab1.user!.email, password: PASSWORD });
    expect((await tab2.get('/api/me')).status).toBe(200);
    const tokens = [(await tab1.post('/api/tokens', { name: 'one' })).body.token, (await tab1.post('/api/tokens', { name: 'two' })).body.token];
    const bots = tokens.map((token: string) => tab1.withToken(token));
    for (const bot of bots) expect((await bot.get('/api/me')).status).toBe(200);

    const bad = await tab1.post('/api/auth/password', { currentPassword: 'wrong-password', newPassword: 'a new long password' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('currentPassword');

    const ok = await tab1.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a new long password' });
    expect({ status: ok.status, body: ok.body }).toEqual({ status: 200, body: { revokedSessions: 1, revokedTokens: 2 } });
    expect((await tab1.get('/api/me')).status).toBe(200);
    expect((await tab2.get('/api/me')).status).toBe(401);
    for (const bot of bots) expectError(await bot.get('/api/me'), 401);
    expect(await app.prisma.apiToken.count({ where: { userId: tab1.user!.id, revokedAt: null } })).toBe(0);
    const audit = await app.prisma.auditEntry.findFirstOrThrow({ where: { actorId: tab1.user!.id, action: 'user.password_changed' } });
    expect(audit.after).toEqual({ revokedSessions: 1, revokedTokens: 2 });
    const old = await new HttpClient(app.url).post('/api/auth/login', { email: tab1.user!.email, password: PASSWORD });
    expect(old.status).toBe(401);
  });

  it('answers 429 after repeated failures for one account, even with the right password', async () => {
    const victim = await newUser(app, 'Target');
    const email = victim.user!.email;
    for (let i = 0; i < 3; i++) {
      const res = await new HttpClient(app.url).post('/api/auth/login', { email, password: `guess-${i}-guess` });
      expect(res.status).toBe(401);
    }
    const blocked = await new HttpClient(app.url).post('/api/auth/login', { email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers 429 after repeated failures from one address across accounts', async () => {
    // Five failures were spent above; the per-address limit here is 8.
    const before = await app.prisma.rateLimit.findUnique({ where: { key: 'login_ip:127.0.0.1' } });
    let status = 0;
    for (let i = 0; i < 10 && status !== 429; i++) {
      const res = await new HttpClient(app.url).post('/api/auth/login', { email: `nobody${i}@example.org`, password: 'x-x-x-x-x-x' });
      status = res.status;
    }
    expect(before?.points).toBeGreaterThan(0);
    expect(status).toBe(429);
  });
});

describe('API tokens', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('creates a token shown once, authenticates with it, lists it without the secret, and revokes it', async () => {
    const client = await newUser(app, 'Scripter');
    const created = await client.post('/api/tokens', { name: 'CI script' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^cbt_/);

    const bot = client.withToken(created.body.token);
    const me = await bot.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(client.user!.id);
    // Token writes need no Origin: there is no ambient credential to forge.
    expect((await bot.post('/api/workspaces', { name: 'From a script' })).status).toBe(201);

    const list = await client.get('/api/tokens');
    expect(list.body).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    const stored = await app.prisma.apiToken.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(stored.tokenHash).not.toContain(created.body.token);

    expect((await client.delete(`/api/tokens/${created.body.id}`)).status).toBe(204);
    const after = await bot.get('/api/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('cannot revoke somebody else’s token', async () => {
    const alice = await newUser(app, 'Alice');
    const mallory = await newUser(app, 'Mallory');
    const token = await alice.post('/api/tokens', { name: 'mine' });
    expect((await mallory.delete(`/api/tokens/${token.body.id}`)).status).toBe(404);
    expect((await alice.withToken(token.body.token).get('/api/me')).status).toBe(200);
  });

  it(`holds at most ${MAX_LIVE_TOKENS} live tokens a user, even asked for at once; a revoked or expired one frees its place`, async () => {
    const client = await newUser(app, 'Hoarder');
    const replies = await Promise.all(Array.from({ length: MAX_LIVE_TOKENS + 5 }, (_, i) => client.post('/api/tokens', { name: `t${i}` })));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(MAX_LIVE_TOKENS);
    for (const refused of replies.filter((r) => r.status !== 201)) expectError(refused, 400, 'name');
    expect((await client.get('/api/tokens')).body).toHaveLength(MAX_LIVE_TOKENS);

    const [first, second] = replies.filter((r) => r.status === 201) as [Reply, Reply];
    expect((await client.delete(`/api/tokens/${first.body.id}`)).status).toBe(204);
    expect((await client.post('/api/tokens', { name: 'after a revoke' })).status).toBe(201);
    await app.prisma.apiToken.update({ where: { id: second.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await client.post('/api/tokens', { name: 'after an expiry' })).status).toBe(201);
    expectError(await client.post('/api/tokens', { name: 'one too many' }), 400, 'name');

    // The cap is each user's own.
    expect((await (await newUser(app, 'Other')).post('/api/tokens', { name: 'theirs' })).status).toBe(201);
  });
});

describe('what only a session may do', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('an API token cannot mint tokens: 403, and no token is stored', async () => {
    const person = await newUser(app, 'Minter');
    const bot = person.withToken((await person.post('/api/tokens', { name: 'leaked' })).body.token);
    const res = await bot.post('/api/tokens', { name: 'replacement' });
    expectError(res, 403);
    expect(res.body.error.message).toBe('Creating API tokens needs a signed-in session; an API token cannot do it');
    expect(await app.prisma.apiToken.count({ where: { userId: person.user!.id } })).toBe(1);
    // The token still works for everything else, and the session can still create tokens.
    expect((await bot.get('/api/tokens')).status).toBe(200);
    expect((await person.post('/api/tokens', { name: 'by the person' })).status).toBe(201);
  });

  it('an API token cannot change the password: 403, and the password stays', async () => {
    const person = await newUser(app, 'Keeper');
    const bot = person.withToken((await person.post('/api/tokens', { name: 'script' })).body.token);
    const res = await bot.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'taken over by a script' });
    expectError(res, 403);
    expect(res.body.error.message).toBe('Changing the password needs a signed-in session; an API token cannot do it');
    expect((await new HttpClient(app.url).post('/api/auth/login', { email: person.user!.email, password: PASSWORD })).status).toBe(200);
    expect((await bot.get('/api/me')).status).toBe(200);
  });
});

describe('one credential per request', () => {
  let app: TestApp;
  let person: HttpClient;
  beforeAll(async () => {
    app = await startTestApp();
    person = await newUser(app, 'Holder');
  });
  afterAll(() => app.close());

  it.each([
    ['an unknown bearer token', 'Bearer cbt_not-a-real-token'],
    ['a bearer value with a space', 'Bearer cbt_a cbt_b'],
    ['a bare "Bearer"', 'Bearer'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['an empty header', ''],
  ])('%s is a 401 even beside a valid session cookie', async (_name, header) => {
    expect((await person.get('/api/me')).status).toBe(200);
    const res = await person.request('GET', '/api/me', undefined, { authorization: header });
    expectError(res, 401);
  });

  // cookie-parser turns a value beginning with "j:" into parsed JSON.
  it.each(['j:1', 'j:{}', 'j:[1]', 'j:"x"', 'j:null'])('a session cookie %s is no credential (401)', async (value) => {
    const client = new HttpClient(app.url);
    client.cookie = `cb_session=${value}`;
    expectError(await client.get('/api/me'), 401);
    expectError(await client.get('/api/docs-json'), 401);
  });

  it('names what is wrong with a malformed header', async () => {
    const res = await person.request('GET', '/api/me', undefined, { authorization: 'Token abc' });
    expect(res.body.error.message).toBe('The Authorization header must be "Bearer <API token>"');
  });

  it('a cross-site write with a bogus bearer and the victim’s cookie writes nothing', async () => {
    const before = await app.prisma.workspace.count();
    const res = await person.request('POST', '/api/workspaces', { name: 'Forged' }, { authorization: 'Bearer x y', origin: 'https://evil.example' });
    expectError(res, 401);
    expect(await app.prisma.workspace.count()).toBe(before);
  });
});

describe('CSRF: Origin check on cookie-authenticated writes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ ALLOWED_ORIGINS: 'http://localhost:5173' });
  });
  afterAll(() => app.close());

  it('accepts the app’s own origin and configured ones, refuses others', async () => {
    const client = await newUser(app, 'Browser');
    expect((await client.withOrigin(TEST_ORIGIN).post('/api/workspaces', { name: 'Own origin' })).status).toBe(201);
    expect((await client.withOrigin('http://localhost:5173').post('/api/workspaces', { name: 'Dev server' })).status).toBe(201);

    const evil = await client.withOrigin('https://evil.example').post('/api/workspaces', { name: 'Forged' });
    expect(evil.status).toBe(403);
    expect(evil.body.error.code).toBe('FORBIDDEN');
    const crossSite = await client.request('POST', '/api/workspaces', { name: 'Forged' }, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);

    const names = (await client.get('/api/workspaces')).body.map((w: { name: string }) => w.name);
    expect(names.sort()).toEqual(['Dev server', 'Own origin']);
  });

  // Every route the check guards, reached by another spelling of its path: the router must not
  // run a handler the check did not see (logout has no body, as a form or fetch from a
  // same-site page could send).
  it.each([
    ['/%61pi/auth/logout', 404],
    ['/api/%61uth/logout', 403],
    ['/API/auth/logout', 403],
    ['/Api/Auth/Logout/', 403],
  ])('refuses a cross-origin write to %s (%d) and leaves the session alone', async (path, status) => {
    const client = await newUser(app, 'Spelled');
    const res = await client.request('POST', path, undefined, { origin: 'https://evil.example' });
    expectError(res, status);
    expect((await client.get('/api/me')).status).toBe(200);
  });

  it('refuses a cross-origin login (login CSRF)', async () => {
    const res = await new HttpClient(app.url, { origin: 'https://evil.example' }).post('/api/auth/login', {
      email: 'a@example.org',
      password: 'whatever-long',
    });
    expect(res.status).toBe(403);
  });
});

describe('cookies behind https', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ PUBLIC_URL: 'https://desk.example.org' });
  });
  afterAll(() => app.close());

  it('marks the session cookie Secure when the public URL is https', async () => {
    const client = new HttpClient(app.url, { origin: 'https://desk.example.org' });
    const res = await client.post('/api/auth/register', { email: 'secure@example.org', password: PASSWORD, displayName: 'Secure' });
    expect(res.status).toBe(201);
    expect(res.headers.getSetCookie()[0]).toMatch(/;\s*Secure/i);
  });
});
