import { randomUUID } from 'node:crypto';
import { WEBHOOK_HEADERS } from '@corroborate/contracts';
import { Client } from 'pg';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { createTestDatabase } from './support/database';
import { newUser, newWorkspace } from './support/http-client';
import { LOCAL_WEBHOOKS, startReceiver, type Receiver } from './support/webhook-receiver';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Deliveries survive the death of the process that committed the change: the API runs as a
 * real process and is killed (SIGKILL) between commit and send, or while the receiver has the
 * request; a fresh process delivers, and the receiver accepts each delivery id exactly once.
 */
describe('webhook deliveries across a crash', () => {
  let db: { url: string; drop: () => Promise<void> };
  let receiver: Receiver;
  const processes: ApiProcess[] = [];
  // The lease on an attempt is twice the timeout plus a second.
  const env = { ...LOCAL_WEBHOOKS, WEBHOOK_TIMEOUT_MS: '1000' };
  const start = async (extra: Record<string, string> = {}) => {
    const p = await startApiProcess(db.url, { ...env, ...extra });
    processes.push(p);
    return p;
  };
  const deliveries = async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query('SELECT id, status, attempts, event_type FROM webhook_deliveries ORDER BY created_at')).rows;
    } finally {
      await client.end();
    }
  };
  /** Delivery ids the receiver answered 200, with how often. */
  const accepted = (path: string) => {
    const counts = new Map<string, number>();
    for (const r of receiver.received(path).filter((r) => r.answeredWith === 200)) {
      const id = r.headers[WEBHOOK_HEADERS.id]!;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  };
  const until = async (what: string, probe: () => boolean | Promise<boolean>, ms = 20_000) => {
    const deadline = Date.now() + ms;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    receiver = await startReceiver();
  }, 60_000);
  afterAll(async () => {
    for (const p of processes) await p.stop();
    await receiver?.close();
    await db?.drop();
  });

  it('a change committed by a process killed before sending is delivered once by the next process', async () => {
    // This process commits but never sends: it is killed with the delivery still in the outbox.
    const first = await start({ WEBHOOK_WORKER: 'false' });
    const owner = await newUser(first, 'Owner');
    const ws = await newWorkspace(owner);
    const path = `/after-crash-${randomUUID()}`;
    expect((await owner.post(`/api/workspaces/${ws}/webhooks`, { url: `${receiver.url}${path}`, events: ['article.imported'] })).status).toBe(201);
    const created = await owner.post(`/api/workspaces/${ws}/articles`, { title: 'Committed', text: 'Committed before the crash.' });
    expect(created.status).toBe(201);
    await first.stop();
    expect((await deliveries()).filter((d) => d.event_type === 'article.imported')).toEqual([
      expect.objectContaining({ status: 'pending', attempts: 0 }),
    ]);

    await start();
    await until('the delivery', () => accepted(path).size === 1);
    await sleep(1_000);
    const [id, times] = [...accepted(path)][0]!;
    expect(times).toBe(1);
    expect(receiver.received(path)).toHaveLength(1);
    expect(JSON.parse(receiver.received(path)[0]!.body)).toMatchObject({ id, type: 'article.imported', data: { articleId: created.body.id } });
    expect((await deliveries()).find((d) => d.id === id)).toMatchObject({ status: 'succeeded', attempts: 1 });
  }, 90_000);

  it('a delivery in flight when its sender dies is retried with the same id by another process', async () => {
    const sender = await start();
    const owner = await newUser(sender, 'Owner');
    const ws = await newWorkspace(owner);
    const path = `/in-flight-${randomUUID()}`;
    expect((await owner.post(`/api/workspaces/${ws}/webhooks`, { url: `${receiver.url}${path}`, events: ['article.imported'] })).status).toBe(201);
    // The receiver has the request when the sender is killed, before it could record anything.
    const arrived = new Promise<void>((resolve) => receiver.hold(path, () => resolve()));
    expect((await owner.post(`/api/workspaces/${ws}/articles`, { title: 'In flight', text: 'Sent as the process died.' })).status).toBe(201);
    await arrived;
    for (const p of processes) await p.stop();
    receiver.release(path);

    await start();
    await until('the retry', () => accepted(path).size === 1);
    await sleep(1_000);
    const seen = receiver.received(path);
    expect(seen).toHaveLength(2);
    expect(seen[0]!.headers[WEBHOOK_HEADERS.id]).toBe(seen[1]!.headers[WEBHOOK_HEADERS.id]);
    expect([...accepted(path).values()]).toEqual([1]);
    expect((await deliveries()).find((d) => d.id === seen[0]!.headers[WEBHOOK_HEADERS.id])).toMatchObject({ status: 'succeeded', attempts: 2 });
  }, 90_000);
});
