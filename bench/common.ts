// Helpers shared by fanout.ts (the servers and the writer) and clients.ts (the socket.io clients).
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export const apiRoot = path.resolve(__dirname, '../apps/api');
/** Resolves dependencies (pg, socket.io, ...) and the compiled API from apps/api. */
export const requireApi = createRequire(path.join(apiRoot, 'package.json'));
const { io } = requireApi('socket.io-client') as typeof import('socket.io-client');
type Socket = import('socket.io-client').Socket;

export const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/** Wall-clock milliseconds with sub-millisecond resolution, comparable between processes on one machine. */
export const now = () => performance.timeOrigin + performance.now();

/** Parent → clients process. */
export type ToClients = { type: 'connect'; url: string; cookies: string[]; count: number; articleId: string } | { type: 'disconnect' };
/** Clients process → parent: `event` once all clients have received that event id. */
export type FromClients = { type: 'ready' } | { type: 'disconnected' } | { type: 'event'; id: string; times: number[] } | { type: 'error'; message: string };

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
