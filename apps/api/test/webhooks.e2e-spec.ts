import { randomUUID, webcrypto } from 'node:crypto';
import { WEBHOOK_HEADERS } from '@corroborate/contracts';
import { expectError } from './support/assertions';
import { type HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { LOCAL_WEBHOOKS, startReceiver, type Receiver } from './support/webhook-receiver';
import { startTestApp, type TestApp } from './support/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The signature as a receiver would check it, written apart from the API's code (WebCrypto,
 * not node:crypto's Hmac): HMAC-SHA256 over `${timestamp}.${body}`, hex, after `v1=`.
 */
async function verify(secret: string, timestamp: string, body: string, signature: string): Promise<boolean> {
  const key = await webcrypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const hex = signature.replace(/^v1=/, '');
  if (!/^[0-9a-f]{64}$/.test(hex)) return false;
  const bytes = new Uint8Array(hex.match(/../g)!.map((h) => parseInt(h, 16)));
  return webcrypto.subtle.verify('HMAC', key, bytes, new TextEncoder().encode(`${timestamp}.${body}`));
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('webhooks', () => {
  let app: TestApp;
  let receiver: Receiver;
  let owner: HttpClient;
  let ws: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startTestApp(LOCAL_WEBHOOKS);
    owner = await newUser(app, 'Owner');
    ws = await newWorkspace(owner, 'Hooked desk');
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  const register = async (path: string, events: string[]) => {
    const res = await owner.post(`/api/workspaces/${ws}/webhooks`, { url: `${receiver.url}${path}`, events, description: 'CMS' });
    expect(res.status).toBe(201);
    return res.body as { id: string; secret: string };
  };

  it('registers an endpoint, showing its secret once', async () => {
    const created = await register(`/once-${randomUUID()}`, ['report.published']);
    expect(created.secret).toMatch(/^whsec_/);
    const listed = (await owner.get(`/api/workspaces/${ws}/webhooks`)).body;
    expect(listed.find((e: { id: string }) => e.id === created.id)).toEqual(
      expect.objectContaining({ events: ['report.published'], description: 'CMS', active: true }),
    );
    expect(JSON.stringify(listed)).not.toContain(created.secret);
  });

  it('delivers a claim status change, signed so that an independent check accepts it', async () => {
    const path = `/claims-${randomUUID()}`;
    const endpoint = await register(path, ['claim.status_changed', 'claim.resolved', 'article.imported']);
    const article = (await owner.post(`/api/workspaces/${ws}/articles`, { title: 'Hooks', text: 'The river rose by two metres.' })).body;
    const claim = (await owner.post(`/api/articles/${article.id}/claims`, { statement: 'The river rose by two metres' })).body;
    // Assigning someone moves an open claim to `assigned`.
    const assigned = await owner.patch(`/api/claims/${claim.id}`, { version: claim.version, assigneeIds: [owner.user!.id] });
    expect({ status: assigned.status, claimStatus: assigned.body.status }).toEqual({ status: 200, claimStatus: 'assigned' });

    const statusChange = await until('the status change', () =>
      receiver.received(path).find((r) => r.headers[WEBHOOK_HEADERS.event] === 'claim.status_changed'),
    );
    const timestamp = statusChange.headers[WEBHOOK_HEADERS.timestamp]!;
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(await verify(endpoint.secret, timestamp, statusChange.body, statusChange.headers[WEBHOOK_HEADERS.signature]!)).toBe(true);
    // The same check refuses a tampered body, a wrong secret and a replayed timestamp.
    expect(await verify(endpoint.secret, timestamp, statusChange.body.replace('assigned', 'resolved'), statusChange.headers[WEBHOOK_HEADERS.signature]!)).toBe(false);
    expect(await verify('whsec_other', timestamp, statusChange.body, statusChange.headers[WEBHOOK_HEADERS.signature]!)).toBe(false);
    expect(await verify(endpoint.secret, String(Number(timestamp) - 1), statusChange.body, statusChange.headers[WEBHOOK_HEADERS.signature]!)).toBe(false);

    const body = JSON.parse(statusChange.body);
    expect(body).toEqual({
      id: statusChange.headers[WEBHOOK_HEADERS.id],
      type: 'claim.status_changed',
      workspaceId: ws,
      occurredAt: expect.any(String),
      data: { claimId: claim.id, articleId: article.id, status: 'assigned', previousStatus: 'open' },
    });
    const imported = await until('the import', () =>
      receiver.received(path).find((r) => r.headers[WEBHOOK_HEADERS.event] === 'article.imported'),
    );
    expect(JSON.parse(imported.body).data).toMatchObject({ articleId: article.id, title: 'Hooks', revision: 1 });
    // Not subscribed: nothing else arrives (claim.resolved did not happen).
    await sleep(300);
    expect(new Set(receiver.received(path).map((r) => r.headers[WEBHOOK_HEADERS.event]))).toEqual(new Set(['claim.status_changed', 'article.imported']));

    const log = (await owner.get(`/api/webhooks/${endpoint.id}/deliveries`)).body;
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({ status: 'succeeded', attempts: 1, responseStatus: 200, latencyMs: expect.any(Number), nextAttemptAt: null });
  });

  it('delivers member changes', async () => {
    const path = `/members-${randomUUID()}`;
    await register(path, ['member.added', 'member.removed']);
    const member = await newMember(app, owner, ws, 'viewer');
    expect((await owner.delete(`/api/workspaces/${ws}/members/${member.user!.id}`)).status).toBe(204);
    await until('both member events', () => receiver.received(path).length === 2 || undefined);
    // Deliveries are sent side by side, so they may arrive in either order.
    const received = receiver.received(path).map((r) => [r.headers[WEBHOOK_HEADERS.event], JSON.parse(r.body).data.userId]);
    expect(received.sort()).toEqual([
      ['member.added', member.user!.id],
      ['member.removed', member.user!.id],
    ]);
  });

  it('retries with backoff against a receiver that fails twice, then succeeds, with the same delivery id', async () => {
    const path = `/flaky-${randomUUID()}`;
    receiver.failFirst(path, 2);
    const endpoint = await register(path, ['article.imported']);
    await owner.post(`/api/workspaces/${ws}/articles`, { title: 'Flaky', text: 'Third time lucky.' });
    await until('three attempts', () => receiver.received(path).length === 3 || undefined);
    const attempts = receiver.received(path);
    expect(attempts.map((a) => a.answeredWith)).toEqual([500, 500, 200]);
    expect(new Set(attempts.map((a) => a.headers[WEBHOOK_HEADERS.id])).size).toBe(1);
    // Backoff: the second wait (base × 2) is longer than the first (base).
    const gaps = [attempts[1]!.at - attempts[0]!.at, attempts[2]!.at - attempts[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(190);
    expect(gaps[1]).toBeGreaterThanOrEqual(390);
    for (const a of attempts) {
      expect(await verify(endpoint.secret, a.headers[WEBHOOK_HEADERS.timestamp]!, a.body, a.headers[WEBHOOK_HEADERS.signature]!)).toBe(true);
    }
    const [delivery] = await until('the log to settle', async () => {
      const log = (await owner.get(`/api/webhooks/${endpoint.id}/deliveries`)).body;
      return log[0]?.status === 'succeeded' ? log : undefined;
    });
    expect(delivery).toMatchObject({ attempts: 3, responseStatus: 200, lastError: null });
    await sleep(500);
    expect(receiver.received(path)).toHaveLength(3);
  });

  it('shows a failing delivery’s error and next retry in the log', async () => {
    const path = `/down-${randomUUID()}`;
    receiver.failFirst(path, 1000);
    const endpoint = await register(path, ['article.imported']);
    await owner.post(`/api/workspaces/${ws}/articles`, { title: 'Down', text: 'Nobody home.' });
    const [delivery] = await until('a failed attempt', async () => {
      const log = (await owner.get(`/api/webhooks/${endpoint.id}/deliveries`)).body;
      return log[0]?.responseStatus === 500 ? log : undefined;
    });
    expect(delivery).toMatchObject({ status: 'pending', lastError: 'answered 500', nextAttemptAt: expect.any(String) });
  });

  it('counts a failure answered with a body too large to read as a failure, not a delivery', async () => {
    const path = `/loud-${randomUUID()}`;
    receiver.failFirst(path, 1000, 'x'.repeat(200_000));
    const endpoint = await register(path, ['article.imported']);
    await owner.post(`/api/workspaces/${ws}/articles`, { title: 'Loud', text: 'An error page of many kilobytes.' });
    // Until the first attempt's outcome is stored (its claim counts the attempt before the send).
    const [delivery] = await until('an attempt judged', async () => {
      const log = (await owner.get(`/api/webhooks/${endpoint.id}/deliveries`)).body;
      return log[0] && (log[0].status !== 'pending' || log[0].lastError) ? log : undefined;
    });
    expect(delivery).toMatchObject({ status: 'pending', responseStatus: 500, lastError: 'answered 500', nextAttemptAt: expect.any(String) });
  });

  it('sends a test event and redelivers a delivery under a new id', async () => {
    const path = `/ping-${randomUUID()}`;
    const endpoint = await register(path, ['report.published']);
    const test = await owner.post(`/api/webhooks/${endpoint.id}/test`);
    expect(test.status).toBe(201);
    const ping = await until('the ping', () => receiver.received(path)[0]);
    expect(ping.headers[WEBHOOK_HEADERS.id]).toBe(test.body.id);
    expect(JSON.parse(ping.body)).toMatchObject({ type: 'ping', data: { endpointId: endpoint.id } });

    const again = await owner.post(`/api/webhook-deliveries/${test.body.id}/redeliver`);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ redeliveryOf: test.body.id, eventType: 'ping' });
    const second = await until('the redelivery', () => receiver.received(path)[1]);
    expect(second.headers[WEBHOOK_HEADERS.id]).toBe(again.body.id);
    expect(JSON.parse(second.body).data).toEqual(JSON.parse(ping.body).data);
  });

  it('refuses webhook URLs that are not http(s) or point inside the network', async () => {
    const refused = [
      'file:///etc/passwd',
      'ftp://example.org/hook',
      'gopher://example.org/',
      'http://169.254.169.254/latest/meta-data',
      'http://10.0.0.8/hook',
      'http://192.168.1.1/hook',
      'http://[fd00::1]/hook',
      'http://[::ffff:10.0.0.1]/hook',
      'http://0.0.0.0/hook',
      'not a url',
    ];
    for (const url of refused) {
      expectError(await owner.post(`/api/workspaces/${ws}/webhooks`, { url, events: ['member.added'] }), 400, 'url');
    }
    expectError(await owner.post(`/api/workspaces/${ws}/webhooks`, { url: `${receiver.url}/x`, events: [] }), 400, 'events');
    expectError(await owner.post(`/api/workspaces/${ws}/webhooks`, { url: `${receiver.url}/x`, events: ['everything'] }), 400, 'events.0');
  });

  it('refuses http:// and loopback without the settings', async () => {
    const strict = await startTestApp({ WEBHOOK_WORKER: 'false' });
    try {
      const me = await newUser(strict, 'Strict owner');
      const mine = await newWorkspace(me);
      for (const url of [`${receiver.url}/x`, 'http://93.184.216.34/hook', 'https://127.0.0.1/hook', 'https://[::1]/hook', 'https://localhost/hook']) {
        const res = await me.post(`/api/workspaces/${mine}/webhooks`, { url, events: ['member.added'] });
        expectError(res, 400, 'url');
      }
    } finally {
      await strict.close();
    }
  });

  it('lets only owners manage webhooks', async () => {
    const editor = await newMember(app, owner, ws, 'editor');
    expectError(await editor.post(`/api/workspaces/${ws}/webhooks`, { url: `${receiver.url}/x`, events: ['member.added'] }), 403);
    const endpoint = await register(`/owned-${randomUUID()}`, ['member.added']);
    expectError(await editor.get(`/api/webhooks/${endpoint.id}/deliveries`), 403);
    expectError(await (await newUser(app, 'Stranger')).get(`/api/webhooks/${endpoint.id}/deliveries`), 404);
  });
});
