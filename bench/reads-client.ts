// The readers of bench/reads.ts: a GET as a browser makes it, and an open as the web client
// makes it (its requests at once), for `readers` readers at once. Used by the benchmark's
// own process and by the readers' process (reads-driver.ts).
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { open } from './common';

export interface Answer {
  ms: number;
  bytes: number;
  etag: string | null;
}

/**
 * A GET whose answer is read to the end but neither inflated nor parsed: fifty readers are fifty
 * browsers on machines of their own, so the driver sharing this machine with the servers must
 * cost next to nothing (fetch() inflating 4 MiB per open was most of the floor's time). Each
 * reader has its own keep-alive agent of six connections, as a browser does per host. With
 * `etag`, it asks as a browser holding that copy does (304 or 200). `bytes` are the bytes sent.
 */
export function get(url: string, cookie: string, options: { etag?: string; agent?: http.Agent; encoding?: string } = {}): Promise<Answer> {
  const t0 = performance.now();
  const headers = { 'accept-encoding': options.encoding ?? 'gzip, deflate, br', ...(cookie ? { cookie } : {}), ...(options.etag ? { 'if-none-match': options.etag } : {}) };
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: options.agent, headers }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => {
          if (res.statusCode !== 200 && !(options.etag && res.statusCode === 304)) reject(new Error(`GET ${url}: ${res.statusCode}`));
          else resolve({ ms: performance.now() - t0, bytes, etag: (res.headers.etag as string | undefined) ?? options.etag ?? null });
        });
      })
      .on('error', reject);
  });
}

/** An open's requests, all at once; `view`, one of `urls`, is revalidated with its ETag when `browser`. */
export interface OpensTask {
  readers: number;
  opens: number; // per reader, one after another
  urls: string[];
  cookies: string[]; // reader i sends cookies[i % length] ('' for none)
  view?: string;
  browser?: boolean;
  /**
   * The API's URL, when an open also reads the notifications' first page over the reader's live
   * connection, as the page does once its socket is up. Each reader's connection is made once
   * and kept: the socket's own connection and join were never part of an open here.
   */
  live?: string;
}

export interface Opened {
  open: number;
  view: number | null;
  cached: boolean;
}

export interface OpensResult {
  opens: Opened[];
  /** Each URL's times in the opens, to tell which of an open's requests waits. */
  perUrl: [string, number[]][];
}

/**
 * `readers` loops at once, each opening `opens` times with its own keep-alive agent of six
 * connections (`agents`, kept across tasks as a browser keeps its connections) and, with
 * `live`, its live connection (`sockets`, kept likewise). As a browser (`browser`), a reader
 * keeps the view it was sent and revalidates it on its next open.
 */
export async function runOpens(task: OpensTask, agents: http.Agent[], sockets: Map<number, Socket>): Promise<OpensResult> {
  const perUrl = new Map<string, number[]>();
  const opens: Opened[] = [];
  const note = (url: string, ms: number) => (perUrl.get(url) ?? perUrl.set(url, []).get(url)!).push(ms);
  const timed = async (url: string, cookie: string, agent: http.Agent, etag?: string) => {
    const answer = await get(url, cookie, { agent, etag });
    note(url, answer.ms);
    return answer;
  };
  const LIVE_READ = 'notifications:list (socket)';
  const liveRead = async (socket: Socket) => {
    const t0 = performance.now();
    const ack = (await socket.timeout(10_000).emitWithAck('notifications:list', { limit: 20 })) as { ok: boolean };
    if (!ack.ok) throw new Error(`notifications:list: ${JSON.stringify(ack)}`);
    note(LIVE_READ, performance.now() - t0);
  };
  if (task.live) {
    for (let reader = 0; reader < task.readers; reader++) {
      if (!sockets.has(reader)) sockets.set(reader, await open(task.live, task.cookies[reader % task.cookies.length]!));
    }
  }
  await Promise.all(
    Array.from({ length: task.readers }, async (_, reader) => {
      const cookie = task.cookies[reader % task.cookies.length]!;
      const agent = agents[reader]!;
      let held: string | undefined;
      for (let i = 0; i < task.opens; i++) {
        const t0 = performance.now();
        const etag = task.browser ? held : undefined;
        const [answers] = await Promise.all([
          Promise.all(task.urls.map((url) => timed(url, cookie, agent, url === task.view ? etag : undefined))),
          task.live ? liveRead(sockets.get(reader)!) : null,
        ]);
        const view = task.view ? answers[task.urls.indexOf(task.view)]! : null;
        if (view?.etag) held = view.etag;
        opens.push({ open: performance.now() - t0, view: view?.ms ?? null, cached: !!etag });
      }
    }),
  );
  return { opens, perUrl: [...perUrl] };
}
