import type { EventEmitter } from 'node:events';
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { isObservable } from 'rxjs';
import type { ServerOptions, Socket } from 'socket.io';
import { Decoder } from 'socket.io-parser';
import { compactListeners, forgetUpgrade, releaseUpgradeResponses } from './idle-sockets';
import { RawJsonEncoder } from './raw-json-encoder';

/**
 * A gateway handler as Nest hands it over. `handler` and `instance` (the handler unbound, and
 * its gateway) come from patches/@nestjs__websockets: one listener per event then serves every
 * socket, where Nest's `callback` is a copy bound to each socket.
 */
type Subscriber = MessageMappingProperties & { handler: (this: object, socket: unknown, ...args: unknown[]) => unknown; instance: object };
type EmittingSocket = { emit(event: string, ...args: unknown[]): unknown };
type Listener = (this: EmittingSocket, ...args: unknown[]) => void;

/** Largest socket frame accepted; bigger ones close the connection. */
export const MAX_FRAME_BYTES = 64 * 1024;

/**
 * socket.io server settings for every gateway, and, with REDIS_URL, the Redis Streams adapter
 * so that several API processes broadcast to each other's clients. REDIS_PREFIX names its
 * stream and channels: processes with the same prefix form one cluster.
 */
export class SocketAdapter extends IoAdapter {
  private redis?: ReturnType<typeof createClient>;
  /** Connections the adapter opens from `redis` (stream reader, subscriber). */
  private readonly duplicates: ReturnType<typeof createClient>[] = [];
  /** The listener shared by every socket, per event name (see `bindMessageHandlers`). */
  private readonly listeners = new Map<string, Listener>();
  /** Per namespace, its listeners by event name: the prototype of its sockets' listener tables. */
  private readonly shared = new Map<string, Record<string, Listener>>();

  constructor(
    app: INestApplicationContext,
    private readonly redisUrl?: string,
    private readonly redisPrefix = 'socket.io',
  ) {
    super(app);
  }

  async connect(): Promise<void> {
    if (!this.redisUrl) return;
    const redis = createClient({ url: this.redisUrl });
    const duplicate = redis.duplicate.bind(redis);
    redis.duplicate = (overrides) => {
      const copy = duplicate(overrides);
      this.duplicates.push(copy);
      return copy;
    };
    await redis.connect();
    this.redis = redis;
  }

  override createIOServer(port: number, options?: ServerOptions) {
    const server = super.createIOServer(port, {
      ...options,
      path: '/socket.io',
      maxHttpBufferSize: MAX_FRAME_BYTES,
      // Dead connections are noticed within seconds, so presence stays honest.
      pingInterval: 4_000,
      pingTimeout: 4_000,
      serveClient: false,
      cors: { origin: false },
      // The same packets on the wire; raw JSON (a catch-up read from the log) is spliced in as it is.
      parser: { Encoder: RawJsonEncoder, Decoder },
    });
    if (this.redis) server.adapter(createAdapter(this.redis, { streamName: this.redisPrefix, channelPrefix: this.redisPrefix }));
    releaseUpgradeResponses(server);
    server.on('connection', (socket: Socket) => forgetUpgrade(socket));
    return server;
  }

  /**
   * Each gateway handler as a plain listener, one per event name shared by every socket (the
   * socket it came on is `this`), which calls the handler with that socket. Nest's own binding
   * builds an rxjs pipeline per socket and handler, and keeping a handler bound to each socket
   * cost a function per socket and handler and a table of them: together most of what an idle
   * socket costs (bench/capacity.ts). Same behaviour: the handler's result is the ack, or an
   * `{event, data}` result is emitted; Nest's proxy has already turned errors into `exception`.
   *
   * The listeners are not added to each socket either: Node's EventEmitter finds a listener by
   * looking the event up in the emitter's `_events`, so each socket's own table is a plain
   * object whose prototype is the namespace's one table of them; it keeps only what is added
   * to that socket alone (`disconnecting`). Events still reach them after the socket's
   * middleware, which rate-limits them and checks a token's scopes; a catch-all
   * (`socket.onAny`) would run first.
   */
  override bindMessageHandlers(socket: Parameters<IoAdapter['bindMessageHandlers']>[0], handlers: MessageMappingProperties[]): void {
    const shared = this.sharedListeners(socket.nsp.name);
    for (const subscriber of handlers as Subscriber[]) {
      if (typeof subscriber.handler !== 'function') throw new Error('@nestjs/websockets without patches/@nestjs__websockets: install with pnpm');
      const listener = this.listenerFor(subscriber);
      const message = subscriber.message as string;
      if (shared[message] && shared[message] !== listener) throw new Error(`Two gateway handlers for "${message}"`);
      shared[message] = listener;
    }
    const own = (socket as unknown as { _events: object })._events;
    if (Object.getPrototypeOf(own) !== shared) compactListeners(socket as unknown as EventEmitter, shared);
  }

  private sharedListeners(namespace: string): Record<string, Listener> {
    let table = this.shared.get(namespace);
    if (!table) this.shared.set(namespace, (table = Object.create(null) as Record<string, Listener>));
    return table;
  }

  private listenerFor({ message, handler, instance, isAckHandledManually = false }: Subscriber) {
    const key = `${isAckHandledManually ? 1 : 0}${message as string}`;
    let listener = this.listeners.get(key);
    if (listener) return listener;
    const mapPayload = this.mapPayload.bind(this);
    listener = function (this: EmittingSocket, ...args: unknown[]) {
      // As rxjs's fromEvent hands them to Nest: one argument alone, several as an array.
      const { data, ack } = mapPayload(args.length === 1 ? args[0] : args);
      const respond = (response: unknown) => {
        if (response === null || response === undefined) return;
        const { event, data: payload } = response as { event?: string; data?: unknown };
        if (event) this.emit(event, payload);
        else if (!isAckHandledManually && typeof ack === 'function') ack(response);
      };
      void Promise.resolve(handler.call(instance, this, data, ack)).then((result: unknown) => (isObservable(result) ? void result.subscribe(respond) : respond(result)));
    };
    this.listeners.set(key, listener);
    return listener;
  }

  /**
   * Nest's disconnect hook, a closure per socket and gateway: no gateway here has
   * `handleDisconnect` (test/idle-sockets.e2e-spec.ts checks); they listen to the socket's own
   * `disconnecting` where they need to.
   */
  override bindClientDisconnect(): void {}

  override async close(server: Parameters<IoAdapter['close']>[0]): Promise<void> {
    await super.close(server);
    if (this.redis?.isOpen) await this.redis.quit();
    // The adapter's stream reader ends itself once its blocking read (up to 5 s) returns;
    // it must not keep a stopping process alive meanwhile.
    for (const copy of this.duplicates) copy.unref();
  }
}
