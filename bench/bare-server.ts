// The baseline for bench/fanout.ts: a bare socket.io server that does only what a live
// change needs at minimum: one INSERT into PostgreSQL, then one broadcast to the room. For the
// catch-up's floor, a join with `sinceSeq` is answered with the events after it, as plainly as
// such a server would: objects kept in memory, or rows read from its log table, each sent
// through socket.io's own JSON.stringify.
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
/** As the API's MAX_CATCH_UP: a join is answered with at most this many events. */
const CATCH_UP = 1_000;

interface Event {
  seq: number;
  articleId: string;
  type: string;
  actorId: string | null;
  at: string;
  data: unknown;
}

export async function startBareServer(databaseUrl: string): Promise<BareServer> {
  const pool = new Pool({ connectionString: databaseUrl, max: 20 });
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_scratch (
    id uuid PRIMARY KEY, seq serial, data jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
  // The catch-up's log, apart from the writes' table so that their INSERT stays as it was.
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_log (
    seq int PRIMARY KEY, type text NOT NULL, actor_id uuid, data jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
  /** Events kept in memory, by seq: what a join after one of them is answered from. */
  const kept = new Map<number, Event>();
  let lastSeq = 0;

  /** Stores `count` copies of an event in the log, after the last; `keep`: and in memory, as if broadcast here. */
  const seed = async ({ type, actorId, data, count, keep }: { type: string; actorId: string | null; data: unknown; count: number; keep: boolean }) => {
    const since = lastSeq;
    lastSeq += count;
    const { rows } = await pool.query<{ seq: number; at: Date }>(
      'INSERT INTO bench_log (seq, type, actor_id, data) SELECT $1::int + n, $2, $3, $4 FROM generate_series(1, $5::int) n RETURNING seq, at',
      [since, type, actorId, JSON.stringify(data), count],
    );
    if (keep) for (const { seq, at } of rows) kept.set(seq, { seq, articleId: ROOM, type, actorId, at: at.toISOString(), data: structuredClone(data) });
    return since;
  };

  /** The events after `sinceSeq`, from memory when it holds the next one, else from the log. */
  const after = async (sinceSeq: number): Promise<Event[]> => {
    if (kept.has(sinceSeq + 1)) {
      const events: Event[] = [];
      for (let seq = sinceSeq + 1; events.length < CATCH_UP && kept.has(seq); seq++) events.push(kept.get(seq)!);
      return events;
    }
    const { rows } = await pool.query<{ seq: number; type: string; actor_id: string | null; at: Date; data: unknown }>(
      'SELECT seq, type, actor_id, at, data FROM bench_log WHERE seq > $1 ORDER BY seq LIMIT $2',
      [sinceSeq, CATCH_UP],
    );
    return rows.map((row) => ({ seq: row.seq, articleId: ROOM, type: row.type, actorId: row.actor_id, at: row.at.toISOString(), data: row.data }));
  };

  const server = http.createServer((req, res) => {
    const route = req.method === 'POST' ? req.url : undefined;
    if (route !== '/write' && route !== '/seed') {
      res.writeHead(404).end();
      return;
    }
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', async () => {
      try {
        if (route === '/seed') {
          const since = await seed(JSON.parse(raw) as Parameters<typeof seed>[0]);
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ since }));
          return;
        }
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
    socket.on('article:join', async (payload: { sinceSeq?: number }, ack: (answer: unknown) => void) => {
      await socket.join(ROOM);
      const missed = payload.sinceSeq === undefined ? [] : await after(payload.sinceSeq);
      ack({ ok: true, seq: missed.at(-1)?.seq ?? lastSeq, missed });
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
