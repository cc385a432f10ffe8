// Live fan-out benchmark. Run by hand, never by the tests:
//   npm run bench                 (at the root: installs, builds everything, then runs every benchmark, this one too)
//   pnpm --filter @corroborate/api bench:fanout   (runs this one against the API as last built)
// Needs PostgreSQL (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres);
// creates a scratch database and drops it at the end. Everything listens on 127.0.0.1 only.
// Each server runs in a process of its own, as it would be deployed (the API as `node
// dist/main.js`, the floor and the peer in peer-process.ts); the writers run in this process and
// the receiving clients in another (clients.ts). With Redis (BENCH_REDIS_URL, default
// redis://127.0.0.1:6379) the API's rows are measured again across two API processes: the writer
// on one, every client on the other. Catch-up is read from an API process of its own.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import net from 'node:net';
import { startApiProcess } from '../apps/api/test/support/api-process';
import { ARTICLE } from '../apps/api/test/support/fixture-article';
import { apiRoot, builtApi, connect, hocuspocus, largest, machine, now, open, percentile, quantiles, requireApi, runBench, scratchDatabase, sleep, startPeer, type FromClients, type ToClients } from './common';

const { applyMigrations } = builtApi();
const { Client } = requireApi('pg') as typeof import('pg');

// Clients per server (per room), one row each.
const CLIENT_COUNTS = (process.env.BENCH_CLIENTS ?? '50,200,500').split(',').map(Number);
if (CLIENT_COUNTS.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`BENCH_CLIENTS: a comma-separated list of client counts, not ${process.env.BENCH_CLIENTS}`);
// p99 targets of our write paths by client count, ms (none for other counts).
const P99_TARGETS: Record<number, number> = { 50: 30, 200: 100 };
const WARMUP = 20;
// Enough writes that p99 rests on ten of them, not two.
const CREATES = Number(process.env.BENCH_CREATES ?? 1000);
const CATCH_UP = 1_000;

// Enough rejoins that p95 rests on three of them, not on the second slowest of twenty.
const CATCH_UP_RUNS = 60;
const READERS = 10; // distinct users behind the clients (several tabs each)
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether something listens at the Redis URL's host and port. */
function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379), timeout: 1_000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true)).once('error', () => done(false)).once('timeout', () => done(false));
  });
}

const ms = (v: number) => v.toFixed(1).padStart(7);

/** A signed-in API user (cookie session), like a browser tab. */
class User {
  cookie = '';
  id = '';
  constructor(private readonly url: string) {}
  async call<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}${route}`, {
      method,
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('cb_session='));
    if (set) this.cookie = set.split(';')[0]!;
    if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }
  static async register(url: string, name: string): Promise<User> {
    const user = new User(url);
    const { user: me } = await user.call<{ user: { id: string } }>('POST', '/api/auth/register', { email: `${name}.${randomUUID().slice(0, 8)}@bench.test`, password: 'bench password 123', displayName: name });
    user.id = me.id;
    return user;
  }
}

/** The clients process (clients.ts): it connects the clients and reports each event once all of them have it. */
class Clients {
  private readonly child = fork(path.join(__dirname, 'clients.ts'), [], { cwd: apiRoot, execArgv: ['--import', 'tsx'] });
  private readonly waiting = new Map<string, (times: number[]) => void>();
  private pending?: { resolve: (m: FromClients) => void; reject: (e: Error) => void };
  constructor() {
    this.child.on('message', (m: FromClients) => {
      if (m.type === 'event') {
        this.waiting.get(m.id)?.(m.times);
        this.waiting.delete(m.id);
      } else if (m.type === 'error') this.pending?.reject(new Error(`clients process: ${m.message}`));
      else this.pending?.resolve(m);
    });
    this.child.on('exit', (code) => this.pending?.reject(new Error(`clients process exited (${code})`)));
  }
  /** Receipt times (epoch ms, see `now`) of event `id` by every client. */
  expect(id: string): Promise<number[]> {
    return new Promise((done) => this.waiting.set(id, done));
  }
  /** Sends a command and waits for its answer (`ready`, `disconnected` or `rejoined`). */
  request(message: ToClients): Promise<FromClients> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.child.send(message);
    });
  }
  close(): void {
    this.child.kill();
  }
}

interface Run {
  latencies: number[]; // per client receipt
  writes: number[]; // POST round trip, per write
  spreads: number[]; // last receipt − first receipt, per write: the cost of the fan-out itself
}

type Write = (id: string, i: number) => Promise<void>;

/**
 * The writer's sockets for every socket write of the run. The API refuses a socket more than
 * 1,000 writes per 10 s (WRITES_PER_10S in live.gateway.ts), and one writer alternating with the
 * other servers can go faster than that: each socket sends at most 900, then the next one takes
 * over (all opened beforehand, so no connection is timed).
 */
async function socketWriters(url: string, cookie: string) {
  const writes = (WARMUP + CREATES) * CLIENT_COUNTS.length;
  const sockets = await Promise.all(Array.from({ length: Math.ceil(writes / 900) }, () => open(url, cookie)));
  let sent = 0;
  return {
    next: () => sockets[Math.min(Math.floor(sent++ / 900), sockets.length - 1)]!,
    close: () => sockets.forEach((socket) => socket.disconnect()),
  };
}

/**
 * Sequential writes, alternating between the servers (which goes first alternates too), so
 * that whatever else the machine is doing weighs on all alike. Each write waits until every
 * client of its server has the event. Latency = receipt − just before the POST.
 */
async function measure(count: number, clients: Clients, writers: Record<string, Write>): Promise<Record<string, Run>> {
  const runs: Record<string, Run> = Object.fromEntries(Object.keys(writers).map((label) => [label, { latencies: [], writes: [], spreads: [] }]));
  const entries = Object.entries(writers);
  for (let i = 0; i < WARMUP + CREATES; i++) {
    for (const [label, write] of i % 2 ? [...entries].reverse() : entries) {
      const id = randomUUID();
      const all = clients.expect(id);
      const t0 = now();
      await write(id, i);
      const written = now();
      const times = await Promise.race([all, sleep(10_000).then(() => Promise.reject(new Error(`${label}: event ${i} did not reach all ${count} clients in 10 s`)))]);
      if (i < WARMUP) continue;
      const run = runs[label]!;
      run.latencies.push(...times.map((t) => t - t0));
      run.writes.push(written - t0);
      run.spreads.push(Math.max(...times) - Math.min(...times));
    }
  }
  return runs;
}

/** Percentiles of each server's latencies, each sorted once (see quantiles). */
function latencyPercentiles(results: Record<string, { latencies: number[] }>): (label: string, q: number) => number {
  const sorted = new Map(Object.entries(results).map(([label, run]) => [label, quantiles(run.latencies)]));
  return (label, q) => sorted.get(label)!(q);
}

async function main(): Promise<void> {
  console.log(`Machine: ${machine()}`);
  console.log(`Date: ${new Date().toISOString()}\n`);
  const db = await scratchDatabase();
  const dbUrl = db.url;
  const cleanups: (() => Promise<unknown>)[] = [db.drop];
  try {
    const clients = new Clients();
    cleanups.unshift(async () => clients.close());
    await applyMigrations(dbUrl);
    // Every server in a process of its own: in one process, each one's collections (of a heap
    // holding all five servers' sockets and documents) fell on whichever write was in flight,
    // more often on the longer ones.
    const api = await startApiProcess(dbUrl, { NODE_ENV: 'production', LOG_LEVEL: 'silent' });
    cleanups.unshift(() => api.stop());
    const apiUrl = api.url;
    const bare = await startPeer('bare', dbUrl);
    cleanups.unshift(() => bare.close());
    // The peer: Hocuspocus in memory only, and storing the document in PostgreSQL on every change.
    const hocusMemory = await startPeer('hocuspocus');
    cleanups.unshift(() => hocusMemory.close());
    const hocusStored = await startPeer('hocuspocus', dbUrl);
    cleanups.unshift(() => hocusStored.close());

    const writer = await User.register(apiUrl, 'Writer');
    const { id: workspaceId } = await writer.call<{ id: string }>('POST', '/api/workspaces', { name: 'Bench desk' });
    const readers = await Promise.all(Array.from({ length: READERS }, (_, i) => User.register(apiUrl, `Reader${i}`)));
    for (const r of readers) await writer.call('POST', `/api/workspaces/${workspaceId}/members`, { email: (await r.call<{ user: { email: string } }>('GET', '/api/me')).user.email, role: 'analyst' });
    const article = await writer.call<{ id: string; revision: { text: string } }>('POST', `/api/workspaces/${workspaceId}/articles`, { title: 'Bench', text: ARTICLE.text });
    const words = [...article.revision.text.matchAll(/\w{4,}/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));

    const apiWrite = async (id: string, i: number) => {
      await writer.call('POST', `/api/articles/${article.id}/annotations`, { id, motivation: 'highlighting', target: { selector: { type: 'TextPositionSelector', ...words[i % words.length]! } } });
    };
    // The same create as a socket write (`annotation:create`, answered in an ack) from the
    // writer's own socket, which is not in the article: as the web client sends claim, evidence and comment writes.
    const writerSockets = await socketWriters(apiUrl, writer.cookie);
    cleanups.unshift(async () => writerSockets.close());
    const socketWrite = async (id: string, i: number) => {
      const ack = await writerSockets.next().timeout(10_000).emitWithAck('annotation:create', {
        articleId: article.id,
        body: { id, motivation: 'highlighting', target: { selector: { type: 'TextPositionSelector', ...words[i % words.length]! } } },
      });
      if (!ack.ok) throw new Error(`socket write: ${JSON.stringify(ack)}`);
    };
    // A Hocuspocus change is one Y.Map entry, keyed by the write's id, whose value is our annotation
    // create's JSON body as the API answers it (the same size: only the id differs, and ids have one length).
    const sample = await writer.call<{ id: string }>('POST', `/api/articles/${article.id}/annotations`, {
      id: randomUUID(),
      motivation: 'highlighting',
      target: { selector: { type: 'TextPositionSelector', ...words[0]! } },
    });
    const sampleJson = JSON.stringify(sample);
    const entry = (id: string) => sampleJson.replaceAll(sample.id, id);
    console.log(`Hocuspocus entry: ${Buffer.byteLength(sampleJson)} bytes (the JSON of an annotation create's answer)\n`);
    type Peer = Awaited<ReturnType<typeof hocuspocus>>;
    /** Sets the entry, then waits for the server's acknowledgement (its sync status message). */
    const peerWrite = ({ provider, map }: Peer) => async (id: string) => {
      const acked = new Promise<void>((resolve) => {
        const settled = ({ number }: { number: number }) => {
          if (number > 0) return;
          provider.off('unsyncedChanges', settled);
          resolve();
        };
        provider.on('unsyncedChanges', settled);
      });
      map.set(id, entry(id));
      await acked;
    };
    // The floor stores and broadcasts the same annotation as our create answers and announces:
    // a fan-out's cost grows with the bytes each client is sent, and a bare request is a seventh of them.
    const bareWrite = async (id: string) => {
      const res = await fetch(`${bare.url}/write`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: entry(id) });
      if (res.status !== 201) throw new Error(`bare write: ${res.status}`);
      await res.text();
    };

    const REST = 'API, REST write';
    const SOCKET = 'API, socket write';
    const BARE = 'bare socket.io + pg';
    const HOCUS = 'Hocuspocus, in memory';
    const HOCUS_PG = 'Hocuspocus, pg every change';
    const rows: string[] = [];
    const verdicts: string[] = [];
    const storeCounts: string[] = [];
    for (const count of CLIENT_COUNTS) {
      // A new document per row, as the API's clients join the article anew: each row starts empty.
      const document = `bench-${count}-${randomUUID().slice(0, 8)}`;
      await clients.request({ type: 'connect', kind: 'socket.io', url: apiUrl, cookies: readers.map((r) => r.cookie), count, articleId: article.id });
      await clients.request({ type: 'connect', kind: 'socket.io', url: bare.url, cookies: [], count, articleId: article.id });
      await clients.request({ type: 'connect', kind: 'hocuspocus', url: hocusMemory.url, count, document });
      await clients.request({ type: 'connect', kind: 'hocuspocus', url: hocusStored.url, count, document });
      // The Hocuspocus writers: one provider each, in this process (as the API's writer is).
      const storedBefore = await hocusStored.stores();
      const peers = [await hocuspocus(hocusMemory.url, document), await hocuspocus(hocusStored.url, document)] as const;
      const results = await measure(count, clients, {
        [REST]: apiWrite,
        [SOCKET]: socketWrite,
        [BARE]: bareWrite,
        [HOCUS]: peerWrite(peers[0]),
        [HOCUS_PG]: peerWrite(peers[1]),
      });
      for (const peer of peers) peer.close();
      const changes = WARMUP + CREATES;
      storeCounts.push(`${count} clients: ${(await hocusStored.stores()) - storedBefore} stores for ${changes} changes`);
      await clients.request({ type: 'disconnect' });
      await sleep(500);
      const p = latencyPercentiles(results);
      for (const [label, run] of Object.entries(results)) {
        const v = run.latencies;
        rows.push(
          `| ${String(count).padStart(7)} | ${label.padEnd(27)} | ${ms(p(label, 50))} | ${ms(p(label, 95))} | ${ms(p(label, 99))} | ${ms(largest(v))} | ${ms(percentile(run.writes, 50))} | ${ms(percentile(run.spreads, 50))} | ${ms(percentile(run.spreads, 99))} |`,
        );
      }
      for (const [base, name] of [[BARE, 'bare'], [HOCUS, 'Hocuspocus']] as const) {
        for (const label of [REST, SOCKET]) {
          const ratio = (q: number) => (p(label, q) / p(base, q)).toFixed(2).padStart(7);
          rows.push(`| ${String(count).padStart(7)} | ${`ratio ${label.split(' ')[1]} / ${name}`.padEnd(27)} | ${ratio(50)} | ${ratio(95)} | ${ratio(99)} |         |         |         |         |`);
        }
      }
      const x = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
      for (const label of [REST, SOCKET]) {
        const p99 = p(label, 99);
        const limit = P99_TARGETS[count];
        if (limit) verdicts.push(`${label}: p99 at ${count} clients: ${p99.toFixed(1)} ms, target < ${limit} ms: ${p99 < limit ? 'MET' : 'MISSED'}`);
        for (const q of label === SOCKET ? [50, 99] : [99]) {
          verdicts.push(`${label}: p${q} at ${count} clients vs bare server: ${x(p(label, q), p(BARE, q))}, target <= 1.2x: ${p(label, q) / p(BARE, q) <= 1.2 ? 'MET' : 'MISSED'}`);
        }
      }
      verdicts.push(
        `${SOCKET}: p99 at ${count} clients vs ${HOCUS}: ${p(SOCKET, 99).toFixed(1)} vs ${p(HOCUS, 99).toFixed(1)} ms (${x(p(SOCKET, 99), p(HOCUS, 99))}), target no slower: ${p(SOCKET, 99) <= p(HOCUS, 99) ? 'MET' : 'MISSED'}`,
      );
    }
    console.log(`Fan-out: ${CREATES} sequential creates per server (after ${WARMUP} warm-up), latency from just before the write is sent to receipt by each client, in ms.`);
    console.log('"write" is the write round trip (POST, socket emit to ack, or Hocuspocus update to its sync status); "spread" is last receipt minus first receipt of one event (the fan-out alone).');
    console.log('| clients | server                      |     p50 |     p95 |     p99 |     max |write p50| spread50| spread99|');
    console.log('|--------:|-----------------------------|--------:|--------:|--------:|--------:|--------:|--------:|--------:|');
    console.log(rows.join('\n'));
    console.log(`${HOCUS_PG}: ${storeCounts.join('; ')} (each store is the whole document's state).`);

    // Two API processes sharing live events through Redis, as a deployment with replicas runs:
    // the writer writes to one, every client listens on the other.
    if (await reachable(REDIS_URL)) {
      const env = { NODE_ENV: 'production', LOG_LEVEL: 'silent', REDIS_URL, REDIS_PREFIX: `bench-${randomUUID().slice(0, 8)}` };
      const [writing, listening] = await Promise.all([startApiProcess(dbUrl, env), startApiProcess(dbUrl, env)]);
      cleanups.unshift(() => writing.stop(), () => listening.stop());
      const writerThere = Object.assign(new User(writing.url), { cookie: writer.cookie, id: writer.id });
      const socketsThere = await socketWriters(writing.url, writer.cookie);
      cleanups.unshift(async () => socketsThere.close());
      const TWO_REST = 'API ×2 via Redis, REST';
      const TWO_SOCKET = 'API ×2 via Redis, socket';
      const twoRows: string[] = [];
      for (const count of CLIENT_COUNTS) {
        // The floor and the peer alternate with them again, which also paces the writes as above.
        const document = `bench-2p-${count}-${randomUUID().slice(0, 8)}`;
        await clients.request({ type: 'connect', kind: 'socket.io', url: listening.url, cookies: readers.map((r) => r.cookie), count, articleId: article.id });
        await clients.request({ type: 'connect', kind: 'socket.io', url: bare.url, cookies: [], count, articleId: article.id });
        await clients.request({ type: 'connect', kind: 'hocuspocus', url: hocusMemory.url, count, document });
        const peer = await hocuspocus(hocusMemory.url, document);
        const results = await measure(count, clients, {
          [BARE]: bareWrite,
          [HOCUS]: peerWrite(peer),
          [TWO_REST]: async (id, i) => {
            await writerThere.call('POST', `/api/articles/${article.id}/annotations`, { id, motivation: 'highlighting', target: { selector: { type: 'TextPositionSelector', ...words[i % words.length]! } } });
          },
          [TWO_SOCKET]: async (id, i) => {
            const ack = await socketsThere.next().timeout(10_000).emitWithAck('annotation:create', {
              articleId: article.id,
              body: { id, motivation: 'highlighting', target: { selector: { type: 'TextPositionSelector', ...words[i % words.length]! } } },
            });
            if (!ack.ok) throw new Error(`socket write: ${JSON.stringify(ack)}`);
          },
        });
        peer.close();
        await clients.request({ type: 'disconnect' });
        await sleep(500);
        const p = latencyPercentiles(results);
        for (const [label, run] of Object.entries(results)) {
          const v = run.latencies;
          twoRows.push(
            `| ${String(count).padStart(7)} | ${label.padEnd(27)} | ${ms(p(label, 50))} | ${ms(p(label, 95))} | ${ms(p(label, 99))} | ${ms(largest(v))} | ${ms(percentile(run.writes, 50))} | ${ms(percentile(run.spreads, 50))} | ${ms(percentile(run.spreads, 99))} |`,
          );
          const limit = P99_TARGETS[count];
          const p99 = p(label, 99);
          if (limit && label.startsWith('API')) verdicts.push(`${label} write: p99 at ${count} clients: ${p99.toFixed(1)} ms, target < ${limit} ms: ${p99 < limit ? 'MET' : 'MISSED'}`);
        }
        for (const [base, name] of [[BARE, 'bare'], [HOCUS, 'Hocuspocus']] as const) {
          const ratio = (q: number) => (p(TWO_SOCKET, q) / p(base, q)).toFixed(2).padStart(7);
          twoRows.push(`| ${String(count).padStart(7)} | ${`×2 socket / ${name}`.padEnd(27)} | ${ratio(50)} | ${ratio(95)} | ${ratio(99)} |         |         |         |         |`);
        }
      }
      console.log(`\nThe same, across two API processes (${REDIS_URL}): writes to one, ${CLIENT_COUNTS.join('/')} clients on the other, ms (the floor and the peer as one process each, alternating).`);
      console.log('| clients | server                      |     p50 |     p95 |     p99 |     max |write p50| spread50| spread99|');
      console.log('|--------:|-----------------------------|--------:|--------:|--------:|--------:|--------:|--------:|--------:|');
      console.log(twoRows.join('\n'));
    } else {
      console.log(`\n(No Redis at ${REDIS_URL}: the two-process rows were not measured.)`);
    }

    // Catch-up: batches of CATCH_UP events, copies of a real annotation.created event (a comment
    // whose note is written as analysts write, typographic quotes and dash included: one such
    // character in a batch made its whole text two bytes per character, see asciiJson), read
    // back from a fresh API process of its own (production settings, no Redis): the one above
    // holds what thousands of clients left in its heap, whose collections (tens of ms on a few
    // hundred MiB) would be counted as catch-up time.
    await writer.call('POST', `/api/articles/${article.id}/annotations`, {
      motivation: 'commenting',
      body: 'Who says “cleaner”? The report’s figures are from 2019 — check them.',
      target: { selector: { type: 'TextPositionSelector', ...words[1]! } },
    });
    const catchUpApi = await startApiProcess(dbUrl, { NODE_ENV: 'production', LOG_LEVEL: 'silent' });
    cleanups.unshift(() => catchUpApi.stop());
    const pg = new Client({ connectionString: dbUrl });
    await pg.connect();
    cleanups.unshift(() => pg.end());
    const { rows: [{ last_seq: first }] } = await pg.query<{ last_seq: number }>('SELECT last_seq FROM articles WHERE id = $1', [article.id]);
    /** Commits CATCH_UP events after the article's last; `unheard`: without their notifications, as if committed before this process started. */
    const commitBatch = async (unheard = false): Promise<number> => {
      await pg.query('BEGIN');
      if (unheard) await pg.query('SET LOCAL session_replication_role = replica'); // no triggers, so no NOTIFY
      const { rows: [{ last_seq: since }] } = await pg.query<{ last_seq: number }>('UPDATE articles SET last_seq = last_seq + $2 WHERE id = $1 RETURNING last_seq - $2 AS last_seq', [article.id, CATCH_UP]);
      await pg.query(
        `INSERT INTO article_events (article_id, seq, type, actor_id, data, at)
         SELECT article_id, $2::int + n, type, actor_id, data, now() FROM article_events, generate_series(1, $3::int) n
         WHERE article_id = $1 AND seq = $4`,
        [article.id, since, CATCH_UP, first],
      );
      await pg.query('COMMIT');
      return since;
    };
    // Rejoins by a client in a process of its own, as a real one is on a machine of its own and
    // parses its ack there: in the clients' process, the collections of what the fan-out's
    // thousands of clients left behind (5–16 ms each) fell inside the rejoins they overlapped.
    const rejoiner = new Clients();
    cleanups.unshift(async () => rejoiner.close());
    const rejoins = async (sinceSeq: number, runs = CATCH_UP_RUNS, url = catchUpApi.url) => {
      const answer = await rejoiner.request({ type: 'rejoin', url, cookie: readers[0]!.cookie, articleId: article.id, sinceSeq, runs, expect: CATCH_UP });
      if (answer.type !== 'rejoined') throw new Error(`unexpected ${answer.type}`);
      return answer.times;
    };
    // 1. A reader follows the article while the events are committed, as in a busy room.
    const watcher = await connect(catchUpApi.url, readers[1]!.cookie, article.id);
    let seen = 0;
    watcher.on('event', () => seen++);
    const busySince = await commitBatch();
    while (seen < CATCH_UP) await sleep(50);
    const viaMemory = await rejoins(busySince);
    // 2. Nobody follows it while they are committed: the process still hears them announced.
    watcher.disconnect();
    await sleep(500);
    const quietSince = await commitBatch();
    await sleep(1_000); // the announcements are relayed
    const viaQuiet = await rejoins(quietSince);
    // 3. Events this process never heard (committed before it started): the first client back
    // reads the log (a new batch each time), and the next ones have what it read from memory.
    const viaLog: number[] = [];
    let unheardSince = 0;
    for (let run = 0; run < CATCH_UP_RUNS; run++) {
      unheardSince = await commitBatch(true);
      viaLog.push(...(await rejoins(unheardSince, 1)));
    }
    const viaSeeded = await rejoins(unheardSince);
    const since = unheardSince;
    const viaHttp: number[] = [];
    const reader = Object.assign(new User(catchUpApi.url), { cookie: readers[0]!.cookie });
    for (let run = 0; run < CATCH_UP_RUNS; run++) {
      const t0 = performance.now();
      const events = await reader.call<unknown[]>('GET', `/api/articles/${article.id}/events?after=${since}`);
      viaHttp.push(performance.now() - t0);
      if (events.length !== CATCH_UP) throw new Error(`GET returned ${events.length} events`);
    }
    // The floor, right after: the same rejoins answered by a fresh bare socket.io server (the
    // same client, the same event's data) from objects it keeps, and from rows of its log table
    // (a new batch each time, as for "never heard").
    const bareCatchUp = await startPeer('bare', dbUrl);
    cleanups.unshift(() => bareCatchUp.close());
    const { rows: [model] } = await pg.query<{ type: string; actorId: string | null; data: unknown }>(
      'SELECT type, actor_id AS "actorId", data FROM article_events WHERE article_id = $1 AND seq = $2',
      [article.id, first],
    );
    const bareSeed = async (keep: boolean): Promise<number> => {
      const res = await fetch(`${bareCatchUp.url}/seed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...model, count: CATCH_UP, keep }) });
      if (res.status !== 200) throw new Error(`bare seed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { since: number }).since;
    };
    const bareMemory = await rejoins(await bareSeed(true), CATCH_UP_RUNS, bareCatchUp.url);
    const bareLog: number[] = [];
    for (let run = 0; run < CATCH_UP_RUNS; run++) bareLog.push(...(await rejoins(await bareSeed(false), 1, bareCatchUp.url)));

    console.log(`\nCatch-up of ${CATCH_UP} missed events (${CATCH_UP_RUNS} runs) from an API process of its own, and from the floor (a bare socket.io server), ms`);
    console.log('| path                                |     p50 |     p95 |     max |');
    console.log('|-------------------------------------|--------:|--------:|--------:|');
    for (const [label, v] of [
      ['floor: bare socket.io, from memory', bareMemory],
      ['floor: bare socket.io + pg, its log', bareLog],
      ['article:join, others follow', viaMemory],
      ['article:join, nobody followed', viaQuiet],
      ['article:join, never heard', viaLog],
      ['article:join, next ones back', viaSeeded],
      ['GET /events?after=', viaHttp],
    ] as const) {
      console.log(`| ${label.padEnd(35)} | ${ms(percentile(v, 50))} | ${ms(percentile(v, 95))} | ${ms(largest(v))} |`);
      if (label.startsWith('floor')) continue; // the floors have no target of their own
      // A rejoining client's target is 25 ms; the HTTP read is for clients without a socket.
      const limit = label.startsWith('article:join') ? 25 : 300;
      verdicts.push(`catch-up via ${label} p95: ${percentile(v, 95).toFixed(1)} ms, target < ${limit} ms: ${percentile(v, 95) < limit ? 'MET' : 'MISSED'}`);
    }
    console.log(`\nTargets:\n${verdicts.map((v) => `- ${v}`).join('\n')}`);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((e) => console.error('cleanup:', e));
  }
}

runBench(main);
