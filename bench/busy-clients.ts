// The analysts of bench/busy-room.ts, in a child process of their own (see fanout's clients.ts
// for why): each one joined to the article, making a change every few seconds on its socket
// (`annotation:create` with an ack) and moving its selection (presence) more often. Every
// window it reports the fan-out latencies (from the writer's send to each analyst's receipt,
// all in this process, so on one clock), the writes, receipts and errors.
import { connect, now, sleep } from './common';

export type ToBusyClients = {
  type: 'start';
  url: string;
  cookies: string[];
  articleId: string;
  /** [start, end) of words to anchor changes to. */
  words: [number, number][];
  seconds: number;
  writeEveryMs: number;
  presenceEveryMs: number;
  windowMs: number;
};
export type FromBusyClients =
  | { type: 'joined'; count: number }
  | { type: 'window'; at: number; writes: number; receipts: number; errors: number; latencies: number[] }
  | { type: 'done' }
  | { type: 'error'; message: string };

const send = (message: FromBusyClients) => process.send!(message);

async function run(m: ToBusyClients): Promise<void> {
  const sockets = await Promise.all(m.cookies.map((cookie) => connect(m.url, cookie, m.articleId)));
  send({ type: 'joined', count: sockets.length });
  const sentAt = new Map<string, number>();
  let window = { writes: 0, receipts: 0, errors: 0, latencies: [] as number[] };
  for (const socket of sockets) {
    socket.on('event', (e: { type: string; data: { id: string } }) => {
      const t0 = e.type === 'annotation.created' ? sentAt.get(e.data.id) : undefined;
      if (t0 === undefined) return;
      window.receipts += 1;
      window.latencies.push(now() - t0);
    });
  }
  const started = now();
  const until = started + m.seconds * 1000;
  const timers: NodeJS.Timeout[] = [];
  sockets.forEach((socket, i) => {
    // Staggered, so the writes are spread evenly over each period as a room's would be.
    const write = async () => {
      const word = m.words[Math.floor(Math.random() * m.words.length)]!;
      const id = crypto.randomUUID();
      sentAt.set(id, now());
      window.writes += 1;
      try {
        const ack = await socket.timeout(10_000).emitWithAck('annotation:create', {
          articleId: m.articleId,
          body: { id, motivation: 'commenting', body: 'Checked against the filing.', target: { selector: { type: 'TextPositionSelector', start: word[0], end: word[1] } } },
        });
        if (!ack.ok) window.errors += 1;
      } catch {
        window.errors += 1;
      }
    };
    const select = () => {
      const word = m.words[Math.floor(Math.random() * m.words.length)]!;
      socket.emit('presence:update', { articleId: m.articleId, selection: { start: word[0], end: word[1] } });
    };
    timers.push(
      setTimeout(() => timers.push(setInterval(() => void write(), m.writeEveryMs)), (i * m.writeEveryMs) / sockets.length),
      setTimeout(() => timers.push(setInterval(select, m.presenceEveryMs)), (i * m.presenceEveryMs) / sockets.length),
    );
  });
  while (now() < until) {
    await sleep(m.windowMs);
    send({ type: 'window', at: now() - started, ...window });
    window = { writes: 0, receipts: 0, errors: 0, latencies: [] };
  }
  for (const t of timers) clearInterval(t);
  await sleep(1_000);
  for (const s of sockets) s.disconnect();
  send({ type: 'done' });
}

process.on('message', (m: ToBusyClients) => run(m).catch((e: Error) => send({ type: 'error', message: e.stack ?? String(e) })));
process.on('disconnect', () => process.exit(0));
