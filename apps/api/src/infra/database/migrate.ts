import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const apiRoot = path.resolve(__dirname, '../../..');
const engineStub = path.resolve(apiRoot, '../../prisma/.engine-stub');

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

/** Applies every pending migration in prisma/migrations (`prisma migrate deploy`). */
export async function applyMigrations(databaseUrl: string): Promise<string> {
  const cli = require.resolve('prisma/build/index.js', { paths: [apiRoot] });
  const { stdout } = await run(
    process.execPath,
    [cli, 'migrate', 'deploy', '--config', path.join(apiRoot, 'prisma.config.ts')],
    { cwd: apiRoot, env: prismaCliEnv(databaseUrl), maxBuffer: 10 * 1024 * 1024 },
  );
  return stdout;
}
