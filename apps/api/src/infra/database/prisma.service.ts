import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { createHash } from 'node:crypto';
import { Pool } from 'pg';
import { Prisma, PrismaClient } from '../../generated/prisma/client';

export const PG_POOL = Symbol('PG_POOL');

const names = new Map<string, string>();
/** A stable name per statement text (the composed texts are few and fixed). */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `cb_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

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
  async sql<T>(query: Prisma.Sql): Promise<T[]> {
    const result = await this.pool.query({ name: statementName(query.text), text: query.text, values: query.values });
    return result.rows as T[];
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    await this.pool.end();
  }
}

/** A client bound to an open interactive transaction. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
