import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { buildOpenApiDocument } from '../src/api-docs/openapi';
import { newUser } from './support/http-client';
import { registeredRoutes } from './support/routes';
import { startTestApp, type TestApp } from './support/test-app';

/** The generated client's check: the document's types, a small client, both in memory. */
const SCHEMA_FILE = join(__dirname, 'generated-client', 'schema.d.ts');
const CLIENT_FILE = join(__dirname, 'generated-client', 'client.ts');

/**
 * A small client as an integrator would write it with openapi-fetch: every call and field is
 * checked against the generated types, and the `@ts-expect-error` lines prove the types are not
 * `any` (a line that type-checks under one of them is itself an error).
 */
const CLIENT = `
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

type Claim = components['schemas']['Claim'];
type ErrorBody = components['schemas']['ErrorBody'];

const api = createClient<paths>({ baseUrl: 'http://localhost:3000', headers: { Authorization: 'Bearer cb_token' } });

export async function importAndClaim(workspaceId: string): Promise<Claim['id'] | ErrorBody> {
  const article = await api.POST('/api/workspaces/{workspaceId}/articles', {
    params: { path: { workspaceId } },
    body: { title: 'Budget speech', text: 'Unemployment fell by 3% last year.' },
  });
  if (article.error) return article.error;
  const revision: number = article.data.revision.number;
  const claim = await api.POST('/api/articles/{articleId}/claims', {
    params: { path: { articleId: article.data.id } },
    body: { statement: 'Unemployment fell by 3% last year', priority: 'high' },
  });
  if (claim.error) {
    const fields: string[] = (claim.error.error.details ?? []).map((d) => d.path);
    void fields;
    return claim.error;
  }
  const status: 'open' | 'assigned' | 'in_progress' | 'in_review' | 'disputed' | 'resolved' | 'dismissed' = claim.data.status;
  void status;
  void revision;
  // @ts-expect-error a claim has no such field
  void claim.data.notAField;
  // @ts-expect-error the status is one of the workflow's
  const wrong: 'maybe' = claim.data.status;
  void wrong;
  return claim.data.id;
}

export async function queue(workspaceId: string): Promise<string[]> {
  const { data } = await api.GET('/api/workspaces/{workspaceId}/queue', { params: { path: { workspaceId } } });
  // @ts-expect-error the path needs its workspaceId
  await api.GET('/api/workspaces/{workspaceId}/queue', { params: { path: {} } });
  // @ts-expect-error no such route
  await api.GET('/api/no-such-route');
  return (data ?? []).map((item) => \`\${item.articleTitle}: \${item.statement}\`);
}

export async function search(workspaceId: string, q: string) {
  const { data } = await api.GET('/api/workspaces/{workspaceId}/search', { params: { path: { workspaceId }, query: { q } } });
  return data?.results.map((r) => r.type);
}

export async function me() {
  const { data, response } = await api.GET('/api/me');
  if (response.status === 401) return null;
  return data?.workspaces.map((w) => [w.name, w.role]);
}
`;

/** Type-checks the client against the generated types, as `tsc --strict --noEmit` would. */
function typeCheck(schema: string, client: string): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: true,
  };
  const files = new Map([
    [SCHEMA_FILE, schema],
    [CLIENT_FILE, client],
  ]);
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  host.directoryExists = (dir) => dir === dirname(CLIENT_FILE) || (directoryExists?.call(host, dir) ?? true);
  host.fileExists = (file) => files.has(file) || fileExists.call(host, file);
  host.readFile = (file) => files.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, version, ...rest) =>
    files.has(file) ? ts.createSourceFile(file, files.get(file)!, version) : getSourceFile.call(host, file, version, ...rest);
  const program = ts.createProgram([CLIENT_FILE], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

let app: TestApp;
let document: any;

beforeAll(async () => {
  app = await startTestApp();
  const me = await newUser(app, 'Integrator');
  const res = await me.get('/api/docs-json');
  expect(res.status).toBe(200);
  document = res.body;
});
afterAll(() => app.close());

const operations = () =>
  Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  );

describe('the OpenAPI document', () => {
  it('documents every route the app registers, each with a row in the operations table', () => {
    expect(buildOpenApiDocument(app.app, app.config).problems).toEqual([]);
    const documented = new Set(operations().map(({ key }) => key.replace(/\{(\w+)\}/g, ':$1')));
    // The viewer's own pages and this document itself are not API operations.
    const routes = registeredRoutes(app).filter((r) => !/^GET \/api\/docs/.test(r));
    expect(routes.filter((r) => !documented.has(r))).toEqual([]);
    expect(documented.size).toBe(routes.length);
  });

  it('gives every operation a summary, a tag, its success body and its errors in the one error shape', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const { key, op } of operations()) {
      const statuses = Object.keys(op.responses);
      expect([key, typeof op.summary, op.tags?.length]).toEqual([key, 'string', 1]);
      const success = statuses.filter((s) => s.startsWith('2'));
      expect([key, success.length > 0]).toEqual([key, true]);
      for (const status of success) {
        const response = op.responses[status];
        if (status === '204') expect([key, response.content]).toEqual([key, undefined]);
        else expect([key, Object.values(response.content).every((c: any) => c.schema && Object.keys(c.schema).length > 0)]).toEqual([key, true]);
      }
      expect([key, statuses]).toEqual([key, expect.arrayContaining(['503'])]);
      for (const status of statuses.filter((s) => Number(s) >= 400 && !(key === 'GET /api/shared/{token}' && s === '404'))) {
        const ref = op.responses[status].$ref as string;
        const schema = document.components.responses[ref.split('/').pop()!].content['application/json'].schema;
        expect([key, status, schema]).toEqual([key, status, { $ref: '#/components/schemas/ErrorBody' }]);
      }
    }
  });

  it('documents success bodies from the contracts', () => {
    const json = (key: string, status: string) => {
      const [method, path] = key.split(' ');
      return document.paths[path!][method!.toLowerCase()].responses[status].content['application/json'].schema;
    };
    expect(json('GET /api/claims/{claimId}', '200')).toEqual({ $ref: '#/components/schemas/ClaimDetail' });
    expect(json('POST /api/articles/{articleId}/claims', '201')).toEqual({ $ref: '#/components/schemas/Claim' });
    // A repeated create with the same id answers 200 with the stored object.
    expect(json('POST /api/articles/{articleId}/claims', '200')).toEqual({ $ref: '#/components/schemas/Claim' });
    expect(json('GET /api/workspaces/{workspaceId}/members', '200')).toEqual({ type: 'array', items: { $ref: '#/components/schemas/Member' } });
    const claim = document.components.schemas.Claim;
    expect(claim.required).toEqual(expect.arrayContaining(['id', 'statement', 'status', 'version']));
    expect(claim.properties.status).toEqual({ $ref: '#/components/schemas/ClaimStatus' });
    expect(document.components.schemas.ClaimStatus.enum).toEqual(['open', 'assigned', 'in_progress', 'in_review', 'disputed', 'resolved', 'dismissed']);
    const report = document.paths['/api/articles/{articleId}/report'].get.responses['200'].content;
    expect(Object.keys(report).sort()).toEqual(['application/json', 'application/ld+json', 'application/pdf', 'text/csv', 'text/html', 'text/markdown']);
  });

  it('lists each route’s errors: 400 with field details, 401, 403, 404, 409, 413, 429, 503', () => {
    const errors = (key: string) => {
      const [method, path] = key.split(' ');
      return Object.keys(document.paths[path!][method!.toLowerCase()].responses).filter((s) => Number(s) >= 400);
    };
    expect(errors('PATCH /api/claims/{claimId}')).toEqual(['400', '401', '403', '404', '409', '413', '415', '503']);
    expect(errors('POST /api/auth/login')).toEqual(['400', '413', '415', '429', '503']);
    expect(errors('GET /api/me')).toEqual(['401', '403', '503']);
    expect(errors('GET /api/health/ready')).toEqual(['503']);
    const invalid = document.components.responses.ValidationFailed.content['application/json'].example;
    expect(invalid.error.details[0]).toEqual({ path: expect.any(String), message: expect.any(String) });
    expect(Object.keys(document.components.responses.RateLimited.headers)).toEqual(['Retry-After']);
    expect(Object.keys(document.components.responses.Unavailable.headers)).toEqual(['Retry-After']);
  });

  it('declares the session cookie and bearer API tokens, servers and a license', () => {
    expect(document.components.securitySchemes).toEqual({
      session: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'cb_session' }),
      apiToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    expect(document.security).toEqual([{ session: [] }, { apiToken: [] }]);
    const op = (path: string, method: string) => document.paths[path][method];
    expect(op('/api/auth/login', 'post').security).toEqual([]);
    expect(op('/api/health', 'get').security).toEqual([]);
    expect(op('/api/tokens', 'post').security).toEqual([{ session: [] }]);
    expect(op('/api/auth/password', 'post').security).toEqual([{ session: [] }]);
    expect(op('/api/claims/{claimId}', 'get').security).toBeUndefined();
    expect(document.servers).toEqual([{ url: app.config.PUBLIC_URL, description: expect.any(String) }]);
    expect(document.info.license.name).toEqual(expect.any(String));
  });

  it('generates TypeScript types (openapi-typescript) that a small client type-checks against', async () => {
    const schema = astToString(await openapiTS(document));
    expect(schema).toContain('"/api/claims/{claimId}"');
    expect(typeCheck(schema, CLIENT)).toEqual([]);
    // And the check can fail: a client that reads a field the contract lacks.
    expect(typeCheck(schema, `${CLIENT}\nexport const x = (c: import('./schema').components['schemas']['Claim']) => c.verdictText;\n`)).toEqual([
      expect.stringContaining("Property 'verdictText' does not exist"),
    ]);
  });

  it('passes Redocly CLI lint with the recommended rules and no error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(document));
      const cli = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
      // No telemetry or update check: the lint runs offline.
      const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', CI: 'true' };
      const run = await promisify(execFile)(process.execPath, [cli, 'lint', file, '--extends=recommended', '--format=json'], { env, cwd: dir, maxBuffer: 64 * 1024 * 1024 }).catch(
        (error: { stdout: string; stderr: string }) => error,
      );
      const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as { totals: { errors: number }; problems: { severity: string; ruleId: string; message: string }[] };
      expect(report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

