// Capacity and reconnect-storm benchmark. Run by hand, never by the tests:
//   pnpm --filter @corroborate/api bench:capacity      (against the API as last built)
// Needs PostgreSQL (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres);
// with BENCH_REDIS_URL the API runs with its Redis adapter, as several processes would.
// The API runs in this process, the socket.io clients in a child process (capacity-clients.ts).
//
// 1. Reconnect storm: STORM_COUNTS clients (sessions of BENCH_USERS distinct users) connect,
//    authenticate and join one article all at once; time until the 1,000th and the last is joined.
// 2. Capacity: CAPACITY idle clients joined to one article, connected in waves of 500; the API
//    process's heap and RSS (after a full GC) before and after, per socket.
import { fork, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { FromCapacityClients, ToCapacityClients } from './capacity-clients';
import { apiRoot, builtApi, machine, requireApi, runBench, scratchDatabase, sleep } from './common';

const { createApp, listen, loadConfig, applyMigrations } = builtApi();
const { LiveGateway } = requireApi('./dist/realtime/live.gateway') as typeof import('../apps/api/src/realtime/live.gateway');
const { Client } = requireApi('pg') as typeof import('pg');
const { hashSecret, newSecret } = requireApi('./dist/auth/secrets') as typeof import('../apps/api/src/auth/secrets');
const { SESSION_PREFIX, SESSION_COOKIE } = {
  ...(requireApi('./dist/auth/credentials.service') as typeof import('../apps/api/src/auth/credentials.service')),
  ...(requireApi('./dist/auth/auth.context') as typeof import('../apps/api/src/auth/auth.context')),
};

const REDIS_URL = process.env.BENCH_REDIS_URL;
const USERS = Number(process.env.BENCH_USERS ?? 200);
const STORM_COUNTS = (process.env.BENCH_STORM ?? '1000,2000').split(',').map(Number);
const CAPACITY = Number(process.env.BENCH_CAPACITY ?? 10_000);
const STORM_TARGET_MS = 5_000;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

class Clients {
  private readonly child = fork(path.join(__dirname, 'capacity-clients.ts'), [], { cwd: apiRoot, execArgv: ['--import', 'tsx', '--max-old-space-size=8192'] });
  private pending?: { resolve: (m: FromCapacityClients) => void; reject: (e: Error) => void };
  constructor() {
    this.child.on('message', (m: FromCapacityClients) => (m.type === 'error' ? this.pending?.reject(new Error(`clients process: ${m.message}`)) : this.pending?.resolve(m)));
    this.child.on('exit', (code) => this.pending?.reject(new Error(`clients process exited (${code})`)));
  }
  request(message: ToCapacityClients): Promise<FromCapacityClients> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.child.send(message);
    });
  }
  close(): void {
    this.child.kill();
  }
}

/** The API process's memory after a full collection, in MiB. */
async function memory(): Promise<{ heap: number; rss: number }> {
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(200);
  }
  const { heapUsed, rss } = process.memoryUsage();
  return { heap: heapUsed / 2 ** 20, rss: rss / 2 ** 20 };
}

const f1 = (v: number) => v.toFixed(1).padStart(8);

async function main(): Promise<void> {
  console.log(`Machine: ${machine()}`);
  console.log(`Date: ${new Date().toISOString()}; ${USERS} distinct users behind the clients; Redis adapter: ${REDIS_URL ? 'yes' : 'no'}\n`);
  const db = await scratchDatabase();
  const dbUrl = db.url;
  const cleanups: (() => Promise<unknown>)[] = [db.drop];
  try {
    const clients = new Clients();
    cleanups.unshift(async () => clients.close());
    await applyMigrations(dbUrl);
    const app = await createApp(
      loadConfig({
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        SEED_DEMO: 'false',
        WEB_DIST: '/nonexistent',
        DATABASE_URL: dbUrl,
        ...(REDIS_URL ? { REDIS_URL, REDIS_PREFIX: `bench-${randomUUID()}` } : {}),
      }),
    );
    // As main.ts starts it (where the code has `listen`; the build before it did not).
    await (listen ? listen(app, 0, '127.0.0.1') : app.listen(0, '127.0.0.1'));
    cleanups.unshift(() => app.close());
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;

    // Users, memberships and sessions are written straight to the database (below): signing up
    // thousands through the API would measure password hashing, which no reconnect does.
    // The owner, workspace and article through the API, as a user makes them.
    let ownerCookie = '';
    const call = async <T>(method: string, route: string, body: unknown): Promise<T> => {
      const res = await fetch(`${url}${route}`, { method, headers: { 'content-type': 'application/json', cookie: ownerCookie }, body: JSON.stringify(body) });
      ownerCookie ||= res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))?.split(';')[0] ?? '';
      if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    await call('POST', '/api/auth/register', { email: `owner.${randomUUID().slice(0, 8)}@bench.test`, password: 'bench password 123', displayName: 'Owner' });
    const workspace = await call<{ id: string }>('POST', '/api/workspaces', { name: 'Bench desk' });
    const article = await call<{ id: string }>('POST', `/api/workspaces/${workspace.id}/articles`, { title: 'Bench', text: 'A short article for the storm.' });
    const users = Array.from({ length: USERS }, (_, i) => ({ id: randomUUID(), email: `reader${i}.${randomUUID().slice(0, 8)}@bench.test`, displayName: `Reader ${i}`, passwordHash: 'x' }));
    // One session per client (each a browser tab of its own), spread over the users. Written on a
    // connection of its own: statements of 10,000 rows through the app's ORM would leave their
    // compiled plans in its cache, and in the heap measured below.
    const secrets = Array.from({ length: Math.max(CAPACITY, ...STORM_COUNTS) }, () => newSecret(SESSION_PREFIX));
    const seed = new Client({ connectionString: dbUrl });
    await seed.connect();
    await seed.query(
      `INSERT INTO users (id, email, display_name, password_hash, updated_at) SELECT *, now() FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])`,
      [users.map((u) => u.id), users.map((u) => u.email), users.map((u) => u.displayName), users.map((u) => u.passwordHash)],
    );
    await seed.query(`INSERT INTO memberships (workspace_id, user_id, role) SELECT $1::uuid, id, 'analyst' FROM unnest($2::uuid[]) AS u(id)`, [workspace.id, users.map((u) => u.id)]);
    await seed.query(
      `INSERT INTO sessions (id, user_id, token_hash, expires_at) SELECT gen_random_uuid(), u, t, now() + interval '1 day' FROM unnest($1::uuid[], $2::text[]) AS s(u, t)`,
      [secrets.map((_, i) => users[i % USERS]!.id), secrets.map((secret) => hashSecret(secret))],
    );
    await seed.end();
    const cookies = secrets.map((secret) => `${SESSION_COOKIE}=${secret}`);

    // Before any socket: later, disconnected sockets' traces (rate-limit windows, caches) linger.
    const before = await memory();
    console.log('Reconnect storm: every client connects, authenticates and joins the article at once, ms');
    console.log('| clients | 1,000th joined | last joined | 2nd 1,000 / 1st 1,000 | failures |');
    console.log('|--------:|---------------:|------------:|----------------------:|---------:|');
    const verdicts: string[] = [];
    for (const count of STORM_COUNTS) {
      const answer = await clients.request({ type: 'connect', url, cookies, count, articleId: article.id, wave: count });
      if (answer.type !== 'joined') throw new Error(`unexpected ${answer.type}`);
      const { times, failures } = answer;
      const first = times[Math.min(999, times.length - 1)]!;
      const last = times.at(-1)!;
      const second = count >= 2000 ? (times[1999]! - first) / first : NaN;
      console.log(`| ${String(count).padStart(7)} | ${f1(first).padStart(14)} | ${f1(last).padStart(11)} | ${(Number.isNaN(second) ? '' : second.toFixed(2)).padStart(21)} | ${String(count - times.length).padStart(8)} |`);
      if (failures.length) console.log(`  failures: ${failures.join('; ')}`);
      const allIn = failures.length === 0 && last < STORM_TARGET_MS;
      verdicts.push(`storm of ${count}: all joined in ${f1(last).trim()} ms, target every one < ${STORM_TARGET_MS} ms: ${allIn ? 'MET' : 'MISSED'}`);
      if (!Number.isNaN(second)) verdicts.push(`storm of ${count}: the 2nd 1,000 took ${second.toFixed(2)}x the time of the 1st, target <= 1 (linear): ${second <= 1 ? 'MET' : 'MISSED'}`);
      await clients.request({ type: 'disconnect' });
      await sleep(2_000);
    }

    const snapshots = process.env.BENCH_HEAP_SNAPSHOT;
    if (snapshots) v8.writeHeapSnapshot(path.join(snapshots, 'before.heapsnapshot'));
    const answer = await clients.request({ type: 'connect', url, cookies, count: CAPACITY, articleId: article.id, wave: 500 });
    if (answer.type !== 'joined') throw new Error(`unexpected ${answer.type}`);
    await sleep(3_000); // presence broadcasts settle
    const after = await memory();
    // What the server holds, not what the clients think: a client too busy to answer pings is dropped.
    const held = app.get(LiveGateway).server.engine.clientsCount;
    console.log(`\nCapacity: ${answer.times.length} of ${CAPACITY} clients joined the article, ${held} sockets held when measured (connected in waves of 500 in ${(answer.times.at(-1)! / 1000).toFixed(1)} s), API process memory after a full GC`);
    console.log('|            | heap MiB |  RSS MiB |');
    console.log('|------------|---------:|---------:|');
    console.log(`| no sockets | ${f1(before.heap)} | ${f1(before.rss)} |`);
    console.log(`| ${String(held).padStart(6)} sockets | ${f1(after.heap)} | ${f1(after.rss)} |`);
    console.log(`| per socket | ${f1(((after.heap - before.heap) * 1024) / held)} KiB | ${f1(((after.rss - before.rss) * 1024) / held)} KiB |`);
    if (answer.failures.length) console.log(`  failures (${CAPACITY - answer.times.length}): ${answer.failures.join('; ')}`);
    const perSocket = ((after.heap - before.heap) * 2 ** 20) / held;
    verdicts.push(
      `heap per idle socket: ${(perSocket / 1024).toFixed(1)} KiB (${f1(after.heap - before.heap).trim()} MiB for ${held}), target <= 10 KiB, ${CAPACITY} sockets held: ${perSocket <= 10 * 1024 && held >= CAPACITY ? 'MET' : 'MISSED'}`,
    );
    if (snapshots) {
      // What each socket holds, by kind of object (the diff runs in a process of its own).
      v8.writeHeapSnapshot(path.join(snapshots, 'after.heapsnapshot'));
      const diff = spawnSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=12000', path.join(__dirname, 'heap-diff.ts'), ...['before', 'after'].map((n) => path.join(snapshots, `${n}.heapsnapshot`)), String(held)], { cwd: apiRoot, encoding: 'utf8' });
      console.log(`\n${diff.stdout}${diff.stderr}`);
    }
    await clients.request({ type: 'disconnect' });
    console.log(`\nTargets:\n${verdicts.map((v) => `- ${v}`).join('\n')}`);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((e) => console.error('cleanup:', e));
  }
}

runBench(main);
