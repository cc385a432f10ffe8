import type { IncomingMessage } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ModulesContainer } from '@nestjs/core';
import { GATEWAY_METADATA } from '@nestjs/websockets/constants';
import { SOCKET_EVENT_SCOPES } from '@corroborate/contracts';
import { LiveGateway } from '../src/realtime/live.gateway';
import type { AppSocket } from '../src/realtime/socket.types';
import { importArticle } from './support/annotating';
import { newUser, newWorkspace, type HttpClient } from './support/http-client';
import { connect, connected, join, waitFor, type LiveSocket } from './support/live-client';
import { startTestApp, type TestApp } from './support/test-app';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
// V8's own answer to whether an object has a plain layout rather than a hash table of its own.
setFlagsFromString('--allow-natives-syntax');
const hasFastProperties = new Function('object', 'return %HasFastProperties(object)') as (object: object) => boolean;

/** A full collection, once the current job (which keeps every WeakRef target alive) is over. */
async function collect(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
}

describe('an idle socket', () => {
  let app: TestApp;
  let owner: HttpClient;
  let articleId: string;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    owner = await newUser(app, 'Owner');
    articleId = (await importArticle(owner, await newWorkspace(owner))).id;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await app.close();
  });

  it('keeps neither the HTTP upgrade it came with nor the credential it showed', async () => {
    const upgrades: WeakRef<IncomingMessage>[] = [];
    app.app.getHttpServer().prependListener('upgrade', (req: IncomingMessage) => upgrades.push(new WeakRef(req)));
    const socket = connect(app.url, owner);
    sockets.push(socket);
    await connected(socket);
    expect(await join(socket, articleId)).toMatchObject({ ok: true });

    const held = [...app.app.get(LiveGateway).server.sockets.sockets.values()].find((s) => s.id === socket.id)!;
    expect(held.data.auth.userId).toBe(owner.user!.id);
    expect(held.handshake).toMatchObject({ headers: {}, auth: {}, query: {}, url: '', time: '' });
    expect(held.handshake.issued).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(held.handshake)).not.toContain(owner.cookie!.split('=')[1]);

    expect(upgrades).toHaveLength(1);
    await collect();
    expect(upgrades[0]!.deref()).toBeUndefined();
    // Still connected and live.
    expect(socket.connected).toBe(true);
    expect(await join(socket, articleId)).toMatchObject({ ok: true });
  });

  it("holds none of the gateways' listeners itself: one table of them serves every socket", async () => {
    const clients = [connect(app.url, owner), connect(app.url, owner)];
    sockets.push(...clients);
    await Promise.all(clients.map((client) => connected(client)));
    const server = app.app.get(LiveGateway).server;
    const [a, b] = clients.map((client) => server.sockets.sockets.get(client.id!)!) as [AppSocket, AppSocket];
    const own = (socket: AppSocket) => (socket as unknown as { _events: object })._events;
    const gatewayEvents = Object.keys(SOCKET_EVENT_SCOPES);
    expect(gatewayEvents).toContain('article:join');
    for (const socket of [a, b]) {
      expect(Object.keys(own(socket)).filter((event) => gatewayEvents.includes(event))).toEqual([]);
      for (const event of gatewayEvents) expect(socket.listenerCount(event)).toBe(1);
    }
    expect(Object.getPrototypeOf(own(a))).toBe(Object.getPrototypeOf(own(b)));
    // A listener added to one socket stays its own, beside the shared one.
    const heard: string[] = [];
    a.on('presence:update', () => heard.push('a'));
    expect(a.listenerCount('presence:update')).toBe(2);
    expect(b.listenerCount('presence:update')).toBe(1);
    for (const client of clients) expect(await join(client, articleId)).toMatchObject({ ok: true });
    for (const client of clients) client.emit('presence:update', { articleId, selection: { start: 0, end: 5 } });
    await waitFor(() => a.data.selections?.[articleId]?.end === 5 && b.data.selections?.[articleId]?.end === 5, 5_000, 'both selections');
    expect(heard).toEqual(['a']);
  });

  it("keeps its connection's listener tables and lists compact, and still hears its connection", async () => {
    const clients = [connect(app.url, owner), connect(app.url, owner)];
    sockets.push(...clients);
    await Promise.all(clients.map((client) => connected(client)));
    const server = app.app.get(LiveGateway).server;
    type Emitter = { _events: object };
    const parts = (client: LiveSocket) => {
      const socket = server.sockets.sockets.get(client.id!)!;
      const conn = socket.conn as unknown as Emitter & { transport: Emitter & { socket: Emitter & { _socket: Emitter; _receiver: Emitter } } };
      const ws = conn.transport.socket;
      return { emitters: [conn, conn.transport, ws, ws._socket, ws._receiver, socket as unknown as Emitter], socket };
    };
    const [a, b] = clients.map(parts) as [ReturnType<typeof parts>, ReturnType<typeof parts>];
    for (const [i, emitter] of a.emitters.entries()) {
      expect(hasFastProperties(emitter._events)).toBe(true);
      // What it inherits is what Node (or the shared gateway table) gave it, alike for every connection.
      expect(Object.getPrototypeOf(emitter._events)).toBe(Object.getPrototypeOf(b.emitters[i]!._events));
    }
    // It still joins and answers, and its disconnection is still heard.
    expect(await join(clients[0]!, articleId)).toMatchObject({ ok: true });
    const gone = new Promise<string>((resolve) => a.socket.once('disconnect', resolve));
    clients[0]!.disconnect();
    expect(await gone).toBe('client namespace disconnect');
  });

  it('is closed cleanly when its connection drops', async () => {
    const socket = connect(app.url, owner);
    sockets.push(socket);
    await connected(socket);
    await join(socket, articleId);
    const server = app.app.get(LiveGateway).server;
    const held = server.sockets.sockets.get(socket.id!)!;
    const gone = new Promise<string>((resolve) => held.once('disconnect', resolve));
    // The TCP connection ends without a goodbye: the server notices its close.
    (socket.io.engine as unknown as { transport: { ws: { _socket: { destroy(): void } } } }).transport.ws._socket.destroy();
    expect(await gone).toBe('transport close');
    expect(server.sockets.sockets.has(socket.id!)).toBe(false);
  });

  it('gets no per-socket disconnect hook from Nest: no gateway has handleDisconnect', () => {
    const gateways = [...app.app.get(ModulesContainer).values()]
      .flatMap((module) => [...module.providers.values()])
      .filter((provider) => provider.metatype && Reflect.getMetadata(GATEWAY_METADATA, provider.metatype));
    expect(gateways.map((g) => g.name)).toContain(LiveGateway.name);
    expect(gateways.filter((g) => typeof (g.instance as { handleDisconnect?: unknown }).handleDisconnect === 'function').map((g) => g.name)).toEqual([]);
  });
});
