import { Inject, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import {
  type ClientToServerEvents,
  JoinArticle,
  LeaveArticle,
  MAX_CATCH_UP,
  PresenceUpdate,
  SOCKET_EVENT_SCOPES,
  SOCKET_WRITE_EVENTS,
  type JoinAck,
} from '@corroborate/contracts';
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
import { ArticleEventsService } from '../article-events/article-events.service';
import { CredentialsService } from '../auth/credentials.service';
import { TokenBoundaryService } from '../auth/token-boundary.service';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config.schema';
import { AppError, notFound } from '../infra/errors/app-error';
import { validationError } from '../infra/errors/validation';
import { ShutdownService } from '../infra/lifecycle/shutdown.service';
import type { MaybeRaw } from '../infra/serialization/raw-json';
import { AccessService } from '../workspaces/access.service';
import { ackError, ackFailure } from './ack-error';
import { EventRelay } from './event-relay';
import { RecentEvents } from './recent-events';
import { CredentialWatch } from './credential-watch';
import { PresenceService } from './presence.service';
import { socketAuth } from './socket-auth';
import { rooms, type AppServer, type AppSocket } from './socket.types';

/** Writes (SOCKET_WRITES), handled by each feature's gateway. */
const WRITE_EVENTS = new Set<string>(SOCKET_WRITE_EVENTS);
/** The events a client may send (see ClientToServerEvents), with the scope each needs of an API token. */
const KNOWN_EVENTS = new Map(Object.entries(SOCKET_EVENT_SCOPES)) as Map<string, (typeof SOCKET_EVENT_SCOPES)[keyof ClientToServerEvents]>;

/** The prefix of an article's room (rooms.article). */
const ARTICLE_ROOM = rooms.article('');

/** Events a socket may send per 10 seconds before further ones are refused. */
const EVENTS_PER_10S = 200;
/** Articles one socket may follow at once: each costs a room, a tab and a relay entry. A reader follows one. */
const MAX_ARTICLES_PER_SOCKET = 50;
/** Writes a socket may send per 10 seconds, apart: a burst of writes (an outbox flush) must not starve joins and presence. */
const WRITES_PER_10S = 1_000;

/** The live connection: joining articles (with catch-up), leaving, and presence. */
@WebSocketGateway()
export class LiveGateway implements OnGatewayInit, OnGatewayConnection {
  @WebSocketServer() server!: AppServer;
  private readonly logger = new Logger('LiveGateway');
  private readonly limiter = new RateLimiterMemory({ points: EVENTS_PER_10S, duration: 10 });
  private readonly writeLimiter = new RateLimiterMemory({ points: WRITES_PER_10S, duration: 10 });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly credentials: CredentialsService,
    private readonly access: AccessService,
    private readonly events: ArticleEventsService,
    private readonly presence: PresenceService,
    private readonly shutdown: ShutdownService,
    private readonly relay: EventRelay,
    private readonly recent: RecentEvents,
    private readonly watch: CredentialWatch,
    private readonly boundary: TokenBoundaryService,
  ) {}

  afterInit(server: AppServer): void {
    server.use(socketAuth(this.credentials, this.config.origins));
    this.shutdown.onDrain(() => this.reconnectElsewhere());
    // However a socket leaves an article's room (it asks to, or another process takes it out, as
    // for a member removed there), it has left the article: the room hears so after the leave.
    // Another process's own presence list may have been read before that leave reached here.
    server.of('/').adapter.on('leave-room', (room: string, id: string) => {
      if (!room.startsWith(ARTICLE_ROOM)) return;
      const socket = server.sockets.sockets.get(id);
      const articleId = room.slice(ARTICLE_ROOM.length);
      if (socket?.data.articles[articleId]) this.left(socket, articleId);
    });
  }

  /**
   * Closes every client's connection at the transport level (after sending what is queued),
   * which socket.io clients answer by reconnecting: through a load balancer, to another
   * process. A socket.io-level disconnect would tell them not to come back.
   */
  private reconnectElsewhere(): void {
    for (const socket of this.server.sockets.sockets.values()) socket.conn.close();
  }

  handleConnection(socket: AppSocket): void {
    this.watch.track(socket);
    let warnedUntil = 0;
    socket.use((packet, next) => {
      const isWrite = WRITE_EVENTS.has(packet[0]);
      (isWrite ? this.writeLimiter : this.limiter).consume(socket.id).then(
        () => {
          const scope = KNOWN_EVENTS.get(packet[0]);
          const ack = packet.at(-1);
          const { auth } = socket.data;
          if (scope && auth.tokenId && !auth.scopes?.includes(scope)) {
            if (typeof ack === 'function') ack({ ok: false, ...(isWrite ? { status: 403 } : {}), error: { code: 'FORBIDDEN', message: `This API token lacks the "${scope}" scope this needs` } });
            return;
          }
          if (scope && isWrite && auth.workspaceId) {
            // A token bound to one workspace writes only there, as the REST guard checks a route's ids.
            const ids = packet[1] !== null && typeof packet[1] === 'object' ? (packet[1] as Record<string, unknown>) : {};
            const { body: _body, ...params } = ids;
            // Refused or failed, the event is answered here: an error passed to next() would be
            // raised on the socket, which has no 'error' listener, and end the process.
            const refuse = (error: AppError) => {
              if (typeof ack === 'function') ack({ ok: false, status: error.status, error: error.toBody().error });
            };
            void this.boundary.outside(auth.workspaceId, params).then(
              (outside) => (outside ? refuse(notFound(outside.charAt(0).toUpperCase() + outside.slice(1, -2))) : next()),
              (error: unknown) => refuse(ackFailure(error, this.logger)),
            );
            return;
          }
          if (scope) return next();
          // An event this server does not handle is answered rather than left to time out.
          if (typeof ack === 'function') ack({ ok: false, error: { code: 'NOT_FOUND', message: `Unknown event "${String(packet[0]).slice(0, 100)}"` } });
        },
        (res: RateLimiterRes) => {
          // The event is dropped; an acknowledged one is answered, and the client is told once per window.
          const ack = packet.at(-1);
          // A write's ack carries its status too, as every SocketWriteAck does.
          if (typeof ack === 'function') ack({ ok: false, ...(isWrite ? { status: 429 } : {}), error: { code: 'RATE_LIMITED', message: 'Too many events; slow down' } });
          if (Date.now() >= warnedUntil) {
            warnedUntil = Date.now() + res.msBeforeNext;
            socket.emit('rate-limited', { retryAfterMs: res.msBeforeNext });
          }
        },
      );
    });
    socket.on('disconnecting', this.leaveAll);
  }

  /** Every socket's one `disconnecting` listener (`this` is the socket): it leaves its articles. */
  private readonly leaveAll = ((gateway: LiveGateway) =>
    function (this: AppSocket) {
      for (const articleId of Object.keys(this.data.articles)) gateway.left(this, articleId);
    })(this);

  @SubscribeMessage('article:join')
  async join(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown): Promise<MaybeRaw<JoinAck>> {
    const parsed = JoinArticle.safeParse(payload);
    if (!parsed.success) return ackError(validationError(parsed.error, 'payload'), this.logger);
    const { articleId, sinceSeq } = parsed.data;
    if (socket.data.articles[articleId] === undefined && Object.keys(socket.data.articles).length >= MAX_ARTICLES_PER_SOCKET) {
      return { ok: false, error: { code: 'RATE_LIMITED', message: `A connection follows at most ${MAX_ARTICLES_PER_SOCKET} articles at once; leave one first` } };
    }
    try {
      const { workspaceId } = await this.access.requireArticle(socket.data.auth.userId, articleId);
      // A token bound to another workspace is answered as a non-member would be.
      const bound = socket.data.auth.workspaceId;
      if (bound && bound !== workspaceId) return { ok: false, error: { code: 'NOT_FOUND', message: 'Article not found' } };
      // Join first, then read: anything committed meanwhile arrives live or in `missed` (clients drop repeats).
      const memberRoom = rooms.member(workspaceId, socket.data.auth.userId);
      await socket.join([rooms.article(articleId), memberRoom]);
      // Gone while access was checked: socket.io ignored the join, and there is no tab to count.
      if (!socket.connected) return { ok: false, error: { code: 'NOT_FOUND', message: 'Article not found' } };
      // Checked and set at once, after the join: two joins of one socket in flight count it once.
      const again = socket.data.articles[articleId] !== undefined;
      socket.data.articles[articleId] = workspaceId;
      this.presence.joined(this.server, articleId, socket, again);

      // Access is read again now that the socket is in the rooms: a removal committed after the
      // first read either finds the socket there (LiveBroadcaster takes it out) or is seen here.
      const [member, seq] = await Promise.all([this.stillMember(socket.data.auth.userId, articleId), this.events.lastSeq(articleId)]);
      if (!member) {
        // Out of the room is out of the article (see afterInit's 'leave-room').
        await socket.leave(rooms.article(articleId));
        await socket.leave(memberRoom);
        return { ok: false, error: { code: 'NOT_FOUND', message: 'Article not found' } };
      }

      this.relay.watch(articleId, seq);
      if (sinceSeq === undefined || sinceSeq >= seq) return { ok: true, seq, missed: [] };
      if (seq - sinceSeq > MAX_CATCH_UP) return { ok: true, seq, resync: true };
      // A busy article's latest events are in memory here.
      const recent = this.recent.after(articleId, sinceSeq, seq);
      if (recent) return { ok: true, seq: Math.max(seq, recent.lastSeq), missed: recent.events };
      // Otherwise they are read from the log and sent as serialised there, their data as stored,
      // and kept for the next client back.
      const { events, lastSeq = 0, each } = await this.events.afterJson(articleId, sinceSeq);
      this.recent.seed(articleId, each);
      return { ok: true, seq: Math.max(seq, lastSeq), missed: events };
    } catch (error) {
      return ackError(error, this.logger);
    }
  }

  private stillMember(userId: string, articleId: string): Promise<boolean> {
    return this.access.requireArticle(userId, articleId).then(
      () => true,
      (error: unknown) => {
        if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
        throw error;
      },
    );
  }

  @SubscribeMessage('article:leave')
  async leave(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown): Promise<{ ok: boolean }> {
    const parsed = LeaveArticle.safeParse(payload);
    if (!parsed.success || !socket.data.articles[parsed.data.articleId]) return { ok: false };
    const { articleId } = parsed.data;
    // The room's 'leave-room' (see afterInit) tells the others.
    await socket.leave(rooms.article(articleId));
    return { ok: true };
  }

  @SubscribeMessage('presence:update')
  update(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: unknown): void {
    const parsed = PresenceUpdate.safeParse(payload);
    if (!parsed.success || !socket.data.articles[parsed.data.articleId]) return;
    const { articleId, selection } = parsed.data;
    (socket.data.selections ??= {})[articleId] = selection;
    this.presence.throttled(this.server, articleId, socket.data.auth.userId);
  }

  private left(socket: AppSocket, articleId: string): void {
    delete socket.data.articles[articleId];
    this.presence.left(this.server, articleId, socket);
    if (socket.data.selections) delete socket.data.selections[articleId];
    // After the socket has really left the room.
    setImmediate(() => {
      if (!this.server.sockets.adapter.rooms.has(rooms.article(articleId))) this.relay.forget(articleId);
    });
  }
}
