import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const repoRoot = path.resolve(__dirname, '../../../../..');

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const withoutTrailingSlashes = (url: string) => {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end--;
  return url.slice(0, end);
};

/** A body size as body-parser reads it. */
const size = z.string().regex(/^\d+(?:b|kb|mb)$/i, 'must look like 512kb or 2mb');

const millis = (fallback: number, min = 0) => z.coerce.number().int().min(min).max(86_400_000).default(fallback);

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL');

/** Every setting the API reads from the environment, validated once at boot. */
export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: z.url().optional(),
    ALLOWED_ORIGINS: z
      .string()
      .default('')
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.url({ message: 'must be a comma-separated list of origins' }))),
    DATABASE_URL: postgresUrl.optional(),
    /**
     * A direct (session) connection to the same database, for what a transaction-mode pooler
     * such as PgBouncer cannot carry: migrations and LISTEN. Defaults to DATABASE_URL.
     */
    DATABASE_DIRECT_URL: postgresUrl.optional(),
    /** Connections each API process may open; replicas × this must fit the server's max_connections. */
    DB_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(20),
    /**
     * How long a pooled connection may sit unused before it is closed. Node's pg closes them after
     * 10 s: the first burst after a lull then paid for new server processes (their start and their
     * cold caches) in its own requests (bench/reads.ts).
     */
    DB_POOL_IDLE_MS: millis(600_000, 1_000),
    /** Time to open a connection, or to wait for a free one when the pool is busy. */
    DB_CONNECT_TIMEOUT_MS: millis(5_000, 100),
    /** Longest a statement may run; the server cancels it, and the client gives up 1 s later if it does not. */
    DB_STATEMENT_TIMEOUT_MS: millis(15_000, 100),
    /** A transaction left idle this long is ended by the server, freeing its locks. */
    DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: millis(10_000, 100),
    DATA_DIR: z.string().default(path.join(repoRoot, '.data')),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
    /** Names the Redis stream and pub/sub channels, so several deployments can share one Redis. */
    REDIS_PREFIX: z.string().regex(/^[\w.:-]{1,64}$/, 'must be 1-64 letters, digits or . _ : -').default('socket.io'),
    WEB_DIST: z.string().default(path.join(repoRoot, 'apps/web/dist')),
    SEED_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_PRETTY: bool.optional(),
    BODY_LIMIT: size.default('2mb'),
    /** Routes open to anonymous callers (sign-up, sign-in, invite preview) read at most this much. */
    PUBLIC_BODY_LIMIT: size.default('16kb'),
    /** Threads converting documents and re-anchoring annotations off the event loop. */
    WORKER_THREADS: z.coerce.number().int().min(1).max(64).default(Math.max(2, availableParallelism() - 1)),
    /** The longest one such task may run before the request is refused with 413. */
    WORKER_TIME_LIMIT_MS: z.coerce.number().int().min(10).max(600_000).default(10_000),
    SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    TRUST_PROXY: bool.default(false),
    /**
     * How long an idle keep-alive connection stays open after its last answer (Node's own
     * default is 5 s). Longer than a proxy keeps its connections to us, so that we never close
     * one as it sends the next request; and readers coming back after a pause keep theirs.
     */
    HTTP_KEEP_ALIVE_MS: millis(65_000, 1_000),
    /** Who may read /api/docs: anyone (`public`) or signed-in users. */
    API_DOCS: z.enum(['public', 'signed-in']).default('signed-in'),
    /** On SIGTERM, how long requests in flight may take to finish before the process exits anyway. */
    SHUTDOWN_GRACE_MS: millis(10_000),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(50),
    LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
    /** Sign-ups per client address per window, whether they create an account or not. */
    REGISTER_MAX_PER_IP: z.coerce.number().int().min(1).default(20),
    REGISTER_WINDOW_MINUTES: z.coerce.number().int().min(1).default(60),
    /** Addresses without an account each user may try to add as members per hour, before 429. */
    MEMBER_LOOKUP_MISSES_PER_HOUR: z.coerce.number().int().min(1).default(30),
    /** Workspaces each user may create per hour, before 429 (a workspace cannot be deleted, so bursts are what is bounded). */
    WORKSPACE_CREATES_PER_HOUR: z.coerce.number().int().min(1).default(20),
    /** How often open sockets re-check that their session or token still authenticates. */
    SOCKET_RECHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    /** Chromium for PDF reports. */
    CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
    /** Google Fact Check Tools: published fact-checks beside similar claims; off without a key. */
    FACTCHECK_API_KEY: z.string().min(1).optional(),
    FACTCHECK_API_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).default('https://factchecktools.googleapis.com/v1alpha1'),
    /** Outbound requests to user-given URLs may reach loopback addresses; only for tests with a local receiver. */
    OUTBOUND_ALLOW_LOOPBACK: bool.default(false),
    /** Hosts a URL import may fetch whatever addresses they resolve to (an intranet's, a test's page server). */
    IMPORT_ALLOW_HOSTS: z
      .string()
      .default('')
      .transform((v) => v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[\w.:[\]-]{1,253}$/, 'must be a comma-separated list of host names'))),
    /** Webhook endpoints may be plain http:// (otherwise https:// only). */
    WEBHOOK_ALLOW_HTTP: bool.default(false),
    /** Longest one delivery attempt may take. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    /** The first retry's delay; each next one doubles it. */
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
    /** How long a delivery is retried before it is marked failed. */
    WEBHOOK_RETRY_FOR_MS: millis(86_400_000, 1_000),
    /** How often the delivery worker looks for due deliveries. */
    WEBHOOK_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
    /** Whether this process sends webhook deliveries (every replica may; they share the work). */
    WEBHOOK_WORKER: bool.default(true),
    FACTCHECK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  })
  .transform((c) => {
    const publicUrl = withoutTrailingSlashes(c.PUBLIC_URL ?? `http://localhost:${c.PORT}`);
    return {
      ...c,
      PUBLIC_URL: publicUrl,
      /** The app's own origin is always allowed; others only when listed. */
      origins: [new URL(publicUrl).origin, ...c.ALLOWED_ORIGINS.map((o) => new URL(o).origin)],
      secureCookies: publicUrl.startsWith('https://'),
      LOG_PRETTY: c.LOG_PRETTY ?? (c.NODE_ENV !== 'test' && Boolean(process.stdout.isTTY)),
    };
  });

export type AppConfig = z.infer<typeof ConfigSchema>;

/** Where migrations and LISTEN go: the direct connection when one is configured. */
export const directDatabaseUrl = (config: AppConfig): string | undefined => config.DATABASE_DIRECT_URL ?? config.DATABASE_URL;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment, naming every bad variable at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = ConfigSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`),
    );
  }
  return parsed.data;
}
