import { poolOptions } from '../database/database.module';
import { ConfigError, loadConfig } from './config.schema';

describe('loadConfig', () => {
  it('applies defaults and derives the public origin', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.PUBLIC_URL).toBe('http://localhost:3000');
    expect(config.origins).toEqual(['http://localhost:3000']);
    expect(config.secureCookies).toBe(false);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('allows extra origins and makes cookies Secure behind https', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://desk.example.org/', ALLOWED_ORIGINS: 'http://localhost:5173, https://a.example' });
    expect(config.PUBLIC_URL).toBe('https://desk.example.org');
    expect(config.origins).toEqual(['https://desk.example.org', 'http://localhost:5173', 'https://a.example']);
    expect(config.secureCookies).toBe(true);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', BODY_LIMIT: 'huge', SEED_DEMO: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const paths = (error as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(paths.sort()).toEqual(['BODY_LIMIT', 'DATABASE_URL', 'PORT', 'SEED_DEMO']);
  });

  it('gives the database pool limits by default, and takes others', () => {
    const defaults = loadConfig({});
    expect(poolOptions(defaults)).toMatchObject({
      max: 20,
      idleTimeoutMillis: 600_000,
      connectionTimeoutMillis: 5_000,
      statement_timeout: 15_000,
      idle_in_transaction_session_timeout: 10_000,
      query_timeout: 16_000,
    });
    const tuned = loadConfig({ DB_POOL_MAX: '5', DB_POOL_IDLE_MS: '30000', DB_CONNECT_TIMEOUT_MS: '2000', DB_STATEMENT_TIMEOUT_MS: '3000', DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '4000' });
    expect(poolOptions(tuned)).toMatchObject({ max: 5, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 2_000, statement_timeout: 3_000, idle_in_transaction_session_timeout: 4_000, query_timeout: 4_000 });
    expect(() => loadConfig({ DB_STATEMENT_TIMEOUT_MS: '0' })).toThrow(/DB_STATEMENT_TIMEOUT_MS/);
    // At least a second: the pool gives an unused connection back in the end.
    expect(() => loadConfig({ DB_POOL_IDLE_MS: '0' })).toThrow(/DB_POOL_IDLE_MS/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });
});
