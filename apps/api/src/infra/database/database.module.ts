import { Global, Logger, Module } from '@nestjs/common';
import { Pool } from 'pg';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { PG_POOL, PrismaService } from './prisma.service';

/**
 * The pool's limits, so a slow, hung or vanished database makes requests fail (503) within
 * seconds instead of waiting for ever: the server cancels long statements and idle
 * transactions; the client gives up on a connect, and on an answer that never comes (a
 * stopped server cancels nothing).
 */
export function poolOptions(config: AppConfig) {
  return {
    connectionString: config.DATABASE_URL,
    max: config.DB_POOL_MAX,
    idleTimeoutMillis: config.DB_POOL_IDLE_MS,
    connectionTimeoutMillis: config.DB_CONNECT_TIMEOUT_MS,
    statement_timeout: config.DB_STATEMENT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    query_timeout: config.DB_STATEMENT_TIMEOUT_MS + 1_000,
    keepAlive: true,
  };
}

@Global()
@Module({
  providers: [
    {
      provide: PG_POOL,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const pool = new Pool(poolOptions(config));
        // The pool drops an idle connection the server closes (restart, failover, admin
        // termination) and emits 'error'; unheard, that event would crash the process.
        pool.on('error', (error) => {
          if (!pool.ending) new Logger('Database').warn(`Idle database connection lost: ${error.message}`);
        });
        return pool;
      },
    },
    PrismaService,
  ],
  exports: [PrismaService, PG_POOL],
})
export class DatabaseModule {}
