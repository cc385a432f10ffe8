import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import { parse } from 'pg-connection-string';
import type { PoolConfig } from 'pg';

// Migrations run through Prisma's JavaScript schema engine over the pg driver, so no
// engine binary is downloaded (see README, "Database"). The URL is passed as separate
// fields because the adapter derives its shadow database by overriding `database`,
// which a `connectionString` would silently win over.
export default defineConfig({
  schema: path.join(__dirname, '../../prisma/schema.prisma'),
  migrations: { path: path.join(__dirname, '../../prisma/migrations') },
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPg(parse(process.env.DATABASE_URL ?? '') as PoolConfig),
});
