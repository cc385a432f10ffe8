import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { AppModule } from './app.module';
import type { AppConfig } from './infra/config/config.schema';
import { toAppError } from './infra/errors/error.filter';
import { originCheck } from './infra/http/origin-check';
import { requestLogger } from './infra/logging/logger';
import { serveWebClient } from './infra/http/static-web';
import { rejectUnstorableText } from './infra/http/text-guard';
import { ShutdownService } from './infra/lifecycle/shutdown.service';
import { SocketAdapter } from './realtime/socket-adapter';

/** Builds the HTTP application (routes, middleware, docs, web client) without listening. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    // Nest's own start-up chatter stays quiet; requests are logged by pino.
    logger: ['error', 'warn'],
  });
  app.set('trust proxy', config.TRUST_PROXY);
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
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'upgrade-insecure-requests': config.secureCookies ? [] : null,
        },
      },
      strictTransportSecurity: config.secureCookies,
    }),
  );
  // Plain middleware: no per-request async context, which would tax every promise.
  app.use(requestLogger(config));
  app.use(cookieParser());
  app.use('/api', originCheck(config.origins));
  app.use('/api', express.json({ limit: config.BODY_LIMIT, type: ['application/json', 'application/*+json'] }));
  // Body-parser failures (too large, malformed JSON) answer in the one error shape.
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    const error = toAppError(err);
    res.status(error.status).json(error.toBody());
  });
  app.use('/api', rejectUnstorableText());

  app.setGlobalPrefix('api');
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Corroborate API')
      .setDescription('Collaborative investigation workspace: accounts, workspaces, articles and annotations.')
      .setVersion('1')
      .addCookieAuth('cb_session')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, cleanupOpenApiDoc(document), { jsonDocumentUrl: 'api/docs-json' });

  serveWebClient(app.getHttpAdapter().getInstance(), config.WEB_DIST);
  return app;
}
