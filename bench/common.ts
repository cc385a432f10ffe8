// Helpers shared by fanout.ts (the servers and the writers) and clients.ts (the receiving clients).
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export const apiRoot = path.resolve(__dirname, '../apps/api');
/** Resolves dependencies (pg, socket.io, ...) and the compiled API from apps/api. */
export const requireApi = createRequire(path.join(apiRoot, 'package.json'));
const { io } = requireApi('socket.io-client') as typeof import('socket.io-client');
type Socket = import('socket.io-client').Socket;
const { HocuspocusProvider, HocuspocusProviderWebsocket } = requireApi('@hocuspocus/provider') as typeof import('@hocuspocus/provider');
const Y = requireApi('yjs') as typeof import('yjs');
const WebSocket = requireApi('ws') as typeof import('ws');

export const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/** Wall-clock milliseconds with sub-millisecond resolution, comparable between processes on one machine. */
export const now = () => performance.timeOrigin + performance.now();

/** Parent → clients process: `connect` adds `count` clients of one server, socket.io (joined to the article) or Hocuspocus (on the document). */
export type ToClients =
  | { type: 'connect'; kind: 'socket.io'; url: string; cookies: string[]; count: number; articleId: string }
  | { type: 'connect'; kind: 'hocuspocus'; url: string; count: number; document: string }
  | { type: 'disconnect' };
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
