import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ErrorBody } from '@corroborate/contracts';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { z } from 'zod';
import { IS_PUBLIC, SESSION_COOKIE, SESSION_ONLY } from '../auth/auth.context';
import type { AppConfig } from '../infra/config/config.schema';
import { ERROR_STATUSES, OPERATIONS, type ErrorStatus, type Operation, type RouteKey } from './operations';
import { ContractSchemas, type JsonSchema } from './schemas';

export const ASYNCAPI_PATH = '/api/docs/asyncapi.json';

type Access = 'public' | 'session' | 'signed-in';

/** Every error answer: its component name, what it means and an example in the one error shape. */
const ERRORS: Record<ErrorStatus, { name: string; description: string; example: z.input<typeof ErrorBody> }> = {
  400: {
    name: 'ValidationFailed',
    description: 'The request is invalid: `error.details` names each refused field (`path`) and why.',
    example: { error: { code: 'VALIDATION_FAILED', message: 'Invalid request', details: [{ path: 'statement', message: 'must not be empty' }] } },
  },
  401: { name: 'Unauthenticated', description: 'No valid session cookie or API token.', example: { error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } } },
  403: {
    name: 'Forbidden',
    description: "The caller's role does not allow this, the credential may not (an API token where only a session may), or a cookie-authenticated write came from an origin that is not allowed.",
    example: { error: { code: 'FORBIDDEN', message: 'Only owners may manage members' } },
  },
  404: {
    name: 'NotFound',
    description: 'Nothing with that id, or it is in a workspace the caller is not a member of (its existence is not revealed).',
    example: { error: { code: 'NOT_FOUND', message: 'Claim not found' } },
  },
  409: {
    name: 'Conflict',
    description: 'A stale `version` (`error.current` holds the object as it is now), a client-chosen `id` already taken with a different body, or a state that does not allow the change.',
    example: { error: { code: 'CONFLICT', message: 'The claim was changed meanwhile', current: {} } },
  },
  413: {
    name: 'PayloadTooLarge',
    description: 'The body is larger than the route accepts, or the work it asks for ran past the time limit.',
    example: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' } },
  },
  415: { name: 'UnsupportedMediaType', description: 'The body is not JSON.', example: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send JSON' } } },
  429: {
    name: 'RateLimited',
    description: 'Too many attempts; try again after `Retry-After` seconds.',
    example: { error: { code: 'RATE_LIMITED', message: 'Too many failed sign-ins; try again in 900 s' } },
  },
  503: {
    name: 'Unavailable',
    description: 'The database is unreachable or the server is too busy; try again after `Retry-After` seconds.',
    example: { error: { code: 'UNAVAILABLE', message: 'The service is briefly unavailable; try again in a few seconds' } },
  },
};

const TAGS: Record<string, string> = {
  auth: 'Sign-up, sign-in, sessions and the signed-in user',
  tokens: 'Personal API tokens (`Authorization: Bearer`)',
  notifications: "The signed-in user's notifications",
  workspaces: 'Workspaces',
  members: "A workspace's members and their roles",
  invites: 'Invite links to a workspace',
  audit: "A workspace's audit log",
  articles: 'Articles and their revisions',
  'live events': "An article's change log, as the socket sends it",
  annotations: 'Annotations and replies (W3C Web Annotation selectors)',
  claims: 'Claims, their workflow and queues',
  evidence: 'Evidence for claims, and the sources it cites',
  'claim comments': 'Discussion on a claim',
  review: 'Verdicts, adjudication, rating scales and agreement',
  reports: 'Reports, published snapshots and share links',
  'claim candidates': 'Sentences worth checking',
  'similar claims': 'Similar claims, duplicates and published fact-checks',
  search: 'Workspace search',
  health: 'Liveness and readiness probes',
};

/** Who may call each controller route, from its `@Public()` and `@SessionOnly()` marks. */
function routeAccess(app: NestExpressApplication): Map<RouteKey, Access> {
  const access = new Map<RouteKey, Access>();
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const prototype = metatype.prototype as Record<string, object>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name]!;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const segments = ['api', Reflect.getMetadata(PATH_METADATA, metatype) as string, path].flatMap((p) => p.split('/')).filter(Boolean);
        const marked = (key: string) => Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, metatype);
        access.set(`${RequestMethod[method] as 'GET'} /${segments.join('/')}` as RouteKey, marked(IS_PUBLIC) ? 'public' : marked(SESSION_ONLY) ? 'session' : 'signed-in');
      }
    }
  }
  return access;
}

interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; description?: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, unknown>;
  security?: Record<string, string[]>[];
}

/** The properties of a request body or of the query, to see whether it can conflict. */
function fieldNames(op: OperationObject, schemas: Record<string, JsonSchema>): string[] {
  const ref = op.requestBody?.content?.['application/json']?.schema?.$ref;
  const body = typeof ref === 'string' ? schemas[ref.split('/').pop()!] : undefined;
  const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  return [...Object.keys((body?.properties as object | undefined) ?? {}), ...query];
}

/** The statuses a route's parameters, body and access make possible, plus those its row adds. */
function errorStatuses(op: OperationObject, access: Access, row: Operation, schemas: Record<string, JsonSchema>): ErrorStatus[] {
  const statuses = new Set<ErrorStatus>([503, ...(row.errors ?? [])]);
  const params = op.parameters ?? [];
  if (access !== 'public') [401, 403].forEach((s) => statuses.add(s as ErrorStatus));
  if (params.some((p) => p.in === 'path')) statuses.add(404);
  // Ids in the path are checked as UUIDs (400 naming the parameter); queries and bodies are validated.
  if (params.some((p) => (p.in === 'path' && p.name.endsWith('Id')) || p.in === 'query')) statuses.add(400);
  if (op.requestBody) [400, 413, 415].forEach((s) => statuses.add(s as ErrorStatus));
  // A client-chosen id or the version an update was made against can be refused as a conflict.
  if (fieldNames(op, schemas).some((f) => f === 'id' || f === 'version')) statuses.add(409);
  return ERROR_STATUSES.filter((s) => statuses.has(s));
}

function successResponses(row: Operation, schemas: ContractSchemas): Record<string, unknown> {
  if (row.status === 204) return { '204': { description: 'Done; no body.' } };
  const content = Object.fromEntries(
    Object.entries(row.body instanceof z.ZodType ? { 'application/json': row.body } : (row.body ?? {})).map(([type, schema]) => [type, { schema: schemas.schemaFor(schema) }]),
  );
  const responses: Record<string, unknown> = { [row.status]: { description: row.status === 201 ? 'Created.' : 'OK.', content } };
  if (row.retryable) responses['200'] = { description: 'A repeat of the same create (same `id` and body): the stored object, nothing new.', content };
  return responses;
}

/**
 * The OpenAPI 3.1 document: Nest's scan of the controllers (paths, parameters, request bodies
 * from the zod DTOs) completed from `OPERATIONS` with success bodies, errors and security.
 * `problems` lists what could not be documented (a route without a row, a row without a
 * route, a status that differs from the route's); the OpenAPI test expects none.
 */
export function buildOpenApiDocument(app: NestExpressApplication, config: AppConfig): { document: OpenAPIObject; problems: string[] } {
  const base = cleanupOpenApiDoc(
    SwaggerModule.createDocument(app, new DocumentBuilder().setOpenAPIVersion('3.1.0').setTitle('Corroborate API').setVersion('1').build(), {
      operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '').replace(/^./, (c) => c.toLowerCase())}_${method}`,
    }),
  );
  const problems: string[] = [];
  const access = routeAccess(app);
  const schemas = new ContractSchemas('#/components/schemas/');
  const dtoSchemas = (base.components?.schemas ?? {}) as Record<string, JsonSchema>;
  const documented = new Set<RouteKey>();

  for (const [path, item] of Object.entries(base.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, OperationObject>)) {
      const key = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}` as RouteKey;
      const row = OPERATIONS[key];
      if (!row) {
        problems.push(`${key} has no row in api-docs/operations.ts`);
        continue;
      }
      documented.add(key);
      const nestStatus = Object.keys(op.responses)[0];
      if (nestStatus !== String(row.status)) problems.push(`${key} answers ${nestStatus}, its row says ${row.status}`);
      const routeAccessed = access.get(key) ?? 'signed-in';
      op.summary = row.summary;
      if (row.description) op.description = row.description;
      for (const param of op.parameters ?? []) {
        if (param.in === 'path' && param.name.endsWith('Id')) {
          param.schema = { type: 'string', format: 'uuid' };
          param.description ??= `The ${param.name.slice(0, -2)}'s id`;
        }
      }
      op.responses = successResponses(row, schemas);
      for (const status of errorStatuses(op, routeAccessed, row, dtoSchemas)) {
        op.responses[status] =
          status === 404 && row.plainNotFound
            ? { description: 'No such link, or it was revoked.', content: { 'text/plain': { schema: { type: 'string' } } } }
            : { $ref: `#/components/responses/${ERRORS[status].name}` };
      }
      // Either credential by default (the document's `security`); say where that differs.
      if (routeAccessed === 'public') op.security = [];
      if (routeAccessed === 'session') op.security = [{ session: [] }];
    }
  }
  for (const key of Object.keys(OPERATIONS) as RouteKey[]) {
    if (!documented.has(key)) problems.push(`${key} has a row in api-docs/operations.ts but no such route`);
  }

  const errorBody = schemas.schemaFor(ErrorBody);
  const responses = Object.fromEntries(
    Object.values(ERRORS).map(({ name, description, example }) => [
      name,
      {
        description,
        ...(name === 'RateLimited' || name === 'Unavailable'
          ? { headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } } } }
          : {}),
        content: { 'application/json': { schema: errorBody, example } },
      },
    ]),
  );
  const usedTags = new Set(Object.values(base.paths).flatMap((item) => Object.values(item as Record<string, OperationObject>).flatMap((op) => op.tags ?? [])));
  const document: OpenAPIObject = {
    ...base,
    info: {
      title: 'Corroborate API',
      version: '1',
      description: [
        'Collaborative investigation workspace: accounts, workspaces, articles, annotations, claims, evidence, review and reports.',
        '',
        'Every body is JSON validated against the zod contracts this document is generated from; every error answers one shape, `ErrorBody`.',
        `Live changes to an article arrive over socket.io: see the AsyncAPI document at [${ASYNCAPI_PATH}](${ASYNCAPI_PATH}).`,
      ].join('\n'),
      license: { name: 'Proprietary: all rights reserved' },
    },
    servers: [{ url: config.PUBLIC_URL, description: 'This deployment' }],
    security: [{ session: [] }, { apiToken: [] }],
    tags: [...usedTags].sort().map((name) => ({ name, description: TAGS[name] ?? name })),
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The session cookie set by sign-up and sign-in.' },
        apiToken: { type: 'http', scheme: 'bearer', description: 'A personal API token (`POST /api/tokens`), sent as `Authorization: Bearer <token>`.' },
      },
      responses: responses as NonNullable<OpenAPIObject['components']>['responses'],
      schemas: {},
    },
  };
  const contractComponents = schemas.components(document);
  for (const name of Object.keys(contractComponents)) if (dtoSchemas[name]) problems.push(`two schemas are named ${name}`);
  document.components!.schemas = { ...dtoSchemas, ...contractComponents } as NonNullable<OpenAPIObject['components']>['schemas'];
  return { document, problems };
}
