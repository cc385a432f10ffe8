import { io } from 'socket.io-client';
import { SESSION_PREFIX } from '../src/auth/credentials.service';
import { hashSecret, newSecret } from '../src/auth/secrets';
import { HttpClient, newUser } from './support/http-client';
import { connect, connected, type LiveSocket } from './support/live-client';
import { startTestApp, type TestApp } from './support/test-app';

const disconnection = (socket: LiveSocket) => new Promise<string>((resolve) => socket.once('disconnect', resolve));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('an open socket lasts no longer than its session', () => {
  let app: TestApp;
  const sockets: LiveSocket[] = [];
  const open = async (client: HttpClient, options: { token?: string } = {}) => {
    const socket = connect(app.url, client, options);
    sockets.push(socket);
    await connected(socket);
    return socket;
  };
  beforeAll(async () => {
    // The default re-check interval (30 s) is far beyond these tests: only the expiry timer can act in time.
    app = await startTestApp();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.close();
  });

  it('is disconnected when its session expires, each at its own time, while a live session’s socket stays', async () => {
    const person = await newUser(app, 'Shortlived');
    const sessionFor = async (ms: number) => {
      const secret = newSecret(SESSION_PREFIX);
      await app.prisma.session.create({ data: { userId: person.user!.id, tokenHash: hashSecret(secret), expiresAt: new Date(Date.now() + ms) } });
      const client = new HttpClient(app.url);
      client.cookie = `cb_session=${secret}`;
      return client;
    };
    // The later one connects first: the earlier expiry, tracked second, still comes first.
    const later = await open(await sessionFor(3_000));
    const expiring = await sessionFor(1_500);
    const doomed = await open(expiring);
    const lasting = await open(person);

    const started = Date.now();
    expect(await disconnection(doomed)).toBe('io server disconnect');
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(later.connected).toBe(true);
    expect((await expiring.get('/api/me')).status).toBe(401);
    expect(await disconnection(later)).toBe('io server disconnect');
    expect(Date.now() - started).toBeLessThan(5_000);
    await sleep(200);
    expect(lasting.connected).toBe(true);
  });
});

describe('open sockets re-check their credential', () => {
  let app: TestApp;
  const sockets: LiveSocket[] = [];
  const open = async (client: HttpClient, options: { token?: string } = {}) => {
    const socket = connect(app.url, client, options);
    sockets.push(socket);
    await connected(socket);
    return socket;
  };
  beforeAll(async () => {
    app = await startTestApp({ SOCKET_RECHECK_SECONDS: '1' });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.close();
  });

  it('ends a socket whose session was expired in the database, and one whose token was revoked there', async () => {
    const person = await newUser(app, 'Moved');
    const other = await newUser(app, 'Bystander');
    const token = (await person.post('/api/tokens', { name: 'script' })).body;
    const bySession = await open(person);
    const byToken = await open(person, { token: token.token });
    const bystander = await open(other);

    // Changed behind the app's back: no event announces either.
    await app.prisma.session.updateMany({ where: { userId: person.user!.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    await app.prisma.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });

    const reasons = await Promise.race([
      Promise.all([disconnection(bySession), disconnection(byToken)]),
      sleep(5_000).then(() => ['still connected']),
    ]);
    expect(reasons).toEqual(['io server disconnect', 'io server disconnect']);
    expect(bystander.connected).toBe(true);
  });
});

describe('a socket presents exactly one credential', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it.each([
    ['a token that is not a string', 12345],
    ['an empty token', ''],
    ['an unknown token', 'cbt_not-a-real-token'],
  ])('%s is refused even with a valid session cookie', async (_name, token) => {
    const person = await newUser(app, 'Holder');
    const socket = io(app.url, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { token },
      extraHeaders: { cookie: person.cookie! },
    });
    try {
      const error = await new Promise<Error>((resolve, reject) => {
        socket.once('connect_error', resolve);
        socket.once('connect', () => reject(new Error('connected')));
      });
      expect(error.message).toBe('UNAUTHENTICATED');
    } finally {
      socket.disconnect();
    }
  });
});
