// Where a write's CPU goes, per stage, on both paths: the same annotation create sent over REST
// (the only path before socket writes) and over the socket (`annotation:create` with an ack),
// with clients joined to the article receiving each event. The API runs in its own process with
// the inspector open; the V8 profiler samples it only while the writes run (not the boot, not the
// warm-up), and each sample is put down to the stage of its innermost recognisable frame.
// Run by hand, never by the tests:
//   pnpm --filter @corroborate/api bench:profile   (against the API as last built)
// Needs PostgreSQL (BENCH_DATABASE_URL); creates a scratch database and drops it at the end.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startApiProcess } from '../apps/api/test/support/api-process';
import { builtApi, call, connect, freePort, machine, open, percentile, requireApi, runBench, scratchDatabase, sleep } from './common';

const { applyMigrations } = builtApi();
const WebSocket = requireApi('ws') as typeof import('ws');

const WRITES = Number(process.env.BENCH_WRITES ?? 1_000);
const WARMUP = 100;
const READERS = Number(process.env.BENCH_READERS ?? 20);
const ARTICLE = fs.readFileSync(path.resolve(__dirname, '../prisma/seed/demo-article.txt'), 'utf8');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A minimal Chrome DevTools Protocol client over the inspector's websocket. */
async function inspector(port: number) {
  const [target] = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const ws = new WebSocket(target!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let next = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  });
  const send = <T>(method: string, params: Record<string, unknown> = {}) =>
    new Promise<T>((resolve) => {
      const id = ++next;
      waiting.set(id, resolve as (r: unknown) => void);
      ws.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => ws.close() };
}

/** Stages, matched against a sample's frames from the innermost outwards; the first that matches takes the sample. */
const STAGES: [stage: string, matches: (f: ProfileNode['callFrame']) => boolean][] = [
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['serialisation (JSON.stringify)', (f) => f.url === '' && f.functionName === 'stringify'],
  ['parse (JSON.parse, body, packet)', (f) => (f.url === '' && f.functionName === 'parse') || /body-parser|raw-body|iconv-lite|content-type/.test(f.url) || (/socket\.io-parser/.test(f.url) && /decode|reconstruct/i.test(f.functionName))],
  ['database client (pg, Prisma)', (f) => /\/(?:pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+)@|@prisma\+|\/dist\/generated\/|\/dist\/infra\/database\//.test(f.url)],
  ['validation (zod)', (f) => /\/zod@|nestjs-zod/.test(f.url)],
  ['auth (session, access)', (f) => /\/dist\/(?:auth|workspaces)\//.test(f.url)],
  ['emit (socket.io, engine.io, ws, Redis adapter)', (f) => /socket\.io|engine\.io|\/ws@|@socket\.io|ioredis|redis/.test(f.url)],
  ['network writes and reads (kernel)', (f) => /^(?:writev|writeBuffer|writeUtf8String|writeLatin1String|onStreamRead|shutdown)$/.test(f.functionName)],
  ['HTTP and framework (Node http, Express, Nest, rxjs, helmet, pino)', (f) => /node:_http|express@|router@|@nestjs\+|rxjs@|helmet@|pino|on-finished|finalhandler|cookie|send@|serve-static/.test(f.url)],
  ['application code (the service, events, audit)', (f) => /\/dist\//.test(f.url)],
];
const IDLE = new Set(['(idle)', '(program)', '(root)']);

/**
 * Each node's stage: that of its innermost recognisable frame, `other` for the rest, none for
 * idle time (`idle` lists those leaves).
 */
function stageClassifier(list: ProfileNode[], idle: ReadonlySet<string>): (id: number) => string | null {
  const nodes = new Map(list.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of list) for (const c of n.children ?? []) parent.set(c, n.id);
  const stageOf = new Map<number, string | null>();
  return (id) => {
    if (stageOf.has(id)) return stageOf.get(id)!;
    const leaf = nodes.get(id)!.callFrame;
    let stage: string | null = idle.has(leaf.functionName) ? null : 'other (Node internals)';
    if (stage) {
      outer: for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = nodes.get(at)!.callFrame;
        for (const [name, matches] of STAGES) {
          if (matches(frame)) {
            stage = name;
            break outer;
          }
        }
      }
    }
    stageOf.set(id, stage);
    return stage;
  };
}

/** Microseconds of CPU per stage in the profile. */
function byStage(profile: Profile): Map<string, number> {
  const classify = stageClassifier(profile.nodes, IDLE);
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const stage = classify(id);
    if (stage) totals.set(stage, (totals.get(stage) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return totals;
}

/** A sampling heap profile's tree: each node what its frame allocated itself. */
interface HeapNode {
  id: number;
  callFrame: ProfileNode['callFrame'];
  selfSize: number;
  children: HeapNode[];
}

/** Bytes allocated per stage in a sampling heap profile (collected objects included). */
function allocatedByStage(head: HeapNode): Map<string, number> {
  const list: (ProfileNode & { selfSize: number })[] = [];
  const flatten = (n: HeapNode) => {
    list.push({ id: n.id, callFrame: n.callFrame, selfSize: n.selfSize, children: n.children.map((c) => c.id) });
    n.children.forEach(flatten);
  };
  flatten(head);
  // Every allocation counts, whatever made it: no leaf is idle here.
  const classify = stageClassifier(list, new Set());
  const totals = new Map<string, number>();
  for (const n of list) {
    if (!n.selfSize) continue;
    const stage = classify(n.id)!;
    totals.set(stage, (totals.get(stage) ?? 0) + n.selfSize);
  }
  return totals;
}

/**
 * One table: a row per stage (the largest in the first column first), one column per path,
 * each figure formatted by `unit`, then the paths' totals and any `extra` rows.
 */
function stageTable(title: string, columns: [string, Map<string, number>][], unit: (v: number) => string, totalLabel: string, extra: [string, string[]][] = []): void {
  const stages = [...new Set(columns.flatMap(([, byStage]) => [...byStage.keys()]))].sort((a, b) => (columns[0]![1].get(b) ?? 0) - (columns[0]![1].get(a) ?? 0));
  const row = (label: string, cells: string[]) => console.log(`| ${label.padEnd(66)} | ${cells.map((c) => c.padStart(9)).join(' | ')} |`);
  console.log(title);
  row('stage', columns.map(([name]) => name));
  console.log(`|--------------------------------------------------------------------|${columns.map(() => '----------:').join('|')}|`);
  for (const stage of stages) row(stage, columns.map(([, byStage]) => unit(byStage.get(stage) ?? 0)));
  row(totalLabel, columns.map(([, byStage]) => unit([...byStage.values()].reduce((sum, v) => sum + v, 0))));
  for (const [label, cells] of extra) row(label, cells);
}

async function main(): Promise<void> {
  console.log(`Machine: ${machine()}`);
  console.log(`Date: ${new Date().toISOString()}; ${WRITES} annotation creates per path (after ${WARMUP} to warm up), ${READERS} clients in the article\n`);
  const db = await scratchDatabase();
  const cleanups: (() => unknown)[] = [db.drop];
  try {
    await applyMigrations(db.url);
    const inspectPort = await freePort();
    process.env.API_NODE_ARGS = `--inspect=127.0.0.1:${inspectPort}`;
    const api = await startApiProcess(db.url, { NODE_ENV: 'production', LOG_LEVEL: 'silent' });
    delete process.env.API_NODE_ARGS;
    cleanups.unshift(() => api.stop());
    const profiler = await inspector(inspectPort);
    cleanups.unshift(() => profiler.close());

    const writer = await call<{ user: { id: string } }>(api.url, '', 'POST', '/api/auth/register', { email: `w.${randomUUID().slice(0, 8)}@bench.test`, password: 'bench password 123', displayName: 'Writer' });
    const workspace = (await call<{ id: string }>(api.url, writer.cookie, 'POST', '/api/workspaces', { name: 'Bench desk' })).body;
    const article = (await call<{ id: string; revision: { text: string } }>(api.url, writer.cookie, 'POST', `/api/workspaces/${workspace.id}/articles`, { title: 'Bench', text: ARTICLE })).body;
    const words = [...article.revision.text.matchAll(/\w{4,}/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
    const readers = await Promise.all(Array.from({ length: READERS }, () => connect(api.url, writer.cookie, article.id)));
    cleanups.unshift(() => readers.forEach((s) => s.disconnect()));
    // Writes rotate over a few sockets: one socket may send 1,000 writes per 10 s, fewer than this sends.
    const writerSockets = await Promise.all(Array.from({ length: 4 }, () => open(api.url, writer.cookie)));
    cleanups.unshift(() => writerSockets.forEach((s) => s.disconnect()));

    // Each write waits until every reader has its event, so the fan-out is inside the profile too.
    const received = new Map<string, { count: number; done: () => void }>();
    for (const socket of readers) {
      socket.on('event', (e: { data: { id: string } }) => {
        const entry = received.get(e.data.id);
        if (entry && ++entry.count === READERS) entry.done();
      });
    }
    const body = (id: string, i: number) => ({ id, motivation: 'highlighting', target: { selector: { type: 'TextPositionSelector', ...words[i % words.length]! } } });
    const paths: Record<string, (id: string, i: number) => Promise<unknown>> = {
      REST: (id, i) => call(api.url, writer.cookie, 'POST', `/api/articles/${article.id}/annotations`, body(id, i)),
      socket: async (id, i) => {
        const ack = await writerSockets[i % writerSockets.length]!.timeout(10_000).emitWithAck('annotation:create', { articleId: article.id, body: body(id, i) });
        if (!ack.ok) throw new Error(`socket write: ${JSON.stringify(ack)}`);
      },
    };
    const write = async (send: (id: string, i: number) => Promise<unknown>, i: number) => {
      const id = randomUUID();
      const all = new Promise<void>((done) => received.set(id, { count: 0, done }));
      const t0 = performance.now();
      await send(id, i);
      await all;
      received.delete(id);
      return performance.now() - t0;
    };

    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.setSamplingInterval', { interval: 100 });
    await profiler.send('HeapProfiler.enable');
    const results: Record<string, { stages: Map<string, number>; allocated: Map<string, number>; wall: number[] }> = {};
    for (const [name, send] of Object.entries(paths)) {
      for (let i = 0; i < WARMUP; i++) await write(send, i);
      await sleep(500);
      await profiler.send('Profiler.start');
      const wall: number[] = [];
      for (let i = 0; i < WRITES; i++) wall.push(await write(send, WARMUP + i));
      const { profile } = await profiler.send<{ profile: Profile }>('Profiler.stop');
      // As many writes again for what they allocate, collected or not (what the young
      // generation's collections sweep): apart, so the heap sampler's work is not in the CPU figures.
      await profiler.send('HeapProfiler.startSampling', { samplingInterval: 8192, includeObjectsCollectedByMinorGC: true, includeObjectsCollectedByMajorGC: true });
      for (let i = 0; i < WRITES; i++) await write(send, WARMUP + WRITES + i);
      const { profile: heap } = await profiler.send<{ profile: { head: HeapNode } }>('HeapProfiler.stopSampling');
      if (process.env.BENCH_PROFILE_DIR) {
        fs.writeFileSync(path.join(process.env.BENCH_PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
        fs.writeFileSync(path.join(process.env.BENCH_PROFILE_DIR, `${name}.heapprofile`), JSON.stringify(heap));
      }
      results[name] = { stages: byStage(profile), allocated: allocatedByStage(heap.head), wall };
    }

    const names = Object.keys(paths);
    const wall = (n: string, q: number) => percentile(results[n]!.wall, q).toFixed(2).padStart(9);
    stageTable(
      'API CPU per write by stage, µs (V8 profile of the API process; samples every 100 µs)',
      names.map((n) => [n, results[n]!.stages]),
      (v) => (v / WRITES).toFixed(0),
      'CPU in all',
      [50, 99].map((q) => [`wall: send to every client has it, p${q} ms`, names.map((n) => wall(n, q))]),
    );
    stageTable(
      '\nAPI allocation per write by stage, KiB (V8 sampling heap profile, one sample per 8 KiB, collected objects included)',
      names.map((n) => [n, results[n]!.allocated]),
      (v) => (v / WRITES / 1024).toFixed(1),
      'allocated in all',
    );
  } finally {
    for (const cleanup of cleanups) await Promise.resolve(cleanup()).catch((e: unknown) => console.error('cleanup:', e));
  }
}

runBench(main);
