import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { Prisma, PrismaClient } from '../../generated/prisma/client';
import { namedQuery, SqlTx } from './sql-transaction';

export const PG_POOL = Symbol('PG_POOL');

/** The one Prisma client of the process, over the shared pg pool; closed on shutdown. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {
    // Prisma's default of 5 s ends a large import's transaction on a busy machine (a 500); the
    // pool's own statement and idle-in-transaction timeouts still bound a stuck one.
    super({ adapter: new PrismaPg(pool), transactionOptions: { timeout: 20_000, maxWait: 10_000 } });
  }

  /**
   * Runs a composed `Prisma.sql` statement straight on the pg pool, skipping Prisma's query
   * engine: for the few statements on every request's path. Each is a named prepared
   * statement, so a connection parses and plans it once (most of a create's database time).
   */
  sql<T>(query: Prisma.Sql): Promise<T[]> {
    return namedQuery<T>(this.pool, query);
  }

  /** A transaction of SQL statements alone, on the pg pool (see SqlTx). */
  sqlTransaction<T>(work: (tx: SqlTx) => Promise<T>): Promise<T> {
    return SqlTx.run(this.pool, work);
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    await this.pool.end();
  }
}

/** A client bound to an open interactive transaction. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Where a statement can run: the pool, Prisma's transaction or a SqlTx. */
export type Db = PrismaService | Tx | SqlTx;

/** Runs a composed statement on `db`, inside its transaction when it is one. */
export function runSql<T>(db: Db, query: Prisma.Sql): Promise<T[]> {
  if (db instanceof SqlTx) return db.sql<T>(query);
  // Prisma's transaction client carries the service's methods but not `$transaction`: its `sql` would run outside.
  return '$transaction' in db ? (db as PrismaService).sql<T>(query) : db.$queryRaw<T[]>(query);
}
