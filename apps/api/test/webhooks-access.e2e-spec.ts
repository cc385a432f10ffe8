import { randomUUID } from 'node:crypto';
import { WEBHOOK_HEADERS } from '@corroborate/contracts';
import { MAX_ENDPOINTS } from '../src/webhooks/webhooks.service';
import { expectError } from './support/assertions';
import { type HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { waitFor } from './support/live-client';
import { LOCAL_WEBHOOKS, startReceiver, type Receiver } from './support/webhook-receiver';
import { startTestApp, type TestApp } from './support/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Who a webhook speaks for, and how many a workspace may hold. */
describe('webhook endpoints and their creators', () => {
  let app: TestApp;
  let receiver: Receiver;
  let owner: HttpClient;

  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startTestApp(LOCAL_WEBHOOKS);
    owner = await newUser(app, 'Owner');
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  const imported = (path: string) => receiver.received(path).filter((r) => r.headers[WEBHOOK_HEADERS.event] === 'article.imported');

  it.each([
    ['removed from the workspace', (ws: string, id: string) => owner.delete(`/api/workspaces/${ws}/members/${id}`), 204],
    ['made a viewer', (ws: string, id: string) => owner.patch(`/api/workspaces/${ws}/members/${id}`, { role: 'viewer' }), 200],
  ])('stops sending the workspace’s changes to an endpoint once its creator is %s', async (_label, demote, status) => {
    const ws = await newWorkspace(owner, 'Hooked desk');
    const coOwner = await newMember(app, owner, ws, 'owner');
    const path = `/theirs-${randomUUID()}`;
    const endpoint = (await coOwner.post(`/api/workspaces/${ws}/webhooks`, { url: `${receiver.url}${path}`, events: ['article.imported'] })).body;
    await owner.post(`/api/workspaces/${ws}/articles`, { title: 'Before', text: 'While they were an owner.' });
    await waitFor(() => imported(path).length === 1, 5_000, 'the delivery while they manage it');

    expect((await demote(ws, coOwner.user!.id)).status).toBe(status);
    await owner.post(`/api/workspaces/${ws}/articles`, { title: 'After', text: 'Not for them.' });
    await waitFor(async () => {
      const log = (await owner.get(`/api/webhooks/${endpoint.id}/deliveries`)).body as { status: string }[];
      return log.length === 2 && log.every((d) => d.status !== 'pending');
    }, 5_000, 'the second delivery to settle');
    await sleep(200);
    expect(imported(path).map((r) => JSON.parse(r.body).data.title)).toEqual(['Before']);
    const [latest] = (await owner.get(`/api/webhooks/${endpoint.id}/deliveries`)).body;
    expect(latest).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('no longer manages') });
  });

  it.each([
    ['removed from the workspace', (ws: string, id: string) => owner.delete(`/api/workspaces/${ws}/members/${id}`), 204],
    ['made a viewer', (ws: string, id: string) => owner.patch(`/api/workspaces/${ws}/members/${id}`, { role: 'viewer' }), 200],
  ])('lists an endpoint as inactive once its creator is %s, and the others’ as active', async (_label, demote, status) => {
    const ws = await newWorkspace(owner, 'Listed desk');
    const coOwner = await newMember(app, owner, ws, 'owner');
    const body = { url: `${receiver.url}/listed`, events: ['report.published'] };
    const theirs = (await coOwner.post(`/api/workspaces/${ws}/webhooks`, body)).body.id;
    const mine = (await owner.post(`/api/workspaces/${ws}/webhooks`, body)).body.id;
    const listed = async () =>
      Object.fromEntries(((await owner.get(`/api/workspaces/${ws}/webhooks`)).body as { id: string; active: boolean }[]).map((e) => [e.id, e.active]));
    expect(await listed()).toEqual({ [theirs]: true, [mine]: true });

    expect((await demote(ws, coOwner.user!.id)).status).toBe(status);
    expect(await listed()).toEqual({ [theirs]: false, [mine]: true });
  });

  it('answers a test event or redelivery racing the endpoint’s removal with 201 or 404, never a 500', async () => {
    const ws = await newWorkspace(owner, 'Racing desk');
    const statuses = new Set<number>();
    for (let round = 0; round < 5; round++) {
      const endpoint = (await owner.post(`/api/workspaces/${ws}/webhooks`, { url: `${receiver.url}/race`, events: ['member.added'] })).body.id;
      const ping = (await owner.post(`/api/webhooks/${endpoint}/test`)).body.id;
      const answers = await Promise.all([
        ...Array.from({ length: 10 }, () => owner.post(`/api/webhooks/${endpoint}/test`)),
        ...Array.from({ length: 10 }, () => owner.post(`/api/webhook-deliveries/${ping}/redeliver`)),
        owner.delete(`/api/webhooks/${endpoint}`),
      ]);
      for (const res of answers) {
        statuses.add(res.status);
        if (res.status === 404) expectError(res, 404);
      }
    }
    expect([...statuses].filter((s) => ![201, 204, 404].includes(s))).toEqual([]);
  });

  it(`holds at most ${MAX_ENDPOINTS} endpoints per workspace, even when created all at once`, async () => {
    const ws = await newWorkspace(owner, 'Crowded desk');
    const body = { url: `${receiver.url}/crowd`, events: ['article.imported'] };
    const answers = await Promise.all(Array.from({ length: MAX_ENDPOINTS + 10 }, () => owner.post(`/api/workspaces/${ws}/webhooks`, body)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(MAX_ENDPOINTS);
    for (const refused of answers.filter((r) => r.status !== 201)) expectError(refused, 400, 'url');
    expect((await owner.get(`/api/workspaces/${ws}/webhooks`)).body).toHaveLength(MAX_ENDPOINTS);

    // Removing one makes room again.
    const [first] = (await owner.get(`/api/workspaces/${ws}/webhooks`)).body;
    expect((await owner.delete(`/api/webhooks/${first.id}`)).status).toBe(204);
    expect((await owner.post(`/api/workspaces/${ws}/webhooks`, body)).status).toBe(201);
  });
});
