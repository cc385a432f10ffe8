import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../infra/config/config.schema';
import { toAppError } from '../infra/errors/error.filter';
import { unauthenticated } from '../infra/errors/app-error';
import { featureLogger } from '../infra/logging/logger';
import { buildAsyncApiDocument } from './asyncapi';
import { ASYNCAPI_PATH, buildOpenApiDocument } from './openapi';

/**
 * The docs page, its assets, the document in JSON and YAML, and the AsyncAPI document, in any
 * case, as the routes match (an escaped spelling matches no route, see RoutedExpressAdapter).
 */
const DOCS_PATH = /^\/api\/docs(?:-json|-yaml)?(?:\/|$)/i;

/**
 * The OpenAPI document, generated from the same schemas as the routes, at /api/docs (and
 * -json), and the AsyncAPI document of the socket events. They map every route, so unless
 * API_DOCS=public only signed-in users may read them.
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
  const { document, problems } = buildOpenApiDocument(app, config);
  // The OpenAPI test fails on these; a running server documents what it can and says what it could not.
  if (problems.length > 0) featureLogger(config, 'api-docs').warn({ problems }, 'Some routes are not fully documented');
  // The socket events, beside the HTTP document (linked from its description).
  const asyncApi = buildAsyncApiDocument(config);
  app.getHttpAdapter().getInstance().get(ASYNCAPI_PATH, (_req: Request, res: Response) => res.json(asyncApi));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
