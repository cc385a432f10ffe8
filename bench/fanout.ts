// Live fan-out benchmark. Run by hand, never by the tests:
//   npm run bench                 (at the root: installs, builds everything, then runs this)
//   pnpm --filter @corroborate/api bench   (runs this against the API as last built)
// Needs PostgreSQL (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres);
// creates a scratch database and drops it at the end. Everything listens on 127.0.0.1 only.
// The servers run in this process, the socket.io clients in a child process (clients.ts).
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ARTICLE } from '../apps/api/test/support/fixture-article';
import { startBareServer } from './bare-server';
import { apiRoot, connect, type FromClients, now, open, requireApi, sleep, type ToClients } from './common';

if (!fs.existsSync(path.join(apiRoot, 'dist/app.js'))) {
  console.error('Build the API first: npm run build (or pnpm --filter @corroborate/api build)');
  process.exit(2);
}
// The compiled API: Nest's injection needs the decorator metadata that tsc emits (tsx does not).
const { createApp } = requireApi('./dist/app') as typeof import('../apps/api/src/app');
const { loadConfig } = requireApi('./dist/infra/config/config.schema') as typeof import('../apps/api/src/infra/config/config.schema');
const { applyMigrations } = requireApi('./dist/infra/database/migrate') as typeof import('../apps/api/src/infra/database/migrate');
const { Client } = requireApi('pg') as typeof import('pg');

const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const CLIENT_COUNTS = [50, 200];
const WARMUP = 20;
// Enough writes that p99 rests on ten of them, not two.
const CREATES = Number(process.env.BENCH_CREATES ?? 1000);
const CATCH_UP = 1_000;

/** Math.max(...v) overflows the stack on a few hundred thousand receipts. */
const largest = (v: number[]) => v.reduce((a, b) => (b > a ? b : a), -Infinity);
const CATCH_UP_RUNS = 20;
const READERS = 10; // distinct users behind the clients (several tabs each)

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};
const ms = (v: number) => v.toFixed(1).padStart(7);

async function admin(sql: string) {
  const client = new Client({ connectionString: BASE_URL });
  await client.connect();
  await client.query(sql);
  await client.end();
}

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
  private pending?: { resolve: () => void; reject: (e: Error) => void };
  constructor() {
    this.child.on('message', (m: FromClients) => {
      if (m.type === 'event') {
        this.waiting.get(m.id)?.(m.times);
        this.waiting.delete(m.id);
      } else if (m.type === 'error') this.pending?.reject(new Error(`clients process: ${m.message}`));
      else this.pending?.resolve();
    });
    this.child.on('exit', (code) => this.pending?.reject(new Error(`clients process exited (${code})`)));
  }
  /** Receipt times (epoch ms, see `now`) of event `id` by every client. */
  expect(id: string): Promise<number[]> {
    return new Promise((done) => this.waiting.set(id, done));
  }
  /** Sends a command and waits for its answer (`ready` or `disconnected`). */
  request(message: ToClients): Promise<void> {
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
 * Sequential writes, alternating between the servers (which goes first alternates too), so
 * that whatever else the machine is doing weighs on both alike. Each write waits until every
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

function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

async function main(): Promise<void> {
  console.log(`Machine: ${machine()}`);
  console.log(`Date: ${new Date().toISOString()}\n`);
  const dbName = `cb_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin(`CREATE DATABASE "${dbName}"`);
  const dbUrl = Object.assign(new URL(BASE_URL), { pathname: `/${dbName}` }).toString();
  const cleanups: (() => Promise<unknown>)[] = [() => admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)];
  try {
    const clients = new Clients();
    cleanups.unshift(async () => clients.close());
    await applyMigrations(dbUrl);
    const app = await createApp(loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', SEED_DEMO: 'false', WEB_DIST: '/nonexistent', DATABASE_URL: dbUrl }));
    await app.listen(0, '127.0.0.1');
    cleanups.unshift(() => app.close());
    const apiUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const bare = await startBareServer(dbUrl);
    cleanups.unshift(() => bare.close());

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
    const writerSocket = await open(apiUrl, writer.cookie);
    cleanups.unshift(async () => writerSocket.disconnect());
    const socketWrite = async (id: string, i: number) => {
      const ack = await writerSocket.timeout(10_000).emitWithAck('annotation:create', {
        articleId: article.id,
        body: { id, motivation: 'highlighting', target: { selector: { type: 'TextPositionSelector', ...words[i % words.length]! } } },
      });
      if (!ack.ok) throw new Error(`socket write: ${JSON.stringify(ack)}`);
    };
    const bareWrite = async (id: string, i: number) => {
      const res = await fetch(`${bare.url}/write`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, motivation: 'highlighting', ...words[i % words.length]! }) });
      if (res.status !== 201) throw new Error(`bare write: ${res.status}`);
      await res.text();
    };

    const rows: string[] = [];
    const verdicts: string[] = [];
    for (const count of CLIENT_COUNTS) {
      await clients.request({ type: 'connect', url: apiUrl, cookies: readers.map((r) => r.cookie), count, articleId: article.id });
      await clients.request({ type: 'connect', url: bare.url, cookies: [], count, articleId: article.id });
      const results = await measure(count, clients, { 'API, REST write': apiWrite, 'API, socket write': socketWrite, 'bare socket.io + pg': bareWrite });
      await clients.request({ type: 'disconnect' });
      await sleep(500);
      const base = results['bare socket.io + pg']!.latencies;
      for (const [label, run] of Object.entries(results)) {
        const v = run.latencies;
        rows.push(
          `| ${String(count).padStart(7)} | ${label.padEnd(19)} | ${ms(percentile(v, 50))} | ${ms(percentile(v, 95))} | ${ms(percentile(v, 99))} | ${ms(largest(v))} | ${ms(percentile(run.writes, 50))} | ${ms(percentile(run.spreads, 50))} | ${ms(percentile(run.spreads, 99))} |`,
        );
      }
      for (const label of ['API, REST write', 'API, socket write']) {
        const api = results[label]!.latencies;
        const ratio = (p: number) => (percentile(api, p) / percentile(base, p)).toFixed(2).padStart(7);
        rows.push(`| ${String(count).padStart(7)} | ratio ${label.split(' ')[1]!.padEnd(6)} / bare | ${ratio(50)} | ${ratio(95)} | ${ratio(99)} |         |         |         |         |`);
        const p99 = percentile(api, 99);
        const limit = count === 50 ? 30 : 100;
        verdicts.push(`${label}: p99 at ${count} clients: ${p99.toFixed(1)} ms, target < ${limit} ms: ${p99 < limit ? 'MET' : 'MISSED'}`);
        verdicts.push(`${label}: p99 at ${count} clients vs bare server: ${ratio(99).trim()}x, target <= 1.2x: ${p99 / percentile(base, 99) <= 1.2 ? 'MET' : 'MISSED'}`);
      }
    }
    console.log(`Fan-out: ${CREATES} sequential creates per server (after ${WARMUP} warm-up), latency from just before the write is sent to receipt by each client, in ms.`);
    console.log('"write" is the write round trip (POST, or socket emit to ack); "spread" is last receipt minus first receipt of one event (the fan-out alone).');
    console.log('| clients | server              |     p50 |     p95 |     p99 |     max |write p50| spread50| spread99|');
    console.log('|--------:|---------------------|--------:|--------:|--------:|--------:|--------:|--------:|--------:|');
    console.log(rows.join('\n'));

    // Catch-up: CATCH_UP events after `since`, copied from a real annotation.created event.
    const pg = new Client({ connectionString: dbUrl });
    await pg.connect();
    cleanups.unshift(() => pg.end());
    const { rows: [{ last_seq: since }] } = await pg.query('SELECT last_seq FROM articles WHERE id = $1', [article.id]);
    await pg.query('BEGIN');
    await pg.query('UPDATE articles SET last_seq = last_seq + $2 WHERE id = $1', [article.id, CATCH_UP]);
    await pg.query(
      `INSERT INTO article_events (article_id, seq, type, actor_id, data, at)
       SELECT article_id, $2::int + n, type, actor_id, data, now() FROM article_events, generate_series(1, $3::int) n
       WHERE article_id = $1 AND seq = $2`,
      [article.id, since, CATCH_UP],
    );
    await pg.query('COMMIT');
    const socket = await connect(apiUrl, readers[0]!.cookie, article.id);
    await sleep(1_000); // let the presence broadcast of the join settle
    const viaJoin: number[] = [];
    const viaHttp: number[] = [];
    for (let run = 0; run < CATCH_UP_RUNS; run++) {
      let t0 = performance.now();
      const ack = await socket.timeout(10_000).emitWithAck('article:join', { articleId: article.id, sinceSeq: since });
      viaJoin.push(performance.now() - t0);
      if (ack.missed?.length !== CATCH_UP) throw new Error(`join returned ${ack.missed?.length} events`);
      t0 = performance.now();
      const events = await readers[0]!.call<unknown[]>('GET', `/api/articles/${article.id}/events?after=${since}`);
      viaHttp.push(performance.now() - t0);
      if (events.length !== CATCH_UP) throw new Error(`GET returned ${events.length} events`);
    }
    socket.disconnect();
    console.log(`\nCatch-up of ${CATCH_UP} missed events (${CATCH_UP_RUNS} runs), ms`);
    console.log('| path                        |     p50 |     p95 |     max |');
    console.log('|-----------------------------|--------:|--------:|--------:|');
    for (const [label, v] of [['article:join with sinceSeq', viaJoin], ['GET /events?after=', viaHttp]] as const) {
      console.log(`| ${label.padEnd(27)} | ${ms(percentile(v, 50))} | ${ms(percentile(v, 95))} | ${ms(largest(v))} |`);
      verdicts.push(`catch-up via ${label} p95: ${percentile(v, 95).toFixed(1)} ms, target < 300 ms: ${percentile(v, 95) < 300 ? 'MET' : 'MISSED'}`);
    }
    console.log(`\nTargets:\n${verdicts.map((v) => `- ${v}`).join('\n')}`);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((e) => console.error('cleanup:', e));
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
