// Reads benchmark: 50 readers opening one heavily worked article at once (5,000 annotations,
// 500 claims), every request the web client makes to open the reader and the notifications it
// reads on its live connection, against the API in a
// process of its own; and the reader view beside its baseline, the same payload assembled with
// raw `pg` queries in a process of its own (read-baseline.ts), and the floor: those bytes
// answered from memory with no work at all. Opens run twice: as a client with no HTTP cache, and
// as a browser, which keeps the view and revalidates it with its ETag on the next open. The
// readers who open it run in a process of their own (reads-driver.ts).
// Run by hand, never by the tests:
//   pnpm --filter @corroborate/api bench:reads   (against the API as last built)
// Needs PostgreSQL (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres);
// creates a scratch database and drops it at the end.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startApiProcess } from '../apps/api/test/support/api-process';
import { get, type OpensResult, type OpensTask } from './reads-client';
import { apiRoot, builtApi, call, largest, machine, percentile, postgresCpuMs, processCpuMs, requireApi, runBench, scratchDatabase } from './common';

const { applyMigrations } = builtApi();
const { Client } = requireApi('pg') as typeof import('pg');

const ANNOTATIONS = Number(process.env.BENCH_ANNOTATIONS ?? 5_000);
const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 500);
const READERS = Number(process.env.BENCH_READERS ?? 50);
const OPENS = Number(process.env.BENCH_OPENS ?? 4); // per reader: 200 opens in all
const USERS = 10; // distinct accounts behind the readers
const TARGET_MS = 100;
const ARTICLE = fs.readFileSync(path.resolve(__dirname, '../prisma/seed/demo-article.txt'), 'utf8');

const ms = (v: number) => v.toFixed(1).padStart(8);

/** Annotations over the article's words and claims with one span each, in SQL. */
async function seed(dbUrl: string, article: { id: string; workspaceId: string; revisionId: string; text: string }, authors: string[]): Promise<void> {
  const pg = new Client({ connectionString: dbUrl });
  await pg.connect();
  const words = [...article.text.matchAll(/\w{4,}/g)].map((m) => [m.index!, m.index! + m[0].length] as const);
  const at = (i: number) => words[(i * 13) % words.length]!;
  const ann = Array.from({ length: ANNOTATIONS }, (_, i) => i);
  await pg.query('BEGIN');
  await pg.query(
    `INSERT INTO annotations (id, article_id, revision_id, author_id, motivation, body, tags, exact, prefix, suffix, start, "end", updated_at)
     SELECT gen_random_uuid(), $1, $2, a, (ARRAY['commenting','questioning','highlighting'])[1 + n % 3]::"Motivation",
       'Note ' || n || ': who confirmed this, and when? The source says otherwise.', ARRAY['tag' || (n % 5)],
       substr($3, s + 1, e - s), substr($3, greatest(1, s - 31), least(32, s)), substr($3, e + 1, 32), s, e, now()
     FROM unnest($4::uuid[], $5::int[], $6::int[], $7::int[]) AS x(a, s, e, n)`,
    [article.id, article.revisionId, article.text, ann.map((i) => authors[i % authors.length]), ann.map((i) => at(i)[0]), ann.map((i) => at(i)[1]), ann],
  );
  const claimIds = Array.from({ length: CLAIMS }, () => randomUUID());
  await pg.query(
    `INSERT INTO claims (id, article_id, workspace_id, statement, claimant, tags, priority, status, position, created_by_id, updated_at)
     SELECT id, $1, $2, 'Claim number ' || n || ': the river is cleaner than it has been in a century', 'Claimant ' || (n % 20), ARRAY['tag' || (n % 7)],
       'normal', 'open', n, $3, now()
     FROM unnest($4::uuid[]) WITH ORDINALITY AS c(id, n)`,
    [article.id, article.workspaceId, authors[0], claimIds],
  );
  await pg.query(
    `INSERT INTO claim_spans (id, claim_id, revision_id, exact, prefix, suffix, start, "end", ordinal)
     SELECT gen_random_uuid(), c, $1, substr($2, s + 1, e - s), substr($2, greatest(1, s - 31), least(32, s)), substr($2, e + 1, 32), s, e, 0
     FROM unnest($3::uuid[], $4::int[], $5::int[]) AS x(c, s, e)`,
    [article.revisionId, article.text, claimIds, claimIds.map((_, i) => at(i * 7)[0]), claimIds.map((_, i) => at(i * 7)[1])],
  );
  await pg.query('COMMIT');
  await pg.end();
}

/** The baseline server in a process of its own; resolves with its URL. */
function startBaseline(dbUrl: string): Promise<{ url: string; stop: () => void }> {
  const child = fork(path.join(__dirname, 'read-baseline.ts'), [], { cwd: apiRoot, execArgv: ['--import', 'tsx'], env: { ...process.env, BENCH_BASELINE_DATABASE_URL: dbUrl } });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve({ url: `http://127.0.0.1:${m.port}`, stop: () => child.kill() }));
    child.once('exit', (code) => reject(new Error(`the baseline exited (${code})`)));
  });
}

/** Each reader's connections in this process (the per-route load), as its browser keeps them. */
const agents = Array.from({ length: READERS }, () => new http.Agent({ keepAlive: true, maxSockets: 6 }));

/** The readers' process (reads-driver.ts), which times the opens. */
class Readers {
  private readonly child = fork(path.join(__dirname, 'reads-driver.ts'), [], { cwd: apiRoot, execArgv: ['--import', 'tsx'] });
  /** READERS readers at once, OPENS opens each, as `task` describes the open. */
  run(task: Omit<OpensTask, 'readers' | 'opens'>): Promise<OpensResult> {
    return new Promise((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`the readers' process exited (${code})`));
      this.child.once('exit', exited);
      this.child.once('message', (m: { result?: OpensResult; error?: string }) => {
        this.child.off('exit', exited);
        if (m.result) resolve(m.result);
        else reject(new Error(`the readers' process: ${m.error}`));
      });
      this.child.send({ ...task, readers: READERS, opens: OPENS });
    });
  }
  close(): void {
    this.child.kill();
  }
}

async function main(): Promise<void> {
  console.log(`Machine: ${machine()}`);
  console.log(`Date: ${new Date().toISOString()}; ${ANNOTATIONS} annotations, ${CLAIMS} claims, ${READERS} concurrent readers (${USERS} accounts), ${OPENS} opens each\n`);
  const db = await scratchDatabase();
  const cleanups: (() => unknown)[] = [db.drop];
  try {
    await applyMigrations(db.url);
    const api = await startApiProcess(db.url, { NODE_ENV: 'production', LOG_LEVEL: 'silent' });
    cleanups.unshift(() => api.stop());
    const apiCpuMs = () => processCpuMs(api.child.pid!);
    const pgCpuMs = () => postgresCpuMs(db.name);
    const baseline = await startBaseline(db.url);
    cleanups.unshift(() => baseline.stop());

    const owner = await call<{ user: { id: string } }>(api.url, '', 'POST', '/api/auth/register', { email: `owner.${randomUUID().slice(0, 8)}@bench.test`, password: 'bench password 123', displayName: 'Owner' });
    const workspace = (await call<{ id: string }>(api.url, owner.cookie, 'POST', '/api/workspaces', { name: 'Bench desk' })).body;
    const people = [{ id: owner.body.user.id, cookie: owner.cookie }];
    for (let i = 1; i < USERS; i++) {
      const email = `reader${i}.${randomUUID().slice(0, 8)}@bench.test`;
      const user = await call<{ user: { id: string } }>(api.url, '', 'POST', '/api/auth/register', { email, password: 'bench password 123', displayName: `Reader ${i}` });
      await call(api.url, owner.cookie, 'POST', `/api/workspaces/${workspace.id}/members`, { email, role: 'analyst' });
      people.push({ id: user.body.user.id, cookie: user.cookie });
    }
    const article = (await call<{ id: string; revision: { id: string; text: string } }>(api.url, owner.cookie, 'POST', `/api/workspaces/${workspace.id}/articles`, { title: 'Bench', text: ARTICLE })).body;
    await seed(db.url, { id: article.id, workspaceId: workspace.id, revisionId: article.revision.id, text: article.revision.text }, people.map((p) => p.id));

    // What the web client asks for to open the reader: the page's preloads (static-web.ts);
    // nothing else (test/browser/read-article.e2e-spec.ts). The notifications' first page it reads
    // over its live connection as that comes up (notifications:list), done in each open below too.
    const view = `/api/articles/${article.id}/reader`;
    const requests = ['/api/me', view];
    const cookieOf = (reader: number) => people[reader % people.length]!.cookie;
    const readerView = await get(`${api.url}${view}`, cookieOf(0), { encoding: 'identity' });
    const sent = await get(`${api.url}${view}`, cookieOf(0));
    const baselineView = await get(`${baseline.url}/reader/${article.id}`, '');
    console.log(
      `Reader view: ${(readerView.bytes / 1024).toFixed(0)} KiB from the API (${(sent.bytes / 1024).toFixed(0)} KiB sent gzipped), ${(baselineView.bytes / 1024).toFixed(0)} KiB from the baseline.\n`,
    );

    // Where the time goes: each request alone, one at a time; then its CPU when many are in
    // flight, as in the opens (alone, each answer also pays for waking idle processes: two to
    // three times the CPU it takes under load).
    console.log(`Each request: alone (100 runs one at a time, after 20 to warm up), ms; then ${READERS * 6} at once (10 rounds), CPU per request of the API process and of PostgreSQL, ms`);
    console.log('| request                                              | alone p50 | alone p95 | KiB sent | load: API CPU |  PG CPU |');
    console.log('|------------------------------------------------------|----------:|----------:|---------:|--------------:|--------:|');
    const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (const route of [...requests, '/api/notifications?limit=20', '/api/health/live']) {
      for (let i = 0; i < 20; i++) await get(`${api.url}${route}`, cookieOf(0), { agent: keepAlive });
      const runs: { ms: number; bytes: number }[] = [];
      for (let i = 0; i < 100; i++) runs.push(await get(`${api.url}${route}`, cookieOf(0), { agent: keepAlive }));
      const times = runs.map((r) => r.ms);
      const round = () => Promise.all(agents.map((agent, reader) => Promise.all(Array.from({ length: 6 }, () => get(`${api.url}${route}`, cookieOf(reader), { agent })))));
      await round();
      const [api0, pg0] = [apiCpuMs(), pgCpuMs()];
      for (let i = 0; i < 10; i++) await round();
      // A backend that ended between the two readings takes its time with it: never below 0.
      const perRequest = (used: number, width: number) => (Math.max(0, used) / (10 * READERS * 6)).toFixed(2).padStart(width);
      console.log(
        `| ${route.replace(article.id, ':id').replace(workspace.id, ':wid').slice(0, 52).padEnd(52)} | ${ms(percentile(times, 50)).padStart(9)} | ${ms(percentile(times, 95)).padStart(9)} | ${ms(runs[0]!.bytes / 1024)} | ${perRequest(apiCpuMs() - api0, 13)} | ${perRequest(pgCpuMs() - pg0, 7)} |`,
      );
    }
    console.log('');

    // Warm all three, then the floor, the baseline and the API each under the same load, one after the other.
    const floorUrl = `${baseline.url}/floor/${article.id}`;
    for (let i = 0; i < 5; i++) await Promise.all([get(`${api.url}${view}`, cookieOf(0)), get(`${baseline.url}/reader/${article.id}`, ''), get(floorUrl, '')]);
    const readers = new Readers();
    cleanups.unshift(() => readers.close());
    const times = (result: OpensResult) => result.opens.map((o) => o.open);
    const floorOpen = { urls: [floorUrl], cookies: [''] };
    await readers.run(floorOpen); // the readers' connections opened and their code warm
    const floor = times(await readers.run(floorOpen));
    // The API's own floor: an open's requests, each to a route that does nothing (no
    // caller, no database): what Node's HTTP server, Express and Nest cost before any work.
    const idle = `${api.url}/api/health/live`;
    const idleOpen = { urls: requests.map(() => idle), cookies: [''] };
    await readers.run(idleOpen); // its connections opened and its code warm, as the others' are
    const apiFloor = times(await readers.run(idleOpen));
    const base = times(await readers.run({ urls: [`${baseline.url}/reader/${article.id}`], cookies: [''] }));
    // An open: its requests at once, as the page's preloads are, and the notifications read on
    // the reader's live connection.
    const opening = { urls: requests.map((r) => api.url + r), cookies: people.map((p) => p.cookie), view: api.url + view, live: api.url };
    await readers.run(opening); // its connections (the readers' and the database pool's) opened and its code warm
    const [cpu0, pgCpu0] = [apiCpuMs(), pgCpuMs()];
    const { opens, perUrl } = await readers.run(opening);
    const apiCpu = (apiCpuMs() - cpu0) / opens.length;
    const pgCpu = (pgCpuMs() - pgCpu0) / opens.length;
    const routeTimes = perUrl.map(([url, v]): [string, number[]] => [url.startsWith(api.url) ? url.slice(api.url.length) : url, v]);
    // As a browser does: it keeps the view (private, no-cache) and revalidates it on the next open.
    const browserOpens = (await readers.run({ ...opening, browser: true })).opens;

    const views = opens.map((o) => o.view!);
    const whole = opens.map((o) => o.open);
    console.log(`${READERS} readers at once, ${OPENS} opens each (${opens.length} in all), ms`);
    console.log('| measure                                              |      p50 |      p95 |      p99 |      max |');
    console.log('|------------------------------------------------------|---------:|---------:|---------:|---------:|');
    const row = (label: string, v: number[]) => console.log(`| ${label.padEnd(52)} | ${ms(percentile(v, 50))} | ${ms(percentile(v, 95))} | ${ms(percentile(v, 99))} | ${ms(largest(v))} |`);
    row('floor: the same bytes from memory, no work', floor);
    row(`API floor: ${requests.length} requests that do nothing`, apiFloor);
    row('baseline: the reader view from raw pg', base);
    row('API: GET /articles/:id/reader', views);
    row(`API: opening the reader (${requests.length} requests, 1 socket read)`, whole);
    row('API, browser cache: first opens', browserOpens.filter((o) => !o.cached).map((o) => o.open));
    row('API, browser cache: re-opens (the view revalidated)', browserOpens.filter((o) => o.cached).map((o) => o.open));
    const ratio = (q: number) => (percentile(views, q) / percentile(base, q)).toFixed(2).padStart(8);
    console.log(`| ${'ratio API reader view / baseline'.padEnd(52)} | ${ratio(50)} | ${ratio(95)} | ${ratio(99)} |          |`);
    for (const [route, v] of routeTimes) row(`  ${route.replace(article.id, ':id').replace(workspace.id, ':wid').slice(0, 50)}`, v);
    console.log(`CPU per open (${requests.length} requests and the socket read): API process ${apiCpu.toFixed(1)} ms, PostgreSQL backends ${pgCpu.toFixed(1)} ms`);
    console.log('\nTargets:');
    const p99 = percentile(whole, 99);
    console.log(`- opening the reader at ${READERS} concurrent readers p99: ${p99.toFixed(1)} ms, target < ${TARGET_MS} ms: ${p99 < TARGET_MS ? 'MET' : 'MISSED'}`);
    console.log(`  (the floor, the same bytes from memory with no work, is p99 ${percentile(floor, 99).toFixed(1)} ms on this machine;`);
    console.log(`  ${requests.length} requests to the API that do nothing, p99 ${percentile(apiFloor, 99).toFixed(1)} ms)`);
    const p99Ratio = percentile(views, 99) / percentile(base, 99);
    console.log(`- reader view p99 vs the raw pg baseline: ${p99Ratio.toFixed(2)}x, target <= 2x: ${p99Ratio <= 2 ? 'MET' : 'MISSED'}`);
  } finally {
    for (const cleanup of cleanups) await Promise.resolve(cleanup()).catch((e: unknown) => console.error('cleanup:', e));
  }
}

runBench(main);
