// Helpers shared by the benchmarks and their child processes (clients.ts, peer-process.ts, ...).
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { FromPeer, PeerKind, ToPeer } from './peer-process';

export const apiRoot = path.resolve(__dirname, '../apps/api');
/** Resolves dependencies (pg, socket.io, ...) and the compiled API from apps/api. */
export const requireApi = createRequire(path.join(apiRoot, 'package.json'));
const { io } = requireApi('socket.io-client') as typeof import('socket.io-client');
type Socket = import('socket.io-client').Socket;
const { HocuspocusProvider, HocuspocusProviderWebsocket } = requireApi('@hocuspocus/provider') as typeof import('@hocuspocus/provider');
const Y = requireApi('yjs') as typeof import('yjs');
const WebSocket = requireApi('ws') as typeof import('ws');

/**
 * The compiled API's entry points (Nest's injection needs the decorator metadata that tsc
 * emits, which tsx does not); exits with a hint when it is not built.
 */
export function builtApi() {
  if (!fs.existsSync(path.join(apiRoot, 'dist/app.js'))) {
    console.error('Build the API first: npm run build (or pnpm --filter @corroborate/api build)');
    process.exit(2);
  }
  return {
    ...(requireApi('./dist/app') as typeof import('../apps/api/src/app')),
    ...(requireApi('./dist/infra/config/config.schema') as typeof import('../apps/api/src/infra/config/config.schema')),
    ...(requireApi('./dist/infra/database/migrate') as typeof import('../apps/api/src/infra/database/migrate')),
  };
}

export const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/**
 * This process's heap and RSS in MiB after full collections that compact the heap: what is
 * held, not how fragmented the heap happens to be.
 */
export async function memoryAfterGc(): Promise<{ heap: number; rss: number }> {
  v8.setFlagsFromString('--expose-gc');
  v8.setFlagsFromString('--compact-on-every-full-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(200);
  }
  const { heapUsed, rss } = process.memoryUsage();
  return { heap: heapUsed / 2 ** 20, rss: rss / 2 ** 20 };
}

/** Runs a benchmark's `main`, then exits: 0 once done, 1 with the error if it failed (open handles keep nothing alive). */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** One JSON request to the API with a session cookie; the answer and the cookie to go on with (a new one once signed in). */
export async function call<T>(url: string, cookie: string, method: string, route: string, body?: unknown): Promise<{ body: T; cookie: string }> {
  const res = await fetch(`${url}${route}`, { method, headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  const set = res.headers.getSetCookie().find((c) => c.startsWith('cb_session='));
  return { body: (await res.json()) as T, cookie: set ? set.split(';')[0]! : cookie };
}

/** The value at or below which p per cent of `values` lie (NaN for none). */
export function percentile(values: number[], p: number): number {
  return quantiles(values)(p);
}

/**
 * `percentile` of `values` for any p, sorted once. A typed array sorts numbers natively, about
 * six times faster than with a comparator: the fan-out takes percentiles of up to 500,000
 * latencies in the process that also runs the API, whose sockets are dropped after 8 s
 * without a ping, which dozens of comparator sorts of that size took on a slow host.
 */
export function quantiles(values: number[]): (p: number) => number {
  const sorted = Float64Array.from(values).sort();
  return (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! : NaN);
}

/** The largest of `values` (spreading hundreds of thousands into Math.max overflows the stack); NaN for none. */
export function largest(values: number[]): number {
  return values.length ? values.reduce((m, v) => (v > m ? v : m), -Infinity) : NaN;
}

/** The machine a benchmark ran on, for its report. */
export function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** A child process (a script beside this one) driven by requests over IPC, one at a time. */
export class Child<To, From extends { type: string }> {
  private readonly child: ChildProcess;
  private pending?: { resolve: (m: From) => void; reject: (e: Error) => void };
  constructor(script: string, args: string[] = []) {
    this.child = fork(path.join(__dirname, script), args, { cwd: apiRoot, execArgv: ['--import', 'tsx', '--max-old-space-size=8192'] });
    this.child.on('message', (m: From | { type: 'error'; message: string }) =>
      'message' in m && m.type === 'error' ? this.pending?.reject(new Error(`${script}: ${m.message}`)) : this.pending?.resolve(m as From),
    );
    this.child.on('exit', (code) => this.pending?.reject(new Error(`${script} exited (${code})`)));
  }
  /** The next message, after sending `message` if given. */
  request(message?: To): Promise<From> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      if (message) this.child.send(message as object);
    });
  }
  close(): void {
    this.child.kill();
  }
}

/** A baseline server (the bare one, or Hocuspocus storing changes at `databaseUrl` if given) in a process of its own (peer-process.ts). */
export async function startPeer(kind: PeerKind, databaseUrl?: string) {
  const child = new Child<ToPeer, FromPeer>('peer-process.ts', databaseUrl ? [kind, databaseUrl] : [kind]);
  const listening = await child.request();
  if (listening.type !== 'listening') throw new Error(`unexpected ${listening.type}`);
  const ask = async <T extends FromPeer['type']>(type: T & ToPeer['type']) => {
    const answer = await child.request({ type } as ToPeer);
    if (answer.type !== type) throw new Error(`unexpected ${answer.type}`);
    return answer as Extract<FromPeer, { type: T }>;
  };
  return {
    url: listening.url,
    /** Document states Hocuspocus stored so far (0 for the others). */
    stores: async () => (await ask('stores')).stores,
    /** Its heap and RSS after full collections, and the connections it holds. */
    memory: () => ask('memory'),
    close: async () => child.close(),
  };
}

/** A free local port: an app serving the web client must know its public URL before it starts (sockets check their origin). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** PostgreSQL the benchmarks create their scratch databases on. */
export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Runs one statement on the server at BENCH_DATABASE_URL (creating or dropping a database). */
export async function admin(sql: string): Promise<void> {
  const { Client } = requireApi('pg') as typeof import('pg');
  const client = new Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database for one run; `drop` removes it (whoever is still connected). */
export async function scratchDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `cb_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = Object.assign(new URL(BENCH_DATABASE_URL), { pathname: `/${name}` }).toString();
  return { name, url, drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** CPU time (user and system) of process `pid` so far, in ms, from /proc. */
export function processCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ').slice(11, 13).reduce((n, t) => n + Number(t) * 10, 0);
}

/** CPU time of the PostgreSQL backends serving database `name` so far, in ms (from /proc; 0 where it is not readable). */
export function postgresCpuMs(name: string): number {
  let total = 0;
  for (const pid of fs.existsSync('/proc') ? fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)) : []) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Backends' process titles name their database.
      if (!stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith('postgres') || !fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(name)) continue;
      total += processCpuMs(Number(pid));
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable between processes on one machine. */
export const now = () => performance.timeOrigin + performance.now();

/** Parent → clients process: `connect` adds `count` clients of one server, socket.io (joined to the article) or Hocuspocus (on the document). */
export type ToClients =
  | { type: 'connect'; kind: 'socket.io'; url: string; cookies: string[]; count: number; articleId: string }
  | { type: 'connect'; kind: 'hocuspocus'; url: string; count: number; document: string }
  | { type: 'disconnect' }
  /** One client joins the article, then rejoins it `runs` times from `sinceSeq`, timing each until its ack (with `expect` missed events) is in. */
  | { type: 'rejoin'; url: string; cookie: string; articleId: string; sinceSeq: number; runs: number; expect: number };
/** Clients process → parent: `event` once all clients have received that event id. */
export type FromClients =
  | { type: 'ready' }
  | { type: 'disconnected' }
  | { type: 'event'; id: string; times: number[] }
  | { type: 'rejoined'; times: number[] }
  | { type: 'error'; message: string };

/** One connected websocket client, signed in with the cookie. */
export async function open(url: string, cookie: string | undefined): Promise<Socket> {
  const socket = io(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: cookie ? { cookie } : {} });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** One websocket client joined to the article's room, like a browser tab. */
export async function connect(url: string, cookie: string | undefined, articleId: string): Promise<Socket> {
  const socket = await open(url, cookie);
  const ack = await socket.timeout(10_000).emitWithAck('article:join', { articleId });
  if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack)}`);
  return socket;
}

/** The Y.Map of a Hocuspocus document that the benchmark writes to: one entry per change, keyed by its id. */
export const HOCUSPOCUS_MAP = 'events';

/**
 * A HocuspocusProvider on `document`, with its own Y.Doc, resolved once synced with the server.
 * Without awareness: the API's clients send no presence while the benchmark writes, and awareness
 * is renewed every 15 s by every client and sent to all the others (n² frames). Hence also the long
 * messageReconnectTimeout: without awareness an idle client would otherwise reconnect after 30 s.
 */
export async function hocuspocus(url: string, document: string) {
  // One websocket per provider, as each browser tab has its own.
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket, messageReconnectTimeout: 3_600_000 });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: document, document: new Y.Doc(), awareness: null });
  const synced = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Hocuspocus provider on ${url} not synced in 30 s`)), 30_000);
    provider.on('synced', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  provider.attach();
  await synced;
  return {
    provider,
    map: provider.document.getMap<string>(HOCUSPOCUS_MAP),
    close: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}
