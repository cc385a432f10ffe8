// The peer for bench/fanout.ts: a Hocuspocus 3 server (Yjs over websockets), in the benchmark's
// process like the bare server. Without a database it only applies each update to the document
// in memory and sends it to every other connection; with one (`databaseUrl`), its database
// extension also stores the whole document state in PostgreSQL after every change (debounce 0).
import type { AddressInfo } from 'node:net';
import { requireApi } from './common';

const { Server } = requireApi('@hocuspocus/server') as typeof import('@hocuspocus/server');
const { Database } = requireApi('@hocuspocus/extension-database') as typeof import('@hocuspocus/extension-database');
const { Pool } = requireApi('pg') as typeof import('pg');

export interface HocuspocusServer {
  /** ws:// address for a HocuspocusProvider. */
  url: string;
  /** Document states stored so far (0 without a database). */
  stores(): number;
  /** Open connections. */
  connections(): number;
  close(): Promise<void>;
}

const TABLE = 'bench_hocuspocus_documents';

export async function startHocuspocusServer(options: { databaseUrl?: string } = {}): Promise<HocuspocusServer> {
  let stores = 0;
  const pool = options.databaseUrl ? new Pool({ connectionString: options.databaseUrl, max: 5 }) : undefined;
  if (pool) await pool.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (name text PRIMARY KEY, data bytea NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
  const extensions = pool
    ? [
        new Database({
          fetch: async ({ documentName }) => {
            const { rows } = await pool.query<{ data: Buffer }>(`SELECT data FROM ${TABLE} WHERE name = $1`, [documentName]);
            return rows[0] ? new Uint8Array(rows[0].data) : null;
          },
          store: async ({ documentName, state }) => {
            await pool.query(`INSERT INTO ${TABLE} (name, data) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET data = excluded.data, at = now()`, [documentName, state]);
            stores++;
          },
        }),
      ]
    : [];
  // debounce 0 (and maxDebounce 0): onStoreDocument runs on every change, not once a burst settles.
  const server = new Server({ quiet: true, stopOnSignals: false, debounce: 0, maxDebounce: 0, extensions });
  // Server.listen() passes `address` to http's listen, which expects `host`, so it would bind every
  // interface; listen on the loopback only, like the other servers. (No extension here uses onListen.)
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = server.httpServer.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    stores: () => stores,
    connections: () => server.hocuspocus.getConnectionsCount(),
    close: async () => {
      // destroy() waits for every document to unload; do not let a straggler hold up the cleanup.
      await Promise.race([server.destroy(), new Promise((r) => setTimeout(r, 5_000))]);
      await pool?.end();
    },
  };
}
