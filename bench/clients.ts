// The socket.io clients of bench/fanout.ts, in a child process of their own so that decoding
// every frame for 50-200 clients does not compete with the servers in the servers' event loop.
// Driven over IPC: see ToClients / FromClients in common.ts.
import { connect, type FromClients, now, sleep, type ToClients } from './common';

type Socket = Awaited<ReturnType<typeof connect>>;
let sockets: Socket[] = [];
const send = (message: FromClients) => process.send!(message);

async function handle(message: ToClients): Promise<void> {
  if (message.type === 'disconnect') {
    for (const s of sockets) s.disconnect();
    sockets = [];
    send({ type: 'disconnected' });
    return;
  }
  const { url, cookies, count, articleId } = message;
  const receipts = new Map<string, number[]>(); // event id → receipt times so far
  const record = (id: string) => {
    const at = now();
    const times = receipts.get(id) ?? [];
    times.push(at);
    if (times.length < count) receipts.set(id, times);
    else {
      receipts.delete(id);
      send({ type: 'event', id, times });
    }
  };
  // Each `connect` adds a group (one per server); an event is reported once all of its group have it.
  const group = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const socket = await connect(url, cookies[i % cookies.length], articleId);
      socket.on('event', (e: { data: { id: string } }) => record(e.data.id));
      return socket;
    }),
  );
  sockets.push(...group);
  await sleep(1_000); // let the presence broadcasts of the joins settle
  send({ type: 'ready' });
}

process.on('message', (message: ToClients) => handle(message).catch((e: Error) => send({ type: 'error', message: e.stack ?? String(e) })));
process.on('disconnect', () => process.exit(0)); // the parent is gone
