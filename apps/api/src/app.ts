import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { SESSION_COOKIE } from './auth/auth.context';
import { CredentialsService, presentedCredential } from './auth/credentials.service';
import type { AppConfig } from './infra/config/config.schema';
import { setupApiDocs } from './api-docs/api-docs';
import { forbidden } from './infra/errors/app-error';
import { originCheck } from './infra/http/origin-check';
import { bootLogger, requestLogger } from './infra/logging/logger';
import { RoutedExpressAdapter } from './infra/http/routed-express-adapter';
import { serveWebClient } from './infra/http/static-web';
import { ShutdownService } from './infra/lifecycle/shutdown.service';
import { SocketAdapter } from './realtime/socket-adapter';

/** Builds the HTTP application (routes, middleware, docs, web client) without listening. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), new RoutedExpressAdapter(), {
    bodyParser: false,
    // Nest's own start-up chatter stays quiet; requests are logged by pino.
    logger: ['error', 'warn'],
  });
  app.set('trust proxy', config.TRUST_PROXY);
  // With Node's 5 s, fifty readers back after a pause all reconnected at once and each
  // reader's first open waited behind the others' (up to 760 ms, bench/reads.ts). The
  // headers timeout stays Node's: it bounds how slowly a request may arrive.
  (app.getHttpServer() as Server).keepAliveTimeout = config.HTTP_KEEP_ALIVE_MS;
  const sockets = new SocketAdapter(app, config.REDIS_URL, config.REDIS_PREFIX);
  await sockets.connect();
  app.useWebSocketAdapter(sockets);
  app.disable('x-powered-by');
  // First of all, so that shutdown waits for every request that reached the process.
  app.use(app.get(ShutdownService).track);

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          // Its own origin and the configured ones, over HTTP and WebSocket; no other host.
          'connect-src': ["'self'", ...config.origins.flatMap((origin) => [origin, origin.replace(/^http/, 'ws')])],
          'upgrade-insecure-requests': config.secureCookies ? [] : null,
        },
      },
      strictTransportSecurity: config.secureCookies,
    }),
  );
  // Plain middleware: no per-request async context, which would tax every promise.
  app.use(requestLogger(bootLogger(config)));
  app.use(cookieParser());
  app.use('/api', originCheck(config.origins));

  app.setGlobalPrefix('api');
  const credentials = app.get(CredentialsService);
  setupApiDocs(app, config, async (req) => {
    const auth = await credentials.resolve(presentedCredential(req.headers.authorization, req.cookies?.[SESSION_COOKIE]));
    // An API token needs the read scope here too, as on every route (a rejection answers with its status).
    if (auth?.tokenId && !auth.scopes?.includes('read')) throw forbidden('This API token lacks the "read" scope this needs');
    return auth !== null;
  });

  serveWebClient(app.getHttpAdapter().getInstance(), config.WEB_DIST, SESSION_COOKIE);
  return app;
}

/**
 * Connections the kernel queues for the app while it is busy (capped by net.core.somaxconn).
 * Node's default of 511 overflowed when 1,000 clients reconnected at once: the dropped ones
 * retried after 1, 3, 7 and 15 s, which made a storm of 1,000 take 18 s (bench/capacity.ts).
 */
export const LISTEN_BACKLOG = 4096;

/** Starts listening with LISTEN_BACKLOG. */
export function listen(app: NestExpressApplication, port: number, host: string): Promise<unknown> {
  // Nest passes everything after the port on to http.Server#listen(port, host, backlog, callback).
  const withBacklog = app.listen.bind(app) as unknown as (port: number, host: string, backlog: number) => Promise<unknown>;
  return withBacklog(port, host, LISTEN_BACKLOG);
}
