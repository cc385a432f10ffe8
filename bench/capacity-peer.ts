// The peer of bench/capacity.ts: Hocuspocus in memory (as in fanout.ts), in a child process of
// its own so that its heap is measured apart from the API's. Driven over IPC: it says where it
// listens, then answers each `memory` request with its heap and RSS after a full collection.
import v8 from 'node:v8';
import vm from 'node:vm';
import { sleep } from './common';
import { startHocuspocusServer } from './hocuspocus-server';

export type ToCapacityPeer = { type: 'memory' };
export type FromCapacityPeer = { type: 'listening'; url: string } | { type: 'memory'; heap: number; rss: number; connections: number };

v8.setFlagsFromString('--expose-gc');
// Full collections compact the heap: memory is then what is held, not how fragmented it happens to be.
v8.setFlagsFromString('--compact-on-every-full-gc');
const gc = vm.runInNewContext('gc') as () => void;
const send = (message: FromCapacityPeer) => process.send!(message);

async function main(): Promise<void> {
  const server = await startHocuspocusServer();
  process.on('message', async (message: ToCapacityPeer) => {
    if (message.type !== 'memory') return;
    for (let i = 0; i < 3; i++) {
      gc();
      await sleep(200);
    }
    const { heapUsed, rss } = process.memoryUsage();
    send({ type: 'memory', heap: heapUsed / 2 ** 20, rss: rss / 2 ** 20, connections: server.connections() });
  });
  process.on('disconnect', () => void server.close().finally(() => process.exit(0)));
  send({ type: 'listening', url: server.url });
}

void main();
