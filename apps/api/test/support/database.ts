import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

function adminClient(): Client {
  const base = process.env.TEST_DATABASE_BASE_URL;
  if (!base) throw new Error('TEST_DATABASE_BASE_URL is not set; run through jest (global setup)');
  return new Client({ connectionString: base });
}

/** A fresh, migrated database of this test file's own, cloned from the run's template. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `cb_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = adminClient();
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${process.env.TEST_DATABASE_TEMPLATE}"`);
  await admin.end();
  const url = new URL(process.env.TEST_DATABASE_BASE_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = adminClient();
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
