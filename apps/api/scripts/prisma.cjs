// Runs the Prisma CLI with the engine variables that keep it from downloading binaries
// (migrations use the JavaScript schema engine configured in prisma.config.ts).
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const stub = path.resolve(__dirname, '../../../prisma/.engine-stub');
const result = spawnSync(
  process.execPath,
  [require.resolve('prisma/build/index.js'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    cwd: path.resolve(__dirname, '..'),
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: stub,
      PRISMA_QUERY_ENGINE_LIBRARY: stub,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  },
);
process.exit(result.status ?? 1);
