import { useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@corroborate/contracts';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** `connecting` is the first attempt; `reconnecting` follows a lost connection. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

const RETRY_MS = 3_000;

let socket: LiveSocket | null = null;
let status: ConnectionStatus = 'connecting';
let users = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function setStatus(next: ConnectionStatus): void {
  if (next === status) return;
  status = next;
  for (const listener of listeners) listener();
}

const lostStatus = (): ConnectionStatus => (navigator.onLine ? 'reconnecting' : 'offline');

/**
 * socket.io stops retrying after the server refuses or drops a connection on purpose
 * (`socket.active` is false); while a page still needs the socket, try again now and then.
 */
function scheduleRetry(s: LiveSocket): void {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => {
    if (users > 0 && navigator.onLine && !s.connected && !s.active) s.connect();
  }, RETRY_MS);
}

function create(): LiveSocket {
  // WebSocket first: one request instead of a polling handshake and an upgrade, so the page
  // joins sooner and does less while it opens; long polling only where WebSocket fails.
  const s: LiveSocket = io({ path: '/socket.io', withCredentials: true, autoConnect: false, transports: ['websocket', 'polling'], tryAllTransports: true });
  s.on('connect', () => setStatus('connected'));
  s.on('disconnect', () => {
    setStatus(lostStatus());
    if (!s.active) scheduleRetry(s);
  });
  s.on('connect_error', () => {
    setStatus(lostStatus());
    if (!s.active) scheduleRetry(s);
  });
  // An open WebSocket can outlive the network for a while; follow the browser's own verdict.
  window.addEventListener('offline', () => {
    setStatus('offline');
    s.disconnect();
  });
  window.addEventListener('online', () => {
    if (users > 0 && !s.connected) {
      setStatus('reconnecting');
      s.connect();
    }
  });
  return s;
}

/** The tab's one socket; connects on first use and stays open while any page uses it. */
export function acquireSocket(): LiveSocket {
  socket ??= create();
  users += 1;
  if (!socket.connected && !socket.active && navigator.onLine) socket.connect();
  if (!navigator.onLine) setStatus('offline');
  return socket;
}

export function releaseSocket(): void {
  users = Math.max(0, users - 1);
}

/** The socket if one was made, without connecting it. */
export function currentSocket(): LiveSocket | null {
  return socket;
}

export function useConnectionStatus(): ConnectionStatus {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => status,
  );
}
