import pg from 'pg';

export default async function globalTeardown() {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_BASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${process.env.TEST_DATABASE_TEMPLATE}" WITH (FORCE)`);
  await admin.end();
  await globalThis.__embeddedPostgres?.stop();
}
