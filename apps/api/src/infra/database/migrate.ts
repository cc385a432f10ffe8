import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

const apiRoot = path.resolve(__dirname, '../../..');
const engineStub = path.resolve(apiRoot, '../../prisma/.engine-stub');
const migrationsDir = path.resolve(apiRoot, '../../prisma/migrations');

/**
 * Environment for the Prisma CLI. Migrations use Prisma's JavaScript schema engine over the
 * pg driver (prisma.config.ts); pointing the engine variables at a stub stops the CLI from
 * trying to download binaries it will not use.
 */
export function prismaCliEnv(databaseUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PRISMA_SCHEMA_ENGINE_BINARY: engineStub,
    PRISMA_QUERY_ENGINE_LIBRARY: engineStub,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    PRISMA_SKIP_POSTINSTALL_GENERATE: '1',
  };
}

/** Every migration this build ships, by name. */
export function migrationNames(): string[] {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
}

/** Names of the migrations the database has finished applying. */
export const APPLIED_MIGRATIONS_SQL = `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

/** Migrations in prisma/migrations that the database has not finished applying. */
export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const all = migrationNames();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(APPLIED_MIGRATIONS_SQL);
    const applied = new Set(rows.map((r) => r.name));
    return all.filter((name) => !applied.has(name));
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return all; // no migrations table yet
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Applies every pending migration in prisma/migrations (`prisma migrate deploy`). The CLI
 * takes seconds to start, so it only runs when something is pending.
 */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const pending = await pendingMigrations(databaseUrl);
  if (pending.length) await deploy(databaseUrl);
  return pending;
}

async function deploy(databaseUrl: string): Promise<string> {
  const cli = require.resolve('prisma/build/index.js', { paths: [apiRoot] });
  const { stdout } = await run(
    process.execPath,
    [cli, 'migrate', 'deploy', '--config', path.join(apiRoot, 'prisma.config.ts')],
    { cwd: apiRoot, env: prismaCliEnv(databaseUrl), maxBuffer: 10 * 1024 * 1024 },
  );
  return stdout;
}
