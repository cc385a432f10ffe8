import { randomUUID } from 'node:crypto';
import type { User, WorkspaceRole } from '@corroborate/contracts';
import type { TestApp } from './test-app';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small HTTP client with a one-cookie jar, like a browser tab, or a bearer token. */
export class HttpClient {
  cookie?: string;
  user?: User;

  constructor(
    readonly baseUrl: string,
    private readonly options: { token?: string; origin?: string } = {},
  ) {}

  withToken(token: string): HttpClient {
    return new HttpClient(this.baseUrl, { token });
  }

  withOrigin(origin: string): HttpClient {
    const client = new HttpClient(this.baseUrl, { ...this.options, origin });
    client.cookie = this.cookie;
    client.user = this.user;
    return client;
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        ...(this.options.origin ? { origin: this.options.origin } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('cb_session='));
    if (setCookie) {
      const value = setCookie.split(';')[0]!;
      this.cookie = value === 'cb_session=' ? undefined : value;
    }
    const text = await res.text();
    let parsed: unknown = text;
    if (res.headers.get('content-type')?.includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  patch<T = any>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

export const PASSWORD = 'correct horse battery';

/** Registers a fresh user and returns a signed-in client. */
export async function newUser(app: Pick<TestApp, 'url'>, name = 'Analyst'): Promise<HttpClient> {
  const client = new HttpClient(app.url);
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 8)}@example.org`;
  const res = await client.post('/api/auth/register', { email, password: PASSWORD, displayName: name });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  client.user = res.body.user;
  return client;
}

/** Creates a workspace owned by `owner` and returns its id. */
export async function newWorkspace(owner: HttpClient, name = 'Desk'): Promise<string> {
  const res = await owner.post('/api/workspaces', { name });
  if (res.status !== 201) throw new Error(`workspace failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Adds a freshly registered user to the workspace with the role and returns their client. */
export async function newMember(app: Pick<TestApp, 'url'>, owner: HttpClient, workspaceId: string, role: WorkspaceRole): Promise<HttpClient> {
  const member = await newUser(app, role);
  const res = await owner.post(`/api/workspaces/${workspaceId}/members`, { email: member.user!.email, role });
  if (res.status !== 201) throw new Error(`add member failed: ${res.status} ${JSON.stringify(res.body)}`);
  return member;
}
