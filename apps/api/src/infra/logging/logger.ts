import pino, { type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { AppConfig } from '../config/config.schema';

const pretty = { target: 'pino-pretty', options: { singleLine: true, ignore: 'pid,hostname' } };

/** Invite links carry their token in the path: it stays out of the logs. */
export const withoutSecrets = (url: string) => url.replace(/(\/(?:api\/invites|join)\/)[^/?#]+/, '$1[token]');

/**
 * Request logging (pino-http): one line per request with its method, path and status, no
 * headers (so no cookies or API tokens); health checks left out.
 */
export function requestLogger(config: AppConfig) {
  return pinoHttp({
    level: config.LOG_LEVEL,
    transport: config.LOG_PRETTY ? pretty : undefined,
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: withoutSecrets(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req) => req.url?.startsWith('/api/health') ?? false },
  });
}

/** The logger used before Nest starts (boot, embedded database, migrations). */
export function bootLogger(config: Pick<AppConfig, 'LOG_LEVEL' | 'LOG_PRETTY'>): Logger {
  return pino({ level: config.LOG_LEVEL, transport: config.LOG_PRETTY ? pretty : undefined });
}

/** A logger for a feature's own lines (pino, at LOG_LEVEL, like the request log). */
export function featureLogger(config: Pick<AppConfig, 'LOG_LEVEL' | 'LOG_PRETTY'>, name: string): Logger {
  return bootLogger(config).child({ name });
}
