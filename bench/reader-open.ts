// Reader-open benchmark: how long after navigation an article's threads are on screen, in a
// real browser, for an article with 500 annotations on a warm server.
// Run by hand, never by the tests:
//   pnpm --filter @corroborate/api bench:reader   (against the API and web client as last built)
// Needs PostgreSQL (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres)
// and Chromium (CHROMIUM_PATH, default /usr/bin/chromium); creates a scratch database and drops it.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { apiRoot, requireApi } from './common';

const WEB_DIST = path.resolve(__dirname, '../apps/web/dist');
if (!fs.existsSync(path.join(apiRoot, 'dist/app.js')) || !fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
  console.error('Build the API and the web client first: npm run build');
  process.exit(2);
}
const { createApp } = requireApi('./dist/app') as typeof import('../apps/api/src/app');
const { loadConfig } = requireApi('./dist/infra/config/config.schema') as typeof import('../apps/api/src/infra/config/config.schema');
const { applyMigrations } = requireApi('./dist/infra/database/migrate') as typeof import('../apps/api/src/infra/database/migrate');
const { Client } = requireApi('pg') as typeof import('pg');
const { chromium } = requireApi('playwright-core') as typeof import('playwright-core');

const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ANNOTATIONS = 500;
const RUNS = 20;
const TARGET_MS = 300;
const ARTICLE = fs.readFileSync(path.resolve(__dirname, '../prisma/seed/demo-article.txt'), 'utf8');
const PASSWORD = 'bench password 123';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};

async function call<T>(url: string, cookie: string, method: string, route: string, body?: unknown): Promise<{ body: T; cookie: string }> {
  const res = await fetch(`${url}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  const set = res.headers.getSetCookie().find((c) => c.startsWith('cb_session='));
  return { body: (await res.json()) as T, cookie: set ? set.split(';')[0]! : cookie };
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log(`Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, load ${os.loadavg()[0]!.toFixed(1)}, Node ${process.version}`);
  console.log(`Date: ${new Date().toISOString()}\n`);
  const dbName = `cb_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: BASE_URL });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`CREATE DATABASE "${dbName}"`);
  const dbUrl = Object.assign(new URL(BASE_URL), { pathname: `/${dbName}` }).toString();
  const cleanups: (() => Promise<unknown>)[] = [() => admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)];
  try {
    await applyMigrations(dbUrl);
    // The public URL must be known before the app starts (sockets check their origin against it).
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const url = `http://127.0.0.1:${port}`;
    const app = await createApp(
      loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', SEED_DEMO: 'false', WEB_DIST, PUBLIC_URL: url, DATABASE_URL: dbUrl, CHROMIUM_PATH: CHROMIUM }),
    );
    await app.listen(port, '127.0.0.1');
    cleanups.unshift(() => app.close());

    const email = `reader.${randomUUID().slice(0, 8)}@bench.test`;
    const { cookie } = await call(url, '', 'POST', '/api/auth/register', { email, password: PASSWORD, displayName: 'Reader' });
    const workspace = (await call<{ id: string }>(url, cookie, 'POST', '/api/workspaces', { name: 'Bench desk' })).body;
    const article = (await call<{ id: string; revision: { text: string } }>(url, cookie, 'POST', `/api/workspaces/${workspace.id}/articles`, { title: 'Bench', text: ARTICLE })).body;
    const text = article.revision.text;
    const words = [...text.matchAll(/\S+/g)];
    for (let i = 0; i < ANNOTATIONS; i++) {
      const word = words[Math.floor((i * words.length) / ANNOTATIONS)]!;
      await call(url, cookie, 'POST', `/api/articles/${article.id}/annotations`, {
        motivation: i % 3 === 0 ? 'questioning' : 'commenting',
        body: `Note ${i + 1}: who confirmed this, and when?`,
        target: { selector: [{ type: 'TextPositionSelector', start: word.index!, end: word.index! + word[0].length }] },
      });
    }
    console.log(`Article with ${ANNOTATIONS} annotations ready.`);

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    cleanups.unshift(() => browser.close());
    // The app's Content-Security-Policy forbids eval, which waitForFunction's predicate needs.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    await context.addCookies([{ name: 'cb_session', value: cookie.split('=').slice(1).join('='), url }]);
    const page = await context.newPage();
    const apiCalls: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) apiCalls.push(`${r.method()} ${u.pathname}`);
    });

    page.on('pageerror', (e) => console.log('page error:', e.message));
    const open = async () => {
      apiCalls.length = 0;
      await page.goto(`${url}/articles/${article.id}`);
      // The first frame with a thread card on screen, in ms from the navigation's start.
      const handle = await page
        .waitForFunction(() => document.querySelector('[data-annotation-id]') && performance.now(), undefined, { polling: 'raf', timeout: 30_000 })
        .catch((error: unknown) => {
          throw new Error(`no threads at ${page.url()}: ${String(error)}`);
        });
      const at = (await handle.jsonValue()) as number;
      const cards = await page.locator('[data-annotation-id]').count();
      return { at, cards, calls: [...apiCalls] };
    };
    // Warm the server and the browser's cache of the client's files.
    for (let i = 0; i < 3; i++) await open();
    const times: number[] = [];
    let last = await open();
    for (let i = 0; i < RUNS; i++) {
      last = await open();
      times.push(last.at);
    }
    console.log(`API requests until the threads show: ${last.calls.join(', ')}`);
    console.log(`Thread cards rendered: ${last.cards}`);
    console.log(`Threads visible after navigation (${RUNS} page loads): p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`);
    const p50 = percentile(times, 50);
    console.log(`Target: threads visible < ${TARGET_MS} ms (median): ${p50 < TARGET_MS ? 'MET' : 'MISSED'}`);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
