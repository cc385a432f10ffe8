import { Pool } from 'pg';
import { Prisma } from '../src/generated/prisma/client';
import { SqlTx } from '../src/infra/database/sql-transaction';
import { createTestDatabase } from './support/database';

/** SqlTx against a real PostgreSQL: all of a transaction or nothing, and a pool fit to serve after either. */
describe('SqlTx', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;
  const rows = async () => (await pool.query<{ id: number }>('SELECT id FROM sqltx_probe ORDER BY id')).rows.map((r) => r.id);
  const insert = (tx: SqlTx, id: number) => tx.sql(Prisma.sql`INSERT INTO sqltx_probe (id) VALUES (${id})`);

  beforeAll(async () => {
    db = await createTestDatabase();
    // One connection: whatever a transaction leaves on it, the next one meets.
    pool = new Pool({ connectionString: db.url, max: 1 });
    await pool.query('CREATE TABLE sqltx_probe (id int PRIMARY KEY)');
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });
  beforeEach(() => pool.query('TRUNCATE sqltx_probe'));

  it('commits every statement of the work and answers its result', async () => {
    const result = await SqlTx.run(pool, async (tx) => {
      await insert(tx, 1);
      await insert(tx, 2);
      return (await tx.sql<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM sqltx_probe`))[0]!.n;
    });
    expect(result).toBe(2);
    expect(await rows()).toEqual([1, 2]);
  });

  it('rolls back what the work wrote when it throws, throws its error, and leaves the connection out of the transaction', async () => {
    const refusal = new Error('refused after writing');
    await expect(
      SqlTx.run(pool, async (tx) => {
        await insert(tx, 1);
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(await rows()).toEqual([]);
    // Still inside the transaction, this would be rolled back with it by the next ROLLBACK, or refused.
    await SqlTx.run(pool, (tx) => insert(tx, 3));
    expect(await rows()).toEqual([3]);
  });

  it('undoes the earlier statements when a later one fails, with the database error as thrown', async () => {
    await expect(
      SqlTx.run(pool, async (tx) => {
        await insert(tx, 1);
        await insert(tx, 1);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await rows()).toEqual([]);
  });

  it('discards a connection lost mid-transaction, and the pool serves the next one on a new connection', async () => {
    const killer = new Pool({ connectionString: db.url, max: 1 });
    try {
      let lost = 0;
      await expect(
        SqlTx.run(pool, async (tx) => {
          lost = (await tx.sql<{ pid: number }>(Prisma.sql`SELECT pg_backend_pid() AS pid`))[0]!.pid;
          await killer.query('SELECT pg_terminate_backend($1)', [lost]);
          await insert(tx, 1);
        }),
      ).rejects.toThrow();
      const next = await SqlTx.run(pool, async (tx) => {
        await insert(tx, 2);
        return (await tx.sql<{ pid: number }>(Prisma.sql`SELECT pg_backend_pid() AS pid`))[0]!.pid;
      });
      expect(next).not.toBe(lost);
      expect(await rows()).toEqual([2]);
    } finally {
      await killer.end();
    }
  });
});
