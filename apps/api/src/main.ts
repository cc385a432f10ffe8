import 'reflect-metadata';
import type { Logger } from 'pino';
import { createApp, listen } from './app';
import { seedDemoIfWanted } from './demo/demo-seed';
import { ConfigError, directDatabaseUrl, loadConfig, type AppConfig } from './infra/config/config.schema';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './infra/database/embedded-postgres';
import { applyMigrations } from './infra/database/migrate';
import { ShutdownService } from './infra/lifecycle/shutdown.service';
import { bootLogger } from './infra/logging/logger';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const log = bootLogger(config);

  let embedded: EmbeddedDatabase | undefined;
  if (!config.DATABASE_URL) {
    embedded = await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT, log);
    config = { ...config, DATABASE_URL: embedded.url };
    log.info(`Embedded PostgreSQL is running on port ${config.EMBEDDED_PG_PORT} (data in ${config.DATA_DIR})`);
  }

  const applied = await applyMigrations(directDatabaseUrl(config)!);
  log.info(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date');

  const app = await createApp(config);
  const demo = await seedDemoIfWanted(app, config.SEED_DEMO, log);
  await listen(app, config.PORT, config.HOST);

  printWelcome(config.PUBLIC_URL, demo);
  const grace = config.SHUTDOWN_GRACE_MS;
  onShutdown(log, grace, async () => {
    // Stop taking work and let what runs finish first: closing the app ends the pool and Redis.
    const cutOff = await app.get(ShutdownService).drain(app.getHttpServer(), grace);
    if (cutOff) log.warn(`${cutOff} request(s) still running after ${grace} ms were cut off`);
    await app.close();
    await embedded?.stop();
  });
}

/** Plain stdout, not the log: this is what a person reads after starting the app. */
function printWelcome(url: string, demo: Awaited<ReturnType<typeof seedDemoIfWanted>>): void {
  const lines = [``, `  Corroborate is running at ${url}`, `  API docs: ${url}/api/docs`];
  if (demo) {
    lines.push(`  Demo workspace "${demo.workspaceName}"; sign in as any of (password: ${demo.password}):`);
    for (const user of demo.users) lines.push(`    ${user.email.padEnd(32)} ${user.role}`);
  }
  lines.push(`  Press Ctrl-C to stop.`, ``);
  console.log(lines.join('\n'));
}

/** Closing past the grace period plus this means something hangs: exit anyway. */
const CLOSE_ALLOWANCE_MS = 10_000;

function onShutdown(log: Logger, graceMs: number, close: () => Promise<void>): void {
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      log.info('Shutting down…');
      setTimeout(() => {
        log.error('Shutdown took too long; exiting');
        process.exit(1);
      }, graceMs + CLOSE_ALLOWANCE_MS).unref();
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          log.error(error);
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
