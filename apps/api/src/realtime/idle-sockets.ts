import type { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import type { Server, Socket } from 'socket.io';

/*
 * What a connected socket need not keep: thousands stay open, idle, for hours, so each one's
 * heap is a process's capacity (bench/capacity.ts). Once connected, its handshake read and its
 * credential checked, a socket no longer needs the HTTP upgrade it came with.
 */

type Engine = { handleUpgrade(req: unknown, tcp: Duplex, head: Buffer): void };

/**
 * engine.io answers each upgrade with a response object for its HTTP middlewares, which
 * listens for the connection's close (for middlewares that wait for a response to finish) and
 * so keeps the upgrade request alive as long as the connection. Its only middleware here, CORS
 * (from the `cors` option), does not wait; a middleware that did would need this listener.
 * It is the first the upgrade adds.
 */
export function releaseUpgradeResponses(server: Server): void {
  const engine = server.engine as unknown as Engine;
  const handleUpgrade = engine.handleUpgrade.bind(engine);
  engine.handleUpgrade = (req, tcp, head) => {
    const before = tcp.listeners('close').length;
    handleUpgrade(req, tcp, head);
    const response = tcp.listeners('close')[before] as ((...args: unknown[]) => void) | undefined;
    if (response) tcp.removeListener('close', response);
  };
}

type Emitter = EventEmitter & { _events: object };
type Conn = Emitter & {
  request: unknown;
  transport: Emitter & { socket?: Emitter & { _socket?: Emitter; _receiver?: Emitter } };
  sentCallbackFn: unknown[];
  cleanupFn: unknown[];
};

/** Drops what a newly connected socket holds of its HTTP upgrade, and compacts what it keeps. */
export function forgetUpgrade(socket: Socket): void {
  const conn = socket.conn as unknown as Conn;
  conn.request = null;
  // engine.io's no-op for errors before an upgrade completes stays on a connection that began
  // as a WebSocket; the transport has its own error listener.
  const ws = conn.transport.socket;
  for (const listener of ws?.listeners('error') ?? []) {
    if (listener.name === 'onUpgradeError') ws!.removeListener('error', listener as (...args: unknown[]) => void);
  }
  // The connection's emitters, from engine.io's socket down to the TCP socket.
  for (const emitter of [conn, conn.transport, ws, ws?._socket, ws?._receiver]) if (emitter) compactListeners(emitter);
  // Lists grown by a push keep room for 17; the handshake's leave them with one or two entries.
  conn.sentCallbackFn = conn.sentCallbackFn.slice();
  conn.cleanupFn = conn.cleanupFn.slice();
  const decoder = (socket.client as unknown as { decoder: { _callbacks?: Record<string, unknown[]> } }).decoder;
  for (const [event, listeners] of Object.entries(decoder._callbacks ?? {})) decoder._callbacks![event] = listeners.slice();
}

/** The prototype of compacted listener tables: nothing inherited, as with Node's own `{ __proto__: null }`. */
const NO_LISTENERS = Object.freeze(Object.create(null) as object);

/**
 * An EventEmitter's listener table, as a plain object with the same listeners, whose prototype
 * is `proto` (by default the one it had). Node makes each emitter's table a hash table of its
 * own (V8's dictionary mode: a null prototype, keys deleted as one-off listeners go, or a
 * prototype set afterwards), a few hundred bytes per emitter; plain objects with the same keys
 * share one layout. Each idle connection has six such emitters.
 */
export function compactListeners(emitter: EventEmitter, proto: object = (Object.getPrototypeOf((emitter as Emitter)._events) as object | null) ?? NO_LISTENERS): void {
  const holder = emitter as Emitter;
  holder._events = Object.assign(Object.create(proto) as object, holder._events);
}

/** One empty object for every socket's forgotten handshake parts. */
const FORGOTTEN = Object.freeze({});

/**
 * Who the socket is (`socket.data.auth`) is kept, not the secret that proved it: its
 * handshake's headers and auth hold the credential, and nothing reads them after the check.
 * Its address and `issued` (when) stay; its url and query (the transport's own parameters)
 * and its time as text go too.
 */
export function forgetHandshake(socket: Socket): void {
  Object.assign(socket.handshake, { headers: FORGOTTEN, auth: FORGOTTEN, query: FORGOTTEN, url: '', time: '' });
}
