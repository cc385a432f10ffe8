import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createClient } from 'redis';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { createTestDatabase } from './support/database';
import { HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { connect, connected, join, waitFor, type LiveSocket } from './support/live-client';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The promise: after the writing process dies, the others' clients have every committed event this soon. */
const WITHIN_MS = 3_000;
const ROUNDS = 3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Two API processes over one database and Redis. Clients on the second watch an article while
 * writers hammer it through the first, which is killed (SIGKILL) mid-stream: whatever it had
 * committed must still reach the second's clients.
 */
describe('a writing process killed mid-stream', () => {
  const prefix = `cb-test-${randomUUID()}`;
  let db: { url: string; drop: () => Promise<void> };
  let survivor: ApiProcess;
  const processes: ApiProcess[] = [];
  const sockets: LiveSocket[] = [];
  const env = { REDIS_URL, REDIS_PREFIX: prefix };

  beforeAll(async () => {
    db = await createTestDatabase();
    survivor = await startApiProcess(db.url, env);
    processes.push(survivor);
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const p of processes) await p.stop();
    await db?.drop();
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    await redis.del(prefix);
    await redis.quit();
  });

  it(`leaves no committed event undelivered on the surviving process for more than ${WITHIN_MS / 1000} s`, async () => {
    const owner = await newUser(survivor, 'Owner');
    const ws = await newWorkspace(owner);
    const text = 'Every committed event reaches every connected client. '.repeat(40);
    const created = await owner.post(`/api/workspaces/${ws}/articles`, { title: 'Crash', text });
    expect(created.status).toBe(201);
    const articleId = created.body.id as string;

    const readers = await Promise.all([0, 1, 2].map(() => newMember(survivor, owner, ws, 'viewer')));
    /** The seqs each reader's socket has received. */
    const received: Set<number>[] = [];
    for (const reader of readers) {
      const socket = connect(survivor.url, reader);
      sockets.push(socket);
      await connected(socket);
      expect(await join(socket, articleId)).toMatchObject({ ok: true, seq: 0 });
      const seqs = new Set<number>();
      socket.on('event', (e) => seqs.add(e.seq));
      received.push(seqs);
    }

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const writer = await startApiProcess(db.url, env);
        processes.push(writer);
        const author = new HttpClient(writer.url);
        author.cookie = owner.cookie;

        let stop = false;
        let acknowledged = 0;
        const refused: unknown[] = [];
        const writers = Array.from({ length: 8 }, async (_, w) => {
          for (let i = 0; !stop; i++) {
            const start = (w * 97 + i * 13) % (text.length - 10);
            try {
              const res = await author.post(`/api/articles/${articleId}/annotations`, {
                motivation: 'highlighting',
                target: { selector: { type: 'TextPositionSelector', start, end: start + 6 } },
              });
              if (res.status === 201) acknowledged += 1;
              else refused.push({ status: res.status, body: res.body });
            } catch {
              return; // the process is gone
            }
          }
        });
        // Mid-stream: once writes flow, at a moment that differs from round to round.
        await waitFor(() => acknowledged >= 20, 20_000, 'writes to flow');
        await sleep(37 * round);
        writer.child.kill('SIGKILL');
        const killed = Date.now();
        stop = true;
        await Promise.all(writers);
        await writer.exited;
        expect(refused).toEqual([]);

        const { rows } = await pg.query<{ seq: number }>('SELECT seq FROM article_events WHERE article_id = $1 ORDER BY seq', [articleId]);
        const committed = rows.map((r) => r.seq);
        expect(committed.length).toBeGreaterThan(0);
        const missing = () => received.flatMap((seqs, reader) => committed.filter((seq) => !seqs.has(seq)).map((seq) => ({ reader, seq })));
        await waitFor(() => missing().length === 0, WITHIN_MS - (Date.now() - killed), `every committed event on the survivor (round ${round})`).catch(() => {
          throw new Error(`round ${round}: ${committed.length} committed, still missing ${WITHIN_MS} ms after the kill: ${JSON.stringify(missing().slice(0, 20))}`);
        });
      }
    } finally {
      await pg.end();
    }
  }, 120_000);
});
