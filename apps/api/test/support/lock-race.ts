import { Client } from 'pg';
import type { Reply } from './http-client';
import type { TestApp } from './test-app';

/** Resolves once some session of the app's database waits for a lock. */
async function someoneWaitsOnALock(app: TestApp): Promise<void> {
  for (;;) {
    const [row] = await app.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (row!.n > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Forces an interleaving: takes a lock with `lock` (a statement, with `params`) in a transaction
 * of its own, sends `request`, and once the request waits for that lock (or has answered without
 * waiting), applies `change` in the same transaction and commits. The change so lands after
 * whatever the request did before it waited and before what it waits to do.
 */
export async function whileLocked(
  app: TestApp,
  lock: { sql: string; params?: unknown[] },
  request: () => Promise<Reply>,
  change: (db: Client) => Promise<unknown>,
): Promise<Reply> {
  const db = new Client({ connectionString: app.databaseUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    await db.query(lock.sql, lock.params ?? []);
    const pending = request();
    await Promise.race([someoneWaitsOnALock(app), pending]);
    await change(db);
    await db.query('COMMIT');
    return await pending;
  } finally {
    await db.end();
  }
}
