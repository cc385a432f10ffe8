// Reader benchmark: how long after navigation an article's threads are on screen, in a real
// browser, for an article with 500 annotations on a warm server; then how long a comment one
// reader saves takes to show on another reader's screen.
// Run by hand, never by the tests:
//   pnpm --filter @corroborate/api bench:reader   (against the API and web client as last built)
// Needs PostgreSQL (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres)
// and Chromium (CHROMIUM_PATH, default /usr/bin/chromium); creates a scratch database and drops it.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtApi, call, freePort, machine, percentile, requireApi, scratchDatabase } from './common';

// BENCH_WEB_DIST: another build of the client, to compare two builds on the same machine.
const WEB_DIST = path.resolve(process.env.BENCH_WEB_DIST ?? path.join(__dirname, '../apps/web/dist'));
const { createApp, loadConfig, applyMigrations } = builtApi();
if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
  console.error('Build the web client first: npm run build');
  process.exit(2);
}
const { chromium } = requireApi('playwright-core') as typeof import('playwright-core');

/**
 * BENCH_REACT_PROFILE=1, with a client built for profiling (see bench/README.md): each page
 * notes, for every React commit, the time its components took to render (React DevTools' own
 * hook and rule for which ones rendered), and the bench prints how much the reader's opening
 * and each received comment cost in rendering.
 */
const REACT_PROFILE = !!process.env.BENCH_REACT_PROFILE;
const REACT_PROFILE_HOOK = `
  window.benchCommits = [];
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true, renderers: new Map(), inject() { return 1; }, checkDCE() {}, onCommitFiberUnmount() {}, onPostCommitFiberRoot() {}, onScheduleFiberRoot() {},
    onCommitFiberRoot(id, root) {
      let ms = 0;
      const stack = [root.current];
      while (stack.length) {
        const fiber = stack.pop();
        // Children this render did not reach are still the previous tree's.
        if (!fiber.alternate || fiber.child !== fiber.alternate.child) for (let c = fiber.child; c; c = c.sibling) stack.push(c);
        // PerformedWork: the component's function ran in this render.
        if ((fiber.flags & 1) === 1 && typeof fiber.selfBaseDuration === 'number') ms += fiber.selfBaseDuration;
      }
      window.benchCommits.push({ at: performance.timeOrigin + performance.now(), ms });
    },
  };`;
interface Commit {
  at: number;
  ms: number;
}
/**
 * Notes, from the document's start, the first frame with a thread card on screen (ms from the
 * navigation's start). Installed before the page's own scripts: waiting with Playwright's
 * waitForFunction instead compiles its injected script (hundreds of KiB) on the page's main
 * thread in the middle of the load, 10–15 ms the reader itself never spends.
 */
const FIRST_CARD_PROBE = `
  if (location.pathname.startsWith('/articles/')) window.benchFirstCard = new Promise((resolve) => {
    const watch = new MutationObserver(() => {
      if (!document.querySelector('[data-annotation-id]')) return;
      watch.disconnect();
      requestAnimationFrame(() => resolve(performance.now()));
    });
    watch.observe(document, { childList: true, subtree: true });
  });`;
/** What FIRST_CARD_PROBE noted in this page's document, waiting up to 30 s for it. */
async function firstCard(page: import('playwright-core').Page): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no threads at ${page.url()} within 30 s`)), 30_000)));
  return Promise.race([page.evaluate<number>('window.benchFirstCard'), timeout]).finally(() => clearTimeout(timer));
}
const commitsOf = (page: import('playwright-core').Page) => page.evaluate(() => (window as unknown as { benchCommits?: Commit[] }).benchCommits ?? []);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ANNOTATIONS = Number(process.env.BENCH_ANNOTATIONS ?? 500);
const RUNS = 20;
const TARGET_MS = 300;
const SAVES = 30;
const FEEL_TARGET_MS = 100;
const ARTICLE = fs.readFileSync(path.resolve(__dirname, '../prisma/seed/demo-article.txt'), 'utf8');
const PASSWORD = 'bench password 123';

async function main(): Promise<void> {
  console.log(`Machine: ${machine()}, load ${os.loadavg()[0]!.toFixed(1)}`);
  console.log(`Date: ${new Date().toISOString()}\n`);
  const db = await scratchDatabase();
  const dbUrl = db.url;
  const cleanups: (() => Promise<unknown>)[] = [db.drop];
  try {
    await applyMigrations(dbUrl);
    // The public URL must be known before the app starts (sockets check their origin against it).
    const port = await freePort();
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
    // The server's share: the two answers the reader waits for, asked one at a time.
    for (const route of ['/api/me', `/api/articles/${article.id}/reader`]) {
      const times: number[] = [];
      const cpu0 = process.cpuUsage();
      for (let i = 0; i < 40; i++) {
        const t0 = performance.now();
        await call(url, cookie, 'GET', route);
        if (i >= 10) times.push(performance.now() - t0);
      }
      const cpu = process.cpuUsage(cpu0);
      console.log(`GET ${route.replace(article.id, ':id')} alone (30 runs): p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms; CPU of this process per run ${((cpu.user + cpu.system) / 1000 / 40).toFixed(1)} ms`);
    }

    // A browser profile on disk, as a reader's own browser has: Chromium keeps compiled scripts
    // (its code cache) only for such profiles, never for the throwaway contexts tests use.
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-reader-'));
    cleanups.unshift(async () => fs.rmSync(profileDir, { recursive: true, force: true }));
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      viewport: { width: 1440, height: 900 },
      // The app's Content-Security-Policy forbids eval, which waitForFunction's predicate needs.
      bypassCSP: true,
    });
    cleanups.unshift(() => context.close());
    const browser = context.browser();
    if (!browser) throw new Error('no browser behind the persistent context');
    if (REACT_PROFILE) await context.addInitScript({ content: REACT_PROFILE_HOOK });
    await context.addInitScript({ content: FIRST_CARD_PROBE });
    await context.addCookies([{ name: 'cb_session', value: cookie.split('=').slice(1).join('='), url }]);
    const page = context.pages()[0] ?? (await context.newPage());
    const apiCalls: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) apiCalls.push(`${r.method()} ${u.pathname}`);
    });

    page.on('pageerror', (e) => console.log('page error:', e.message));
    const open = async () => {
      apiCalls.length = 0;
      await page.goto(`${url}/articles/${article.id}`);
      const at = await firstCard(page);
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
    // The rest of the list mounts in the background; how long until the last card is there.
    const allCards = await page.waitForFunction((n) => document.querySelectorAll('article[data-annotation-id]').length >= n && performance.now(), ANNOTATIONS, { polling: 100, timeout: 60_000 });
    console.log(`All ${ANNOTATIONS} thread cards mounted at ${((await allCards.jsonValue()) as number).toFixed(0)} ms after navigation`);
    if (REACT_PROFILE) {
      const commits = await commitsOf(page);
      if (!commits.some((c) => c.ms > 0)) throw new Error('BENCH_REACT_PROFILE: no render times; is the client a profiling build?');
      console.log(`React rendering of the last load until every card was mounted: ${commits.reduce((sum, c) => sum + c.ms, 0).toFixed(0)} ms in ${commits.length} commits, the largest ${Math.max(...commits.map((c) => c.ms)).toFixed(1)} ms`);
    }
    // Where the last load's time went: each file and request, ms from the navigation's start.
    const waterfall = await page.evaluate(() =>
      [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => {
        const t = e as PerformanceResourceTiming;
        return `${t.startTime.toFixed(0).padStart(5)} → ${t.responseEnd.toFixed(0).padStart(5)}  ${new URL(t.name).pathname}`;
      }),
    );
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return `DOMContentLoaded at ${n.domContentLoadedEventEnd.toFixed(0)} ms, load at ${n.loadEventEnd.toFixed(0)} ms`;
    });
    console.log(`Last load: ${nav}; files and requests (start → end, ms):\n${waterfall.join('\n')}`);
    // Two other ways in: a click on the article in its workspace's list, where the client is
    // already running (most visits), and a new tab (a link from elsewhere: a new renderer process,
    // nothing to tear down first, every script compiled afresh).
    const fromList = async () => {
      await page.goto(`${url}/w/${workspace.id}`);
      const link = page.getByRole('link', { name: 'Bench', exact: true });
      await link.waitFor();
      await page.waitForLoadState('networkidle');
      // Timed by the page, from the click event to the first frame with a thread card. A string:
      // nothing the bench's compiler adds to functions may reach the page.
      await page.evaluate(`window.opened = new Promise((resolve) => {
        document.addEventListener('click', (e) => {
          const check = () => document.querySelector('[data-annotation-id]') ? resolve(performance.now() - e.timeStamp) : requestAnimationFrame(check);
          requestAnimationFrame(check);
        }, { capture: true, once: true });
      }); undefined`);
      await link.click();
      return page.evaluate<number>('window.opened');
    };
    const inNewTab = async (hooks?: PageHooks) => {
      const tab = await context.newPage();
      await hooks?.before(tab);
      await tab.goto(`${url}/articles/${article.id}`);
      const at = await firstCard(tab);
      await hooks?.after(tab);
      await tab.close();
      return at;
    };
    const ways: [string, number[]][] = [["a click on the article in its workspace's list", []], ['a reload of the article', times], ['a new tab', []]];
    for (const [way, into] of [[fromList, ways[0]![1]], [inNewTab, ways[2]![1]]] as const) {
      for (let i = 0; i < 3; i++) await way();
      for (let i = 0; i < RUNS; i++) into.push(await way());
    }
    console.log(`\nThreads visible after navigation (${RUNS} loads each), ms`);
    console.log('| the reader reached by                          |   p50 |   p95 |   max |');
    console.log('|------------------------------------------------|------:|------:|------:|');
    for (const [way, t] of ways) console.log(`| ${way.padEnd(46)} | ${[percentile(t, 50), percentile(t, 95), Math.max(...t)].map((v) => v.toFixed(0).padStart(5)).join(' | ')} |`);
    if (process.env.BENCH_PROFILE) await profile(async (hooks) => (await hooks.before(page), await open(), await hooks.after(page)), process.env.BENCH_PROFILE);
    if (process.env.BENCH_PROFILE_TAB) await profile(inNewTab, process.env.BENCH_PROFILE_TAB);
    if (process.env.BENCH_TRACE) await trace(browser, page, open, process.env.BENCH_TRACE);
    if (process.env.BENCH_TRACE_TAB) await trace(browser, page, async () => ({ at: await inNewTab() }), process.env.BENCH_TRACE_TAB);
    for (const [way, t] of ways) {
      const p95 = percentile(t, 95);
      console.log(`Target: threads visible < ${TARGET_MS} ms (p95), the reader reached by ${way}: ${p95.toFixed(0)} ms: ${p95 < TARGET_MS ? 'MET' : 'MISSED'}`);
    }

    // What a user feels of a change: A saves a comment, B (another reader, in another context)
    // sees its thread. Both pages take their time from the same clock (timeOrigin + now).
    const other = `other.${randomUUID().slice(0, 8)}@bench.test`;
    const { cookie: otherCookie } = await call(url, '', 'POST', '/api/auth/register', { email: other, password: PASSWORD, displayName: 'Other reader' });
    await call(url, cookie, 'POST', `/api/workspaces/${workspace.id}/members`, { email: other, role: 'analyst' });
    const reader = async (session: string) => {
      const c = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
      if (REACT_PROFILE) await c.addInitScript({ content: REACT_PROFILE_HOOK });
      // Each page notes when a bench note's socket frame leaves it (the write) or reaches its
      // main thread (the event), to say where a save's time goes.
      // (No named functions inside: tsx would wrap them in a helper the page does not have.)
      await c.addInitScript(() => {
        const marks = { sent: {} as Record<string, number>, received: {} as Record<string, number> };
        (window as unknown as { benchFrames: typeof marks }).benchFrames = marks;
        const nativeSend = WebSocket.prototype.send;
        WebSocket.prototype.send = function (this: WebSocket, data) {
          const m = typeof data === 'string' ? /Seen by the other reader\? #(\d+)/.exec(data) : null;
          if (m && !(m[1]! in marks.sent)) marks.sent[m[1]!] = performance.timeOrigin + performance.now();
          return nativeSend.call(this, data);
        };
        window.WebSocket = class extends WebSocket {
          constructor(...args: ConstructorParameters<typeof WebSocket>) {
            super(...args);
            this.addEventListener('message', (e) => {
              const m = typeof e.data === 'string' ? /Seen by the other reader\? #(\d+)/.exec(e.data) : null;
              if (m && !(m[1]! in marks.received)) marks.received[m[1]!] = performance.timeOrigin + performance.now();
            });
          }
        };
      });
      await c.addCookies([{ name: 'cb_session', value: session.split('=').slice(1).join('='), url }]);
      const p = await c.newPage();
      await p.goto(`${url}/articles/${article.id}`);
      await p.locator('[data-annotation-id]').first().waitFor();
      return p;
    };
    const [a, b] = [await reader(cookie), await reader(otherCookie)];
    // Both readers have settled in (every thread card mounted, as a reader a while in the
    // article has): the figure is the change's, not the rest of the page still being built.
    for (const p of [a, b]) await p.waitForFunction((n) => document.querySelectorAll('article[data-annotation-id]').length >= n, ANNOTATIONS, { polling: 100, timeout: 60_000 });
    // A's click on Save, timed by the page itself.
    await a.evaluate(() => {
      document.addEventListener('click', (e) => {
        if ((e.target as Element).closest('button')?.textContent?.trim() === 'Save') (window as unknown as { savedAt: number }).savedAt = performance.timeOrigin + performance.now();
      }, true);
    });
    const feel: number[] = [];
    const stages = { send: [] as number[], server: [] as number[], draw: [] as number[] };
    // BENCH_PROFILE_SAVES=file: the receiving page's CPU profile over the saves;
    // BENCH_PROFILE_WRITER=1: the saving page's instead.
    const profiled = process.env.BENCH_PROFILE_WRITER ? a : b;
    const cdp = process.env.BENCH_PROFILE_SAVES ? await profiled.context().newCDPSession(profiled) : null;
    if (process.env.BENCH_TRACE_SAVES) await browser.startTracing(b, { categories: ['devtools.timeline', 'blink.user_timing', 'v8'] });
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    for (let i = 0; i < 3 + SAVES; i++) {
      const word = words[(i * 37) % words.length]![0];
      const note = `Seen by the other reader? #${i}`;
      await a.getByTestId('article-text').evaluate((root, word) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent!.indexOf(word);
          if (at === -1) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + word.length);
          getSelection()!.removeAllRanges();
          getSelection()!.addRange(range);
          return;
        }
      }, word);
      await a.getByRole('toolbar', { name: 'Annotate selection' }).waitFor();
      await a.keyboard.press('c');
      const composer = a.getByRole('dialog', { name: 'New annotation' });
      await composer.getByLabel('Comment').fill(note);
      // B notes the frame that draws the note's thread, watched for from before the click. Not
      // polled: checking every thread on every frame would itself hold up B's main thread.
      await b.evaluate((note) => {
        (window as unknown as { benchSeen: Promise<number> }).benchSeen = new Promise<number>((resolve, reject) => {
          setTimeout(() => reject(new Error(`the note "${note}" never showed`)), 10_000);
          const watch = new MutationObserver((records) => {
            const drawn = records.some((r) =>
              (r.type === 'characterData' ? [r.target] : [...r.addedNodes]).some((node) => {
                const el = node instanceof Element ? node : node.parentElement;
                return !!el && !!(el.closest('[data-annotation-id]') || el.querySelector('[data-annotation-id]')) && !!el.textContent?.includes(note);
              }),
            );
            if (!drawn) return;
            watch.disconnect();
            requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
          });
          watch.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
      }, note);
      await composer.getByRole('button', { name: 'Save' }).click();
      const seenAt = await b.evaluate(() => (window as unknown as { benchSeen: Promise<number> }).benchSeen);
      const savedAt = await a.evaluate(() => (window as unknown as { savedAt: number }).savedAt);
      if (i >= 3) feel.push(seenAt - savedAt);
      if (i >= 3) {
        const frames = async (p: typeof a) => p.evaluate((i) => {
          const { sent, received } = (window as unknown as { benchFrames: Record<'sent' | 'received', Record<string, number>> }).benchFrames;
          return { sent: sent[i] ?? NaN, received: received[i] ?? NaN };
        }, String(i));
        const [fromA, toB] = [await frames(a), await frames(b)];
        stages.send.push(fromA.sent - savedAt);
        stages.server.push(toB.received - fromA.sent);
        stages.draw.push(seenAt - toB.received);
      }
      await composer.waitFor({ state: 'detached' });
    }
    if (REACT_PROFILE) {
      // B's first commit once each comment's event reached it: drawing the new thread.
      const commits = await commitsOf(b);
      const received = Object.values(await b.evaluate(() => (window as unknown as { benchFrames: { received: Record<string, number> } }).benchFrames.received)).slice(3);
      const drawing = received.map((at) => commits.find((c) => c.at >= at && c.ms > 0)?.ms ?? NaN);
      console.log(`React rendering on B per received comment: p50 ${percentile(drawing, 50).toFixed(1)} ms, p95 ${percentile(drawing, 95).toFixed(1)} ms`);
    }
    if (process.env.BENCH_TRACE_SAVES) fs.writeFileSync(process.env.BENCH_TRACE_SAVES, await browser.stopTracing());
    if (cdp) fs.writeFileSync(process.env.BENCH_PROFILE_SAVES!, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    console.log(`From A's click on Save to B's rendered thread (${SAVES} comments): p50 ${percentile(feel, 50).toFixed(0)} ms, p95 ${percentile(feel, 95).toFixed(0)} ms, max ${Math.max(...feel).toFixed(0)} ms`);
    const stage = (label: string, xs: number[]) => `  ${label.padEnd(58)} p50 ${percentile(xs, 50).toFixed(0).padStart(4)} ms, p95 ${percentile(xs, 95).toFixed(0).padStart(4)} ms`;
    console.log(
      [
        'Where the time goes:',
        stage("A's click to its write leaving on the socket (A's page)", stages.send),
        stage("the write leaving A to the event reaching B's page", stages.server),
        stage("the event reaching B's page to the thread drawn", stages.draw),
      ].join('\n'),
    );
    const feel95 = percentile(feel, 95);
    console.log(`Target: another reader sees a saved comment < ${FEEL_TARGET_MS} ms (p95): ${feel95.toFixed(0)} ms: ${feel95 < FEEL_TARGET_MS ? 'MET' : 'MISSED'}`);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  }
}

/** What a page load lets a measurement do around it: before the navigation and after the first card. */
type PageHooks = { before: (page: import('playwright-core').Page) => Promise<void>; after: (page: import('playwright-core').Page) => Promise<void> };

/**
 * One more page load under Chromium's CPU profiler: writes the profile (open it in DevTools) and
 * prints the functions with the most time of their own.
 */
async function profile(open: (hooks: PageHooks) => Promise<unknown>, file: string): Promise<void> {
  let cdp: import('playwright-core').CDPSession | undefined;
  let cpu: import('playwright-core/types/protocol').Protocol.Profiler.Profile | undefined;
  await open({
    before: async (page) => {
      cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    },
    // Before a new tab closes, which would take its profile with it.
    after: async () => void ({ profile: cpu } = await cdp!.send('Profiler.stop')),
  });
  if (!cpu) throw new Error('profile: the load ended without a profile');
  fs.writeFileSync(file, JSON.stringify(cpu));
  const self = new Map<string, number>();
  const byId = new Map(cpu.nodes.map((n) => [n.id, n]));
  const deltas = cpu.timeDeltas ?? [];
  (cpu.samples ?? []).forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${path.basename(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0) / 1000);
  });
  console.log(`CPU profile of one load written to ${file}; most self time (ms):`);
  for (const [key, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${t.toFixed(1).padStart(8)}  ${key}`);
}

/**
 * One more page load under Chromium's tracing: writes the trace (open it in DevTools'
 * Performance panel) and prints the renderer main thread's busiest kinds of work until the
 * first thread card showed (style, layout, scripts, parsing...), each counted without what it called.
 */
async function trace(browser: import('playwright-core').Browser, page: import('playwright-core').Page, open: () => Promise<{ at: number }>, file: string): Promise<void> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing', 'loading', 'v8', 'disabled-by-default-v8.compile'] });
  const { at } = await open();
  const buffer = await browser.stopTracing();
  fs.writeFileSync(file, buffer);
  type Ev = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { data?: { frame?: string; url?: string } } };
  const events = (JSON.parse(buffer.toString('utf8')) as { traceEvents: Ev[] }).traceEvents;
  // The page's renderer main thread: the busiest one (a new tab starts in one process and may
  // move to another as it navigates).
  const busy = new Map<string, number>();
  for (const e of events) if (e.ph === 'X' && e.dur) busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
  const main = events
    .filter((e) => e.name === 'thread_name' && (e.args as { name?: string } | undefined)?.name === 'CrRendererMain')
    .sort((a, b) => (busy.get(`${b.pid}:${b.tid}`) ?? 0) - (busy.get(`${a.pid}:${a.tid}`) ?? 0))[0];
  const start = events.findLast((e) => e.name === 'navigationStart' && e.pid === main?.pid)?.ts ?? Math.min(...events.map((e) => e.ts));
  const end = start + at * 1000;
  const slices = events.filter((e) => e.pid === main?.pid && e.tid === main?.tid && e.ph === 'X' && e.ts >= start && e.ts <= end && e.dur);
  // Self time: a slice's duration less that of the slices directly inside it.
  slices.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: Ev[] = [];
  for (const e of slices) {
    while (stack.length && stack.at(-1)!.ts + stack.at(-1)!.dur! <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur! / 1000);
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur! / 1000);
    stack.push(e);
  }
  console.log(`Trace of one load written to ${file}; renderer main thread until the first card (${at.toFixed(0)} ms), self ms:`);
  for (const [name, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${t.toFixed(1).padStart(8)}  ${name}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
