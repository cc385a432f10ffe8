import { Global, Module } from '@nestjs/common';
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
      useFactory: (config: AppConfig) => new Pool({ connectionString: config.DATABASE_URL, max: 20 }),
    },
    PrismaService,
  ],
  exports: [PrismaService, PG_POOL],
})
export class DatabaseModule {}
