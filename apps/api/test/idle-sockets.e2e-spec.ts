import type { IncomingMessage } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ModulesContainer } from '@nestjs/core';
import { GATEWAY_METADATA } from '@nestjs/websockets/constants';
import { LiveGateway } from '../src/realtime/live.gateway';
import { importArticle } from './support/annotating';
import { newUser, newWorkspace, type HttpClient } from './support/http-client';
import { connect, connected, join, type LiveSocket } from './support/live-client';
import { startTestApp, type TestApp } from './support/test-app';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

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
    expect(held.handshake.headers).toEqual({});
    expect(JSON.stringify(held.handshake)).not.toContain(owner.cookie!.split('=')[1]);

    expect(upgrades).toHaveLength(1);
    await collect();
    expect(upgrades[0]!.deref()).toBeUndefined();
    // Still connected and live.
    expect(socket.connected).toBe(true);
    expect(await join(socket, articleId)).toMatchObject({ ok: true });
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
