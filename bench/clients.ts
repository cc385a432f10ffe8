// The receiving clients of bench/fanout.ts (socket.io, and HocuspocusProviders for the peer), in a
// child process of their own so that decoding every frame for hundreds of clients does not compete
// with the servers in the servers' event loop. Driven over IPC: see ToClients / FromClients in common.ts.
import { connect, type FromClients, hocuspocus, now, sleep, type ToClients } from './common';

/** Everything opened so far, closed on `disconnect`. */
let closers: (() => void)[] = [];
const send = (message: FromClients) => process.send!(message);

async function handle(message: ToClients): Promise<void> {
  if (message.type === 'disconnect') {
    for (const close of closers) close();
    closers = [];
    send({ type: 'disconnected' });
    return;
  }
  if (message.type === 'rejoin') {
    const { url, cookie, articleId, sinceSeq, runs, expect } = message;
    const socket = await connect(url, cookie, articleId);
    await sleep(1_000); // let the presence broadcast of the join settle
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const t0 = now();
      const ack = await socket.timeout(10_000).emitWithAck('article:join', { articleId, sinceSeq });
      if (ack.missed?.length !== expect) throw new Error(`join returned ${ack.missed?.length} events, not ${expect}`);
      times.push(now() - t0);
    }
    socket.disconnect();
    send({ type: 'rejoined', times });
    return;
  }
  const { count } = message;
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
  if (message.kind === 'socket.io') {
    const { url, cookies, articleId } = message;
    const group = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const socket = await connect(url, cookies[i % cookies.length], articleId);
        socket.on('event', (e: { data: { id: string } }) => record(e.data.id));
        return socket;
      }),
    );
    closers.push(...group.map((socket) => () => socket.disconnect()));
    await sleep(1_000); // let the presence broadcasts of the joins settle
  } else {
    const { url, document } = message;
    const group = await Promise.all(
      Array.from({ length: count }, async () => {
        const client = await hocuspocus(url, document);
        // A change is one new entry of the map, keyed by the write's id. Only what arrives after
        // the sync counts (the document is new for each group, so nothing is there before).
        client.map.observe((event) => {
          for (const key of event.keysChanged) if (event.keys.get(key)?.action === 'add') record(key);
        });
        return client;
      }),
    );
    closers.push(...group.map((client) => client.close));
    await sleep(1_000); // as for socket.io, let the connections settle
  }
  send({ type: 'ready' });
}

process.on('message', (message: ToClients) => handle(message).catch((e: Error) => send({ type: 'error', message: e.stack ?? String(e) })));
process.on('disconnect', () => process.exit(0)); // the parent is gone
