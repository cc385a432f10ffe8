// The peer of bench/capacity.ts: Hocuspocus in memory (as in fanout.ts), in a child process of
// its own so that its heap is measured apart from the API's. Driven over IPC: it says where it
// listens, then answers each `memory` request with its heap and RSS after full collections, and the
// connections it holds.
import { memoryAfterGc } from './common';
import { startHocuspocusServer } from './hocuspocus-server';

export type ToCapacityPeer = { type: 'memory' };
export type FromCapacityPeer = { type: 'listening'; url: string } | { type: 'memory'; heap: number; rss: number; sockets: number };

const send = (message: FromCapacityPeer) => process.send!(message);

async function main(): Promise<void> {
  const server = await startHocuspocusServer();
  process.on('message', async (message: ToCapacityPeer) => {
    if (message.type !== 'memory') return;
    send({ type: 'memory', ...(await memoryAfterGc()), sockets: server.connections() });
  });
  process.on('disconnect', () => void server.close().finally(() => process.exit(0)));
  send({ type: 'listening', url: server.url });
}

void main();
