// A baseline server in a child process of its own, as the API runs in one: the bare socket.io
// server (bare-server.ts) or Hocuspocus (hocuspocus-server.ts), named by the first argument, with
// a database URL as the second where it stores changes. Its heap, its collections and its event
// loop are its own, so that none of them lands on another server's writes. Driven over IPC: it
// says where it listens, then answers `memory` (heap and RSS after full collections, and the
// connections it holds) and `stores` (how many times Hocuspocus stored the document).
import { startBareServer } from './bare-server';
import { memoryAfterGc } from './common';
import { startHocuspocusServer } from './hocuspocus-server';

export type PeerKind = 'bare' | 'hocuspocus';
export type ToPeer = { type: 'memory' } | { type: 'stores' };
export type FromPeer = { type: 'listening'; url: string } | { type: 'memory'; heap: number; rss: number; sockets: number } | { type: 'stores'; stores: number };

const send = (message: FromPeer) => process.send!(message);

async function main(): Promise<void> {
  const [kind, databaseUrl] = process.argv.slice(2) as [PeerKind, string | undefined];
  const server = kind === 'bare' ? { ...(await startBareServer(databaseUrl!)), stores: () => 0 } : await startHocuspocusServer({ databaseUrl });
  process.on('message', async (message: ToPeer) => {
    if (message.type === 'memory') send({ type: 'memory', ...(await memoryAfterGc()), sockets: server.connections() });
    else send({ type: 'stores', stores: server.stores() });
  });
  process.on('disconnect', () => void server.close().finally(() => process.exit(0)));
  send({ type: 'listening', url: server.url });
}

void main();
