// The clients of bench/capacity.ts, in a child process of their own (see fanout's clients.ts
// for why). Driven over IPC: connect a number of clients, all at once or in waves, each joining
// the article (socket.io) or syncing the document (Hocuspocus); report when each was in;
// disconnect them all.
import { connect, hocuspocus, now } from './common';

/** What the clients connect to: the API (joining the article) or Hocuspocus (syncing the document). */
export type CapacityTarget = { kind: 'socket.io'; url: string; cookies: string[]; articleId: string } | { kind: 'hocuspocus'; url: string; document: string };
export type ToCapacityClients = ({ type: 'connect'; count: number; wave: number } & CapacityTarget) | { type: 'disconnect' };
/** `joined`: ms from the start to each client's join ack, in order of completion. */
export type FromCapacityClients = { type: 'joined'; times: number[]; failures: string[] } | { type: 'disconnected' } | { type: 'error'; message: string };

let sockets: { disconnect(): void }[] = [];
const send = (message: FromCapacityClients) => process.send!(message);

async function handle(message: ToCapacityClients): Promise<void> {
  if (message.type === 'disconnect') {
    for (const s of sockets) s.disconnect();
    sockets = [];
    send({ type: 'disconnected' });
    return;
  }
  const { count, wave } = message;
  const open = async (i: number) => {
    if (message.kind === 'socket.io') return connect(message.url, message.cookies[i % message.cookies.length], message.articleId);
    const client = await hocuspocus(message.url, message.document);
    return { disconnect: client.close };
  };
  const times: number[] = [];
  const failures: string[] = [];
  const t0 = now();
  // `wave` clients at a time (all of them for a storm): each starts its handshake and join at once.
  for (let from = 0; from < count; from += wave) {
    await Promise.all(
      Array.from({ length: Math.min(wave, count - from) }, async (_, k) => {
        try {
          sockets.push(await open(from + k));
          times.push(now() - t0);
        } catch (error) {
          failures.push(String(error));
        }
      }),
    );
  }
  send({ type: 'joined', times, failures: failures.slice(0, 5) });
}

process.on('message', (message: ToCapacityClients) => handle(message).catch((e: Error) => send({ type: 'error', message: e.stack ?? String(e) })));
process.on('disconnect', () => process.exit(0));
