import path from 'node:path';
import { z } from 'zod';

const repoRoot = path.resolve(__dirname, '../../../../..');

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

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
    DATA_DIR: z.string().default(path.join(repoRoot, '.data')),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
    /** Names the Redis stream and pub/sub channels, so several deployments can share one Redis. */
    REDIS_PREFIX: z.string().regex(/^[\w.:-]{1,64}$/, 'must be 1-64 letters, digits or . _ : -').default('socket.io'),
    WEB_DIST: z.string().default(path.join(repoRoot, 'apps/web/dist')),
    SEED_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_PRETTY: bool.optional(),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'must look like 512kb or 2mb')
      .default('2mb'),
    SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    TRUST_PROXY: bool.default(false),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(50),
    LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
    /** Sign-ups per client address per window, whether they create an account or not. */
    REGISTER_MAX_PER_IP: z.coerce.number().int().min(1).default(20),
    REGISTER_WINDOW_MINUTES: z.coerce.number().int().min(1).default(60),
    /** How often open sockets re-check that their session or token still authenticates. */
    SOCKET_RECHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    /** Chromium for PDF reports. */
    CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  })
  .transform((c) => {
    const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, '');
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
