// Workspace search on generated data: 200 articles, 20,000 annotations, 5,000 claims (with
// comments, evidence and sources), plus a second workspace of the same size that must not slow
// the first one's searches. Measures GET /api/workspaces/:id/search through the real API.
// Run: pnpm --filter @corroborate/api build && pnpm --filter @corroborate/api bench:search
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { builtApi, requireApi } from './common';

const { createApp, loadConfig, applyMigrations } = builtApi();
const { Client } = requireApi('pg') as typeof import('pg');

const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SIZE = { articles: 200, annotations: 20_000, claims: 5_000 };
/** The other workspace: a quarter the size, there so that searches have rows to leave out. */
const OTHER = { articles: 50, annotations: 5_000, claims: 1_250 };
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 50);
// BENCH_KEEP=1 keeps the generated database (named at the end) to look at query plans.

/** A deterministic generator, so every run searches the same data. */
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

/**
 * A vocabulary shaped like a desk's writing: the words of our own test articles mixed among
 * 15,000 made-up ones, drawn with a Zipf-like skew (rank r weighs 1/(r + 50)), so the most
 * common word is in about one annotation in twelve and most words are rare.
 */
const REAL = [
  ...new Set(
    fs
      .readdirSync(path.resolve(__dirname, '../apps/api/test/fixtures/articles'))
      .flatMap((f) => fs.readFileSync(path.resolve(__dirname, '../apps/api/test/fixtures/articles', f), 'utf8').toLowerCase().match(/[a-z]{4,}/g) ?? []),
  ),
];
const SYLLABLES = ['ka', 'lo', 'mer', 'ti', 'van', 'su', 'ro', 'den', 'pa', 'qui', 'ster', 'mo', 'lin', 'gra', 'bo', 'tel'];
const VOCABULARY: string[] = [];
{
  const made = Array.from({ length: 15_000 }, (_, i) => {
    let w = '';
    for (let n = i + 7; w.length < 6 || n > 0; n = Math.floor(n / SYLLABLES.length)) w += SYLLABLES[n % SYLLABLES.length];
    return w;
  });
  const real = [...REAL];
  while (made.length || real.length) VOCABULARY.push(real.length && (random() < 0.1 || !made.length) ? real.shift()! : made.shift()!);
}
const CUMULATIVE = (() => {
  let sum = 0;
  return VOCABULARY.map((_, r) => (sum += 1 / (r + 51)));
})();
const word = () => {
  const x = random() * CUMULATIVE.at(-1)!;
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CUMULATIVE[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo]!;
};
const sentence = (min: number, max: number) => {
  const n = min + Math.floor(random() * (max - min));
  const words = Array.from({ length: n }, word);
  if (random() < 0.3) words.splice(Math.floor(random() * n), 0, String(Math.floor(random() * 5_000)));
  return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
};
const paragraph = () => Array.from({ length: 3 + Math.floor(random() * 5) }, () => sentence(8, 30)).join(' ');
/** Most articles of 2,000-8,000 characters, one in twenty of 20,000-50,000. */
const articleText = () => {
  const size = random() < 0.05 ? 20_000 + random() * 30_000 : 2_000 + random() * 6_000;
  let text = '';
  while (text.length < size) text += `${paragraph()}\n\n`;
  return text.trim();
};

const STATUSES = ['open', 'assigned', 'in_progress', 'in_review', 'resolved', 'dismissed'];

async function insert(db: InstanceType<typeof Client>, table: string, columns: string[], types: string[], rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2_000) {
    const chunk = rows.slice(i, i + 2_000);
    const arrays = columns.map((_, c) => chunk.map((r) => r[c]));
    const list = columns.map((c) => `"${c}"`).join(', ');
    const unnest = types.map((t, k) => `$${k + 1}::${t}[]`).join(', ');
    await db.query(`INSERT INTO ${table} (${list}) SELECT * FROM unnest(${unnest})`, arrays);
  }
}

/** One workspace's worth of generated content, written straight to the database. */
async function fill(db: InstanceType<typeof Client>, workspaceId: string, userId: string, size: typeof SIZE): Promise<void> {
  const now = new Date();
  const articles: unknown[][] = [];
  const revisions: unknown[][] = [];
  const texts: { articleId: string; revisionId: string; text: string }[] = [];
  for (let i = 0; i < size.articles; i++) {
    const articleId = randomUUID();
    const revisionId = randomUUID();
    const text = articleText();
    articles.push([articleId, workspaceId, sentence(4, 10).slice(0, -1), userId, now]);
    revisions.push([revisionId, articleId, 1, text, 'bench', text.split(/\s+/).length, '[]', 'text', text, userId]);
    texts.push({ articleId, revisionId, text });
  }
  await insert(db, 'articles', ['id', 'workspace_id', 'title', 'created_by_id', 'updated_at'], ['uuid', 'uuid', 'text', 'uuid', 'timestamptz'], articles);
  await insert(
    db,
    'article_revisions',
    ['id', 'article_id', 'number', 'text', 'sha256', 'word_count', 'paragraphs', 'source_format', 'source', 'created_by_id'],
    ['uuid', 'uuid', 'int', 'text', 'text', 'int', 'jsonb', '"SourceFormat"', 'text', 'uuid'],
    revisions,
  );

  const annotations: unknown[][] = [];
  for (let i = 0; i < size.annotations; i++) {
    const { articleId, revisionId, text } = pick(texts);
    const start = Math.floor(random() * (text.length - 80));
    const end = start + 20 + Math.floor(random() * 60);
    const motivation = pick(['commenting', 'commenting', 'questioning', 'highlighting', 'tagging']);
    const body = motivation === 'highlighting' ? null : sentence(5, 40);
    annotations.push([randomUUID(), articleId, revisionId, userId, motivation, body, text.slice(start, end), '', '', start, end, random() < 0.2 ? now : null, now]);
  }
  await insert(
    db,
    'annotations',
    ['id', 'article_id', 'revision_id', 'author_id', 'motivation', 'body', 'exact', 'prefix', 'suffix', 'start', 'end', 'resolved_at', 'updated_at'],
    ['uuid', 'uuid', 'uuid', 'uuid', '"Motivation"', 'text', 'text', 'text', 'text', 'int', 'int', 'timestamptz', 'timestamptz'],
    annotations,
  );
  // unnest flattens arrays of arrays: tags are set afterwards, a word on about a third of them.
  await db.query(`UPDATE annotations SET tags = CASE WHEN random() < 0.3 THEN ARRAY[($1::text[])[1 + floor(random() * 50)::int]] ELSE '{}' END`, [VOCABULARY.slice(0, 50)]);

  const claims: unknown[][] = [];
  const comments: unknown[][] = [];
  const evidence: unknown[][] = [];
  const sources: unknown[][] = [];
  for (let s = 0; s < 300; s++) sources.push([randomUUID(), workspaceId, `https://${word()}-${s}.example.org/`, `${word()}-${s}.example.org`, `https://${word()}-${s}.example.org/`]);
  for (let i = 0; i < size.claims; i++) {
    const { articleId } = pick(texts);
    const claimId = randomUUID();
    claims.push([claimId, articleId, workspaceId, sentence(6, 25), random() < 0.5 ? `${word()} ${word()}` : null, pick(STATUSES), userId, now]);
    comments.push([randomUUID(), claimId, userId, sentence(5, 40), now]);
    const source = pick(sources);
    evidence.push([randomUUID(), claimId, source[0], 'url', `${source[4]}${word()}`, sentence(3, 10), sentence(10, 40), 'supports', 0, userId, now]);
  }
  await insert(db, 'sources', ['id', 'workspace_id', 'key', 'outlet', 'url'], ['uuid', 'uuid', 'text', 'text', 'text'], sources);
  await insert(
    db,
    'claims',
    ['id', 'article_id', 'workspace_id', 'statement', 'claimant', 'status', 'created_by_id', 'updated_at'],
    ['uuid', 'uuid', 'uuid', 'text', 'text', '"ClaimStatus"', 'uuid', 'timestamptz'],
    claims,
  );
  await db.query(`UPDATE claims SET tags = '{}' WHERE tags IS NULL`);
  await insert(db, 'claim_comments', ['id', 'claim_id', 'author_id', 'body', 'updated_at'], ['uuid', 'uuid', 'uuid', 'text', 'timestamptz'], comments);
  await insert(
    db,
    'evidence',
    ['id', 'claim_id', 'source_id', 'kind', 'url', 'title', 'excerpt', 'stance', 'position', 'created_by_id', 'updated_at'],
    ['uuid', 'uuid', 'uuid', '"EvidenceKind"', 'text', 'text', 'text', '"Stance"', 'int', 'uuid', 'timestamptz'],
    evidence,
  );
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/**
 * CPU time (ms) used so far by PostgreSQL's backends for the benchmark database, read from
 * /proc (Linux): with the API process's own CPU time, what a search costs whatever else the
 * machine is doing. Ticks are 1/100 s, so it is summed over many requests.
 */
async function backendCpu(db: InstanceType<typeof Client>, seen: Map<number, number>): Promise<number> {
  const { rows } = await db.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  for (const { pid } of rows as { pid: number }[]) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seen.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    } catch {
      // Not Linux, or the backend has just ended: its last reading stands.
    }
  }
  return [...seen.values()].reduce((a, b) => a + b, 0);
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log(`Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const admin = new Client({ connectionString: BASE_URL });
  await admin.connect();
  const dbName = `cb_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const dbUrl = Object.assign(new URL(BASE_URL), { pathname: `/${dbName}` }).toString();
  const db = new Client({ connectionString: dbUrl });
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    await applyMigrations(dbUrl);
    console.log(`PostgreSQL: ${(await admin.query('SHOW server_version')).rows[0].server_version}`);
    app = await createApp(loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', SEED_DEMO: 'false', WEB_DIST: '/nonexistent', DATABASE_URL: dbUrl }));
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const register = async (name: string) => {
      const res = await fetch(`${url}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `${name}.${randomUUID().slice(0, 8)}@bench.test`, password: 'bench password 123', displayName: name }),
      });
      const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
      const { user } = (await res.json()) as { user: { id: string } };
      const ws = await fetch(`${url}/api/workspaces`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, origin: 'http://localhost:3000' }, body: JSON.stringify({ name: 'Bench desk' }) });
      if (ws.status !== 201) throw new Error(`workspace: ${ws.status} ${await ws.text()}`);
      return { cookie, userId: user.id, workspaceId: ((await ws.json()) as { id: string }).id };
    };
    const desk = await register('Searcher');
    const other = await register('Elsewhere');

    await db.connect();
    const t = performance.now();
    await fill(db, desk.workspaceId, desk.userId, SIZE);
    await fill(db, other.workspaceId, other.userId, OTHER);
    await db.query('ANALYZE');
    const counts = (
      await db.query(
        `SELECT count(*) a, sum(length(r.text)) chars, (SELECT count(*) FROM annotations n JOIN articles x ON x.id = n.article_id WHERE x.workspace_id = $1) n,
          (SELECT count(*) FROM claims WHERE workspace_id = $1) c FROM articles a JOIN article_revisions r ON r.article_id = a.id WHERE a.workspace_id = $1`,
        [desk.workspaceId],
      )
    ).rows[0];
    console.log(
      `Searched workspace: ${counts.a} articles (${Number(counts.chars).toLocaleString('en')} characters), ${counts.n} annotations, ${counts.c} claims, each with a comment and evidence; ` +
        `another workspace a quarter its size; generated in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    // Common and rare words, phrases, operators and filters.
    // The most common word, words of middling and rare use, two words, a phrase, operators, filters and paging.
    const v = (rank: number) => VOCABULARY[rank]!;
    const queries = [
      `q=${v(0)}`,
      `q=${v(30)}`,
      `q=${v(300)}`,
      `q=${v(5_000)}`,
      `q=${v(3)}+${v(10)}`,
      `q="${v(1)} ${v(2)}"`,
      `q=${v(5)}+or+${v(200)}+-${v(7)}`,
      `q=${v(4)}&type=claim&status=open,in_review`,
      `q=${v(6)}&offset=40`,
      `q=${v(20)}&type=article`,
      `q=zzzz+nothing+matches`,
    ];
    const search = async (query: string) => {
      const started = performance.now();
      const res = await fetch(`${url}/api/workspaces/${desk.workspaceId}/search?${query}`, { headers: { cookie: desk.cookie } });
      const body = (await res.json()) as { total: number };
      if (res.status !== 200) throw new Error(`${query}: ${res.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - started, total: body.total };
    };
    for (const query of queries) for (let i = 0; i < 5; i++) await search(query);

    const all: number[] = [];
    const pgSeen = new Map<number, number>();
    console.log(`\n${REQUESTS} requests per query, one at a time. CPU per request: the API process (with this client) and PostgreSQL's backends.\n`);
    console.log('| query | matches | p50 ms | p95 ms | max ms | CPU API ms | CPU PostgreSQL ms |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const query of queries) {
      const times: number[] = [];
      let total = 0;
      const pgBefore = await backendCpu(db, pgSeen);
      const cpuBefore = process.cpuUsage();
      for (let i = 0; i < REQUESTS; i++) {
        const r = await search(query);
        times.push(r.ms);
        total = r.total;
      }
      const cpu = process.cpuUsage(cpuBefore);
      const pg = (await backendCpu(db, pgSeen)) - pgBefore;
      times.sort((a, b) => a - b);
      all.push(...times);
      console.log(
        `| \`${decodeURIComponent(query)}\` | ${total.toLocaleString('en')} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${times.at(-1)!.toFixed(1)} | ` +
          `${((cpu.user + cpu.system) / 1000 / REQUESTS).toFixed(1)} | ${(pg / REQUESTS).toFixed(1)} |`,
      );
    }
    all.sort((a, b) => a - b);
    console.log(`\nAll ${all.length} requests: p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms, p99 ${percentile(all, 99).toFixed(1)} ms (budget: p95 under 50 ms)`);
  } finally {
    await app?.close();
    await db.end().catch(() => {});
    if (process.env.BENCH_KEEP) console.log(`Kept the database ${dbName}`);
    else await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
