import type { ArticleEvent, ClientToServerEvents, JoinAck, Presence, ServerToClientEvents } from '@corroborate/contracts';
import { io, type Socket } from 'socket.io-client';
import type { HttpClient } from './http-client';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io client signed in like the given HTTP client (cookie or token). */
export function connect(baseUrl: string, as: HttpClient, options: { token?: string; origin?: string } = {}): LiveSocket {
  return io(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: options.token ? { token: options.token } : {},
    extraHeaders: {
      ...(as.cookie && !options.token ? { cookie: as.cookie } : {}),
      ...(options.origin ? { origin: options.origin } : {}),
    },
  });
}

export function connected(socket: LiveSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

/** A socket signed in as `as` and connected, added to `sockets` so the test file can close them all. */
export async function openSocket(sockets: LiveSocket[], baseUrl: string, as: HttpClient, options: { token?: string; origin?: string } = {}): Promise<LiveSocket> {
  const socket = connect(baseUrl, as, options);
  sockets.push(socket);
  await connected(socket);
  return socket;
}

export function join(socket: LiveSocket, articleId: string, sinceSeq?: number): Promise<JoinAck> {
  return socket.timeout(5_000).emitWithAck('article:join', { articleId, ...(sinceSeq !== undefined ? { sinceSeq } : {}) });
}

/** Collects every `event` a socket receives. */
export function recordEvents(socket: LiveSocket): ArticleEvent[] {
  const events: ArticleEvent[] = [];
  socket.on('event', (e) => events.push(e));
  return events;
}

/** Resolves once `predicate` holds, polling briefly; rejects after `ms`. */
export async function waitFor(predicate: () => boolean | Promise<boolean>, ms = 5_000, what = 'condition'): Promise<void> {
  const until = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function nextPresence(socket: LiveSocket, predicate: (p: Presence) => boolean, ms = 5_000): Promise<Presence> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('presence', onPresence);
      reject(new Error('timed out waiting for presence'));
    }, ms);
    const onPresence = (p: Presence) => {
      if (!predicate(p)) return;
      clearTimeout(timer);
      socket.off('presence', onPresence);
      resolve(p);
    };
    socket.on('presence', onPresence);
  });
}
