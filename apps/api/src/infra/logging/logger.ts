import pino, { type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { AppConfig } from '../config/config.schema';

const pretty = { target: 'pino-pretty', options: { singleLine: true, ignore: 'pid,hostname' } };

/** Request logging (pino-http) without cookies or tokens, health checks left out. */
export function requestLogger(config: AppConfig) {
  return pinoHttp({
    level: config.LOG_LEVEL,
    transport: config.LOG_PRETTY ? pretty : undefined,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    autoLogging: { ignore: (req) => req.url === '/api/health' },
  });
}

/** The logger used before Nest starts (boot, embedded database, migrations). */
export function bootLogger(config: Pick<AppConfig, 'LOG_LEVEL' | 'LOG_PRETTY'>): Logger {
  return pino({ level: config.LOG_LEVEL, transport: config.LOG_PRETTY ? pretty : undefined });
}
