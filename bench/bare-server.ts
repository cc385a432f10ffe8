// The baseline for bench/fanout.ts: a bare socket.io server that does only what a live
// change needs at minimum: one INSERT into PostgreSQL, then one broadcast to the room.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { requireApi } from './common';

const { Server } = requireApi('socket.io') as typeof import('socket.io');
const { Pool } = requireApi('pg') as typeof import('pg');

export interface BareServer {
  url: string;
  /** Open connections. */
  connections(): number;
  close(): Promise<void>;
}

const ROOM = 'article';

export async function startBareServer(databaseUrl: string): Promise<BareServer> {
  const pool = new Pool({ connectionString: databaseUrl, max: 20 });
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_scratch (
    id uuid PRIMARY KEY, seq serial, data jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())`);

  const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/write') {
      res.writeHead(404).end();
      return;
    }
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', async () => {
      try {
        const body = JSON.parse(raw) as { id: string };
        const { rows } = await pool.query<{ seq: number; at: Date }>(
          'INSERT INTO bench_scratch (id, data) VALUES ($1, $2) RETURNING seq, at',
          [body.id, body],
        );
        const event = { seq: rows[0]!.seq, articleId: ROOM, type: 'annotation.created', actorId: null, at: rows[0]!.at.toISOString(), data: body };
        io.to(ROOM).emit('event', event);
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      } catch (error) {
        res.writeHead(500).end(String(error));
      }
    });
  });

  // The same transport settings as the API's socket adapter.
  const io = new Server(server, { path: '/socket.io', serveClient: false, pingInterval: 4_000, pingTimeout: 4_000, cors: { origin: false } });
  io.on('connection', (socket) => {
    socket.on('article:join', async (_payload: unknown, ack: (answer: unknown) => void) => {
      await socket.join(ROOM);
      ack({ ok: true, seq: 0, missed: [] });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => io.engine.clientsCount,
    close: async () => {
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await pool.end();
    },
  };
}
