import { Global, Logger, Module } from '@nestjs/common';
import { Pool } from 'pg';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { PG_POOL, PrismaService } from './prisma.service';

@Global()
@Module({
  providers: [
    {
      provide: PG_POOL,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const pool = new Pool({ connectionString: config.DATABASE_URL, max: 20 });
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
