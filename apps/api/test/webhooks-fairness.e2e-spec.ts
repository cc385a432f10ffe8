import { randomUUID } from 'node:crypto';
import { WEBHOOK_HEADERS } from '@corroborate/contracts';
import { type HttpClient, newUser, newWorkspace } from './support/http-client';
import { LOCAL_WEBHOOKS, startReceiver, type Received, type Receiver } from './support/webhook-receiver';
import { startTestApp, type TestApp } from './support/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, probe: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** How the sender shares itself out: among endpoints, and within one endpoint's queue. */
describe('webhook sending, fairly', () => {
  // An attempt may take this long: what a receiver that hangs costs each time.
  const timeoutMs = 5_000;
  let app: TestApp;
  let receiver: Receiver;
  let owner: HttpClient;
  /** Held requests, answered at the end so that nothing waits for its timeout. */
  const held: ((status?: number) => void)[] = [];

  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startTestApp({ ...LOCAL_WEBHOOKS, WEBHOOK_TIMEOUT_MS: String(timeoutMs) });
    owner = await newUser(app, 'Owner');
  });
  afterAll(async () => {
    for (const answer of held.splice(0)) answer();
    await app?.close();
    await receiver?.close();
  });

  const register = async (ws: string, path: string, events: string[]) => {
    const res = await owner.post(`/api/workspaces/${ws}/webhooks`, { url: `${receiver.url}${path}`, events });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };

  /** A change in a workspace of its own reaches its receiver well before even one hung attempt could have timed out. */
  async function expectPromptDelivery(name: string): Promise<void> {
    const path = `/prompt-${randomUUID()}`;
    const ws = await newWorkspace(owner, name);
    await register(ws, path, ['article.imported']);
    const changed = Date.now();
    expect((await owner.post(`/api/workspaces/${ws}/articles`, { title: 'Prompt', text: 'Not held up by others.' })).status).toBe(201);
    await until(`the delivery to ${name}`, () => receiver.received(path).length === 1, timeoutMs / 2);
    expect(receiver.received(path)[0]!.at - changed).toBeLessThan(timeoutMs / 2);
  }

  it('delivers another workspace’s change promptly while a receiver hangs with a backlog', async () => {
    const hungPath = `/hung-${randomUUID()}`;
    const hung = await register(await newWorkspace(owner, 'Hung desk'), hungPath, ['report.published']);
    receiver.hold(hungPath, (_r, answer) => held.push(answer));
    // More waiting deliveries than the sender has slots.
    for (let i = 0; i < 12; i++) expect((await owner.post(`/api/webhooks/${hung.id}/test`)).status).toBe(201);
    await until('the hung receiver to have a request', () => receiver.received(hungPath).length > 0);

    await expectPromptDelivery('Healthy desk');
    // The hung receiver is sent one delivery at a time, however many wait for it.
    expect(receiver.received(hungPath)).toHaveLength(1);

    receiver.release(hungPath);
    for (const answer of held.splice(0)) answer();
  });

  it('gives one workspace’s hanging receivers three of the sender’s slots, however many it has: another workspace’s change goes out promptly', async () => {
    const crowded = await newWorkspace(owner, 'Crowded desk');
    const paths = Array.from({ length: 10 }, () => `/crowded-${randomUUID()}`);
    for (const path of paths) {
      const endpoint = await register(crowded, path, ['report.published']);
      receiver.hold(path, (_r, answer) => held.push(answer));
      expect((await owner.post(`/api/webhooks/${endpoint.id}/test`)).status).toBe(201);
    }
    const reached = () => paths.filter((path) => receiver.received(path).length > 0).length;
    await until('the crowded workspace’s receivers to be sent to', () => reached() === 3);

    await expectPromptDelivery('Desk next door');
    // Seven free slots stayed free for others: the crowded workspace still has only three sends in flight.
    expect(reached()).toBe(3);

    for (const path of paths) receiver.release(path);
    for (const answer of held.splice(0)) answer();
  });

  it('sends an endpoint’s waiting deliveries one at a time, oldest first', async () => {
    const path = `/queue-${randomUUID()}`;
    const endpoint = await register(await newWorkspace(owner, 'Queued desk'), path, ['report.published']);
    const arrived: { r: Received; answer: (status?: number) => void }[] = [];
    receiver.hold(path, (r, answer) => arrived.push({ r, answer }));
    const sent: string[] = [];
    const ping = async () => {
      const res = await owner.post(`/api/webhooks/${endpoint.id}/test`);
      expect(res.status).toBe(201);
      sent.push(res.body.id);
    };
    await ping();
    await until('the first delivery', () => arrived.length === 1);
    // These wait while the first is unanswered.
    for (let i = 0; i < 4; i++) await ping();

    for (let i = 0; i < sent.length; i++) {
      await until(`delivery ${i + 1}`, () => arrived.length > i);
      // Nothing more is sent to the endpoint while this one is unanswered.
      await sleep(300);
      expect(arrived.length).toBe(i + 1);
      arrived[i]!.answer();
    }
    expect(arrived.map(({ r }) => r.headers[WEBHOOK_HEADERS.id])).toEqual(sent);
  });
});
