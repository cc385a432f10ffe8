// Busy room: 100 analysts in one article for 5 minutes, each making a change every 5 s on its
// socket and moving its selection every 2 s. Prints, per 30 s window, the fan-out (the writer's
// send to each analyst's receipt), writes, errors, and the API process's CPU and memory.
// Run by hand, never by the tests:
//   pnpm --filter @corroborate/api bench:busy   (against the API as last built)
// Needs PostgreSQL (BENCH_DATABASE_URL); creates a scratch database and drops it at the end.
// BENCH_ANALYSTS (default 100), BENCH_BUSY_SECONDS (default 300).
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FromBusyClients, ToBusyClients } from './busy-clients';
import { apiRoot, builtApi, largest, machine, percentile, requireApi, runBench, scratchDatabase } from './common';

const { createApp, loadConfig, applyMigrations } = builtApi();
const { PrismaService } = requireApi('./dist/infra/database/prisma.service') as typeof import('../apps/api/src/infra/database/prisma.service');
const { hashSecret, newSecret } = requireApi('./dist/auth/secrets') as typeof import('../apps/api/src/auth/secrets');
const { SESSION_COOKIE, SESSION_PREFIX } = {
  ...(requireApi('./dist/auth/credentials.service') as typeof import('../apps/api/src/auth/credentials.service')),
  ...(requireApi('./dist/auth/auth.context') as typeof import('../apps/api/src/auth/auth.context')),
};

const ANALYSTS = Number(process.env.BENCH_ANALYSTS ?? 100);
const SECONDS = Number(process.env.BENCH_BUSY_SECONDS ?? 300);
const USERS = Math.min(ANALYSTS, 20); // each with several tabs, as in capacity.ts
const WINDOW_MS = 30_000;
const ARTICLE = fs.readFileSync(path.resolve(__dirname, '../prisma/seed/demo-article.txt'), 'utf8');

const f = (v: number, width = 7) => (Number.isNaN(v) ? '' : v.toFixed(1)).padStart(width);

async function main(): Promise<void> {
  console.log(`Machine: ${machine()}, load ${os.loadavg()[0]!.toFixed(1)}`);
  console.log(`Date: ${new Date().toISOString()}; ${ANALYSTS} analysts (${USERS} users), ${SECONDS} s, a change every 5 s each, a selection every 2 s each\n`);
  const db = await scratchDatabase();
  const dbUrl = db.url;
  const cleanups: (() => Promise<unknown>)[] = [db.drop];
  try {
    await applyMigrations(dbUrl);
    const app = await createApp(loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', SEED_DEMO: 'false', WEB_DIST: '/nonexistent', DATABASE_URL: dbUrl }));
    await app.listen(0, '127.0.0.1');
    cleanups.unshift(() => app.close());
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const post = async <T>(cookie: string, route: string, body: unknown): Promise<T> => {
      const res = await fetch(`${url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
      if (res.status >= 300) throw new Error(`POST ${route}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    // Everyone straight into the database, with a session per tab, as capacity.ts does:
    // signing a hundred people up through the API would meet its sign-up limit.
    const prisma = app.get(PrismaService);
    const person = (name: string) => ({ id: randomUUID(), email: `${name.toLowerCase()}.${randomUUID().slice(0, 8)}@bench.test`, displayName: name, passwordHash: 'x' });
    const expiresAt = new Date(Date.now() + 86_400_000);
    const sessionsFor = async (userIds: string[]) => {
      const secrets = userIds.map(() => newSecret(SESSION_PREFIX));
      await prisma.session.createMany({ data: secrets.map((secret, i) => ({ userId: userIds[i]!, tokenHash: hashSecret(secret), expiresAt })) });
      return secrets.map((secret) => `${SESSION_COOKIE}=${secret}`);
    };
    const ownerRow = person('Owner');
    await prisma.user.create({ data: ownerRow });
    const [owner] = await sessionsFor([ownerRow.id]);
    const workspace = await post<{ id: string }>(owner!, '/api/workspaces', { name: 'Busy desk' });
    const article = await post<{ id: string; revision: { text: string } }>(owner!, `/api/workspaces/${workspace.id}/articles`, { title: 'Busy', text: ARTICLE });
    const users = Array.from({ length: USERS }, (_, i) => person(`Analyst${i}`));
    await prisma.user.createMany({ data: users });
    await prisma.membership.createMany({ data: users.map((u) => ({ workspaceId: workspace.id, userId: u.id, role: 'analyst' as const })) });
    const cookies = await sessionsFor(Array.from({ length: ANALYSTS }, (_, i) => users[i % USERS]!.id));
    const words = [...article.revision.text.matchAll(/\p{L}{4,}/gu)].map((m) => [m.index, m.index + m[0].length] as [number, number]);

    const child = fork(path.join(__dirname, 'busy-clients.ts'), [], { cwd: apiRoot, execArgv: ['--import', 'tsx'] });
    cleanups.unshift(async () => child.kill());
    const all: number[] = [];
    let errors = 0;
    let writes = 0;
    let cpu = process.cpuUsage();
    let wall = performance.now();
    console.log('| window (s) | writes | receipts | errors | fan-out p50 | p99 | max | API CPU % | heap MiB | RSS MiB |');
    console.log('|-----------:|-------:|---------:|-------:|------------:|----:|----:|----------:|---------:|--------:|');
    await new Promise<void>((resolve, reject) => {
      child.on('message', (m: FromBusyClients) => {
        if (m.type === 'error') reject(new Error(`clients process: ${m.message}`));
        else if (m.type === 'done') resolve();
        else if (m.type === 'joined') {
          cpu = process.cpuUsage();
          wall = performance.now();
        } else if (m.type === 'window') {
          const used = process.cpuUsage(cpu);
          const elapsed = performance.now() - wall;
          cpu = process.cpuUsage();
          wall = performance.now();
          const { heapUsed, rss } = process.memoryUsage();
          all.push(...m.latencies);
          errors += m.errors;
          writes += m.writes;
          console.log(
            `| ${(m.at / 1000).toFixed(0).padStart(10)} | ${String(m.writes).padStart(6)} | ${String(m.receipts).padStart(8)} | ${String(m.errors).padStart(6)} | ${f(percentile(m.latencies, 50), 11)} | ${f(percentile(m.latencies, 99), 3)} | ${f(largest(m.latencies), 3)} | ${f(((used.user + used.system) / 1000 / elapsed) * 100, 9)} | ${f(heapUsed / 2 ** 20, 8)} | ${f(rss / 2 ** 20, 7)} |`,
          );
        }
      });
      const start: ToBusyClients = {
        type: 'start',
        url,
        cookies,
        articleId: article.id,
        words,
        seconds: SECONDS,
        writeEveryMs: 5_000,
        presenceEveryMs: 2_000,
        windowMs: WINDOW_MS,
      };
      child.send(start);
    });
    console.log(`\nOver the run: ${writes} changes, ${all.length} receipts, fan-out p50 ${f(percentile(all, 50), 0)} ms, p99 ${f(percentile(all, 99), 0)} ms, max ${f(largest(all), 0)} ms, ${errors} errors.`);
    console.log(`Target: errors 0: ${errors === 0 ? 'MET' : 'MISSED'}`);
    console.log('(The API process also runs this driver, which does little: the analysts are in their own process.)');
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((e: unknown) => console.error('cleanup:', e));
  }
}

runBench(main);
