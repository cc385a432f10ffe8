import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../src/app';
import { loadConfig, type AppConfig } from '../../src/infra/config/config.schema';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createTestDatabase } from './database';

export const TEST_ORIGIN = 'http://corroborate.test';

export interface TestApp {
  app: NestExpressApplication;
  url: string;
  config: AppConfig;
  prisma: PrismaService;
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * The real application on a random port, over its own fresh database, or, with `databaseUrl`,
 * over another app's database (a second API process): then closing it leaves the database alone.
 */
export async function startTestApp(env: Record<string, string> = {}, options: { databaseUrl?: string } = {}): Promise<TestApp> {
  const db = options.databaseUrl ? { url: options.databaseUrl, drop: async () => {} } : await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    PUBLIC_URL: TEST_ORIGIN,
    WEB_DIST: '/nonexistent',
    PORT: '0',
    // Test files sign up many users from one address; the sign-up limit has its own test.
    REGISTER_MAX_PER_IP: '100000',
    ...env,
    DATABASE_URL: db.url,
  });
  const app = await createApp(config);
  await app.listen(config.PORT, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    config,
    prisma: app.get(PrismaService),
    databaseUrl: db.url,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
