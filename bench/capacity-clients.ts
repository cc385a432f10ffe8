// The socket.io clients of bench/capacity.ts, in a child process of their own (see fanout's
// clients.ts for why). Driven over IPC: connect a number of clients, all at once or in waves,
// each joining the article; report when each was joined; disconnect them all.
import { connect, now } from './common';

type Socket = Awaited<ReturnType<typeof connect>>;
export type ToCapacityClients =
  | { type: 'connect'; url: string; cookies: string[]; count: number; articleId: string; wave: number }
  | { type: 'disconnect' };
/** `joined`: ms from the start to each client's join ack, in order of completion. */
export type FromCapacityClients = { type: 'joined'; times: number[]; failures: string[] } | { type: 'disconnected' } | { type: 'error'; message: string };

let sockets: Socket[] = [];
const send = (message: FromCapacityClients) => process.send!(message);

async function handle(message: ToCapacityClients): Promise<void> {
  if (message.type === 'disconnect') {
    for (const s of sockets) s.disconnect();
    sockets = [];
    send({ type: 'disconnected' });
    return;
  }
  const { url, cookies, count, articleId, wave } = message;
  const times: number[] = [];
  const failures: string[] = [];
  const t0 = now();
  // `wave` clients at a time (all of them for a storm): each starts its handshake and join at once.
  for (let from = 0; from < count; from += wave) {
    await Promise.all(
      Array.from({ length: Math.min(wave, count - from) }, async (_, k) => {
        try {
          sockets.push(await connect(url, cookies[(from + k) % cookies.length], articleId));
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
