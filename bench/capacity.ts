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
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import v8 from 'node:v8';
import type { CapacityTarget, FromCapacityClients, ToCapacityClients } from './capacity-clients';
import { Child, apiRoot, builtApi, machine, memoryAfterGc, requireApi, runBench, scratchDatabase, sleep, startPeer } from './common';

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
/**
 * Idle: how long after the last client is in the memory is measured. By then the joins' rate-limit
 * windows (10 s) have closed and the credential cache has swept out their handshakes' entries
 * (expired after 10 s, swept every 10 s).
 */
const IDLE_AFTER_MS = 21_000;


/** A server's process memory in MiB, and the sockets it holds (what it holds, not what the clients think). */
interface Memory {
  heap: number;
  rss: number;
  sockets: number;
}
/** A server the clients connect to, and how to read its memory. */
interface Server {
  name: string;
  connect: CapacityTarget;
  memory(): Promise<Memory>;
}

const f1 = (v: number) => v.toFixed(1).padStart(8);

async function main(): Promise<void> {
  console.log(`Machine: ${machine()}`);
  console.log(`Date: ${new Date().toISOString()}; ${USERS} distinct users behind the clients; Redis adapter: ${REDIS_URL ? 'yes' : 'no'}\n`);
  const db = await scratchDatabase();
  const dbUrl = db.url;
  const cleanups: (() => Promise<unknown>)[] = [db.drop];
  try {
    const clients = new Child<ToCapacityClients, FromCapacityClients>('capacity-clients.ts');
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

    // The peer, in a process of its own, whose memory it reports itself.
    const peer = await startPeer('hocuspocus');
    cleanups.unshift(() => peer.close());
    const servers: Server[] = [
      {
        name: 'API',
        connect: { kind: 'socket.io', url, cookies, articleId: article.id },
        memory: async () => ({ ...(await memoryAfterGc()), sockets: app.get(LiveGateway).server.engine.clientsCount }),
      },
      {
        name: 'Hocuspocus',
        connect: { kind: 'hocuspocus', url: peer.url, document: article.id },
        memory: peer.memory,
      },
    ];
    const connectAll = async (server: Server, count: number, wave: number) => {
      const answer = await clients.request({ type: 'connect', count, wave, ...server.connect });
      if (answer.type !== 'joined') throw new Error(`unexpected ${answer.type}`);
      return answer;
    };

    console.log('Reconnect storm: every client connects, authenticates and joins the article at once (Hocuspocus: connects and syncs the document, no authentication), ms');
    console.log('| server     | clients | 1,000th in |  last in | 2nd 1,000 / 1st 1,000 | failures |');
    console.log('|------------|--------:|-----------:|---------:|----------------------:|---------:|');
    const verdicts: string[] = [];
    for (const count of STORM_COUNTS) {
      for (const server of servers) {
        const { times, failures } = await connectAll(server, count, count);
        const first = times[Math.min(999, times.length - 1)]!;
        const last = times.at(-1)!;
        const second = count >= 2000 ? (times[1999]! - first) / first : NaN;
        console.log(`| ${server.name.padEnd(10)} | ${String(count).padStart(7)} | ${f1(first).padStart(10)} | ${f1(last).padStart(8)} | ${(Number.isNaN(second) ? '' : second.toFixed(2)).padStart(21)} | ${String(count - times.length).padStart(8)} |`);
        if (failures.length) console.log(`  failures: ${failures.join('; ')}`);
        if (server.name === 'API') {
          const allIn = failures.length === 0 && last < STORM_TARGET_MS;
          verdicts.push(`storm of ${count}: all joined in ${f1(last).trim()} ms, target every one < ${STORM_TARGET_MS} ms: ${allIn ? 'MET' : 'MISSED'}`);
          if (!Number.isNaN(second)) verdicts.push(`storm of ${count}: the 2nd 1,000 took ${second.toFixed(2)}x the time of the 1st, target <= 1 (linear): ${second <= 1 ? 'MET' : 'MISSED'}`);
        }
        await clients.request({ type: 'disconnect' });
        await sleep(2_000);
      }
    }

    const snapshots = process.env.BENCH_HEAP_SNAPSHOT;
    const rows: string[] = [];
    const perSocket = new Map<Server, number>();
    let waves = '';
    for (const server of servers) {
      const isApi = server.name === 'API';
      // Warm (after the storms) and idle: what the storms' sockets left has expired too.
      await sleep(IDLE_AFTER_MS);
      const start = await server.memory();
      if (isApi && snapshots) v8.writeHeapSnapshot(path.join(snapshots, 'before.heapsnapshot'));
      const answer = await connectAll(server, CAPACITY, 500);
      await sleep(IDLE_AFTER_MS);
      // A client too busy to answer pings is dropped: what counts is what the server holds.
      const after = await server.memory();
      const held = after.sockets;
      perSocket.set(server, ((after.heap - start.heap) * 2 ** 20) / held);
      waves += `${server.name}: ${answer.times.length} of ${CAPACITY} in, ${held} held when measured, connected in waves of 500 in ${(answer.times.at(-1)! / 1000).toFixed(1)} s. `;
      rows.push(
        `| ${server.name.padEnd(10)} | ${String(held).padStart(7)} | ${f1(start.heap).padStart(11)} | ${f1(after.heap).padStart(10)} | ${f1(start.rss).padStart(10)} | ${f1(after.rss).padStart(9)} | ${f1(((after.heap - start.heap) * 1024) / held).padStart(15)} | ${f1(((after.rss - start.rss) * 1024) / held).padStart(14)} |`,
      );
      if (answer.failures.length) rows.push(`  failures (${CAPACITY - answer.times.length}): ${answer.failures.join('; ')}`);
      if (isApi) {
        const ours = perSocket.get(server)!;
        verdicts.push(`heap per idle socket: ${(ours / 1024).toFixed(1)} KiB (${f1(after.heap - start.heap).trim()} MiB for ${held}), target <= 10 KiB, ${CAPACITY} sockets held: ${ours <= 10 * 1024 && held >= CAPACITY ? 'MET' : 'MISSED'}`);
      }
      if (isApi && snapshots) {
        // What each socket holds, by kind of object (the diff runs in a process of its own).
        v8.writeHeapSnapshot(path.join(snapshots, 'after.heapsnapshot'));
        const diff = spawnSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=12000', path.join(__dirname, 'heap-diff.ts'), ...['before', 'after'].map((n) => path.join(snapshots, `${n}.heapsnapshot`)), String(held)], { cwd: apiRoot, encoding: 'utf8' });
        rows.push(`\n${diff.stdout}${diff.stderr}`);
      }
      await clients.request({ type: 'disconnect' });
      await sleep(2_000);
    }
    console.log(`\nCapacity: ${CAPACITY} idle clients on one article; each server's process memory after a full GC, MiB (per socket: KiB), ${IDLE_AFTER_MS / 1000} s after the storms and ${IDLE_AFTER_MS / 1000} s after the last client is in. ${waves.trim()}`);
    console.log('| server     | sockets | heap before | heap after | RSS before | RSS after | heap per socket | RSS per socket |');
    console.log('|------------|--------:|------------:|-----------:|-----------:|----------:|----------------:|---------------:|');
    console.log(rows.join('\n'));
    const [ours, theirs] = servers.map((server) => perSocket.get(server)!) as [number, number];
    verdicts.push(`heap per idle socket beside Hocuspocus in memory: ${(ours / 1024).toFixed(1)} vs ${(theirs / 1024).toFixed(1)} KiB (${(ours / theirs).toFixed(2)}x), reported`);
    console.log(`\nTargets:\n${verdicts.map((v) => `- ${v}`).join('\n')}`);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((e) => console.error('cleanup:', e));
  }
}

runBench(main);
