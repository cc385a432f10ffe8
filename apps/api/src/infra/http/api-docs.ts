import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import type { AppConfig } from '../config/config.schema';
import { toAppError } from '../errors/error.filter';
import { unauthenticated } from '../errors/app-error';

/** The docs page, its assets and the document in JSON and YAML. */
const DOCS_PATH = /^\/api\/docs(?:-json|-yaml)?(?:\/|$)/;

/**
 * The OpenAPI document, generated from the same schemas as the routes, at /api/docs (and
 * -json). It maps every route, so unless API_DOCS=public only signed-in users may read it.
 */
export function setupApiDocs(app: NestExpressApplication, config: AppConfig, isSignedIn: (req: Request) => Promise<boolean>): void {
  if (config.API_DOCS !== 'public') {
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (!DOCS_PATH.test(req.path)) return next();
      isSignedIn(req).then(
        (signedIn) => {
          if (signedIn) return next();
          const error = unauthenticated('Sign in to read the API documentation');
          res.status(error.status).json(error.toBody());
        },
        (err: unknown) => {
          const error = toAppError(err);
          if (error.retryAfter) res.setHeader('Retry-After', String(error.retryAfter));
          res.status(error.status).json(error.toBody());
        },
      );
    });
  }
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
}
