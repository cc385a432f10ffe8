import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { Client } from 'pg';
import { createClient } from 'redis';
import { HttpClient, newUser, newWorkspace } from './support/http-client';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { createTestDatabase } from './support/database';
import { connect, connected, join } from './support/live-client';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const GRACE_MS = 10_000;
/** How long the slow upload keeps its request open after SIGTERM. */
const SLOW_FOR_MS = 1_500;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A POST whose body arrives in two parts: `finish()` sends the rest whenever the test says. */
function slowUpload(url: string, cookie: string, body: string) {
  let finish!: () => void;
  const answer = new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', cookie } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    finish = () => req.end(body.slice(half));
  });
  return { answer, finish: () => finish() };
}

/** GET over one kept-alive connection, like a load balancer's pool: the answer's status and Connection header. */
function overKeptConnection(agent: http.Agent, url: string, cookie: string) {
  return new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
    http
      .get(url, { agent, headers: { cookie } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
      })
      .on('error', reject);
  });
}

/** A request whose head is sent in two parts over its own connection; resolves with the raw answer. */
function slowHead(port: number, path: string) {
  const socket = net.connect(port, '127.0.0.1');
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
  let raw = '';
  socket.on('data', (chunk) => (raw += chunk.toString()));
  const answer = new Promise<string>((resolve) => socket.on('close', () => resolve(raw)));
  return { answer, finish: () => socket.write('\r\n') };
}

describe('SIGTERM', () => {
  const prefix = `cb-test-${randomUUID()}`;
  let db: { url: string; drop: () => Promise<void> };
  let api: ApiProcess;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApiProcess(db.url, { REDIS_URL, REDIS_PREFIX: prefix, SHUTDOWN_GRACE_MS: String(GRACE_MS) });
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    await redis.del(prefix);
    await redis.quit();
  });

  it('lets writes and a slow upload in flight finish, answers no 5xx, loses no acknowledged write and exits 0', async () => {
    const owner = await newUser(api, 'Writer');
    const ws = await newWorkspace(owner);
    const text = 'Graceful shutdown keeps every acknowledged write. '.repeat(40);
    const article = await owner.post(`/api/workspaces/${ws}/articles`, { title: 'Before', text });
    expect(article.status).toBe(201);
    const articleId = article.body.id as string;

    const live = connect(api.url, owner);
    await connected(live);
    expect(await join(live, articleId)).toMatchObject({ ok: true });
    const dropped = new Promise<string>((resolve) => live.once('disconnect', resolve));

    // Writers: each on its own keep-alive connection, writing until this process refuses them.
    const acknowledged: string[] = [];
    const serverErrors: unknown[] = [];
    const writers = Array.from({ length: 3 }, async (_, w) => {
      const client = new HttpClient(api.url);
      client.cookie = owner.cookie;
      for (let i = 0; ; i++) {
        const id = randomUUID();
        const start = (w * 300 + i) % (text.length - 10);
        try {
          const res = await client.post(`/api/articles/${articleId}/annotations`, {
            id,
            motivation: 'highlighting',
            target: { selector: { type: 'TextPositionSelector', start, end: start + 8 } },
          });
          if (res.status === 201) acknowledged.push(id);
          else if (res.status >= 500) serverErrors.push({ status: res.status, body: res.body });
        } catch {
          return i; // The connection was refused or closed: this process takes no more requests.
        }
      }
    });

    const upload = slowUpload(
      `${api.url}/api/workspaces/${ws}/articles`,
      owner.cookie!,
      JSON.stringify({ title: 'Uploaded during shutdown', text: 'A long import, sent slowly. '.repeat(2_000) }),
    );
    const probe = slowHead(Number(new URL(api.url).port), '/api/health/ready');
    const balancer = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect(await overKeptConnection(balancer, `${api.url}/api/me`, owner.cookie!)).toEqual({ status: 200, connection: 'keep-alive' });
    await sleep(500);
    const before = acknowledged.length;
    expect(before).toBeGreaterThan(0);

    const signalled = Date.now();
    api.child.kill('SIGTERM');
    await sleep(300);
    // A request on a connection that was idle at SIGTERM is still answered, and told to close it.
    expect(await overKeptConnection(balancer, `${api.url}/api/me`, owner.cookie!)).toEqual({ status: 200, connection: 'close' });
    await sleep(SLOW_FOR_MS - 300);
    probe.finish();
    upload.finish();

    const uploaded = await upload.answer;
    expect(uploaded.status).toBe(201);
    // A readiness check that reached the process before it stopped accepting is told it is going.
    expect(await probe.answer).toMatch(/^HTTP\/1\.1 503[\s\S]*"code":"UNAVAILABLE"[\s\S]*Shutting down/);
    expect(await dropped).toBe('transport close');
    await Promise.all(writers);

    const { code, signal } = await api.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(GRACE_MS);
    expect(serverErrors).toEqual([]);
    expect(api.output()).not.toMatch(/Cannot use a pool|ERROR|cut off/);

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const { rows } = await pg.query<{ id: string }>('SELECT id FROM annotations WHERE id = ANY($1::uuid[])', [acknowledged]);
      expect(rows.length).toBe(acknowledged.length);
      const stored = await pg.query('SELECT 1 FROM articles WHERE id = $1', [uploaded.body.id]);
      expect(stored.rowCount).toBe(1);
    } finally {
      await pg.end();
    }
    live.disconnect();
  }, 60_000);
});
