// The readers of bench/reads.ts in a process of their own, driven over IPC (OpensTask in,
// OpensResult out). Fifty readers are fifty browsers on machines of their own: in the
// benchmark's process, which holds 60 MiB of its own, the full collections that the answers'
// buffers set off took 15-38 ms each, and every open they overlapped counted them.
import http from 'node:http';
import type { Socket } from 'socket.io-client';
import { runOpens, type OpensTask } from './reads-client';

const agents: http.Agent[] = [];
const sockets = new Map<number, Socket>();

process.on('message', (task: OpensTask) => {
  // Each reader's connections, as its browser keeps them from one task to the next.
  while (agents.length < task.readers) agents.push(new http.Agent({ keepAlive: true, maxSockets: 6 }));
  runOpens(task, agents, sockets).then(
    (result) => process.send!({ result }),
    (error: Error) => process.send!({ error: error.stack ?? String(error) }),
  );
});
process.on('disconnect', () => process.exit(0)); // the benchmark is gone
