import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ArticleEvent } from '@corroborate/contracts';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config.schema';
import { DomainEvents } from '../infra/events/domain-events';
import { CredentialWatch } from './credential-watch';
import { EventRelay } from './event-relay';
import { LiveGateway } from './live.gateway';
import { PresenceService } from './presence.service';
import { rooms } from './socket.types';

/** Enough to recognise every event seen once lately, when it comes the second way. */
const RECENT_EVENTS = 20_000;
/** Tries at taking a removed member's sockets out, a second apart (a process that just died fails the first). */
const REMOVAL_TRIES = 5;

/**
 * The one place that turns committed domain events into socket traffic.
 *
 * An article event reaches this process's clients two ways, whichever comes first: from the
 * service that wrote it here (at once, the fast path), and from the database's announcement
 * of every commit, whoever wrote it (EventRelay). Each process sends only to its own sockets,
 * so an event does not depend on its writer surviving to reach the other processes' clients.
 */
@Injectable()
export class LiveBroadcaster implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('LiveBroadcaster');
  private readonly unsubscribe: (() => void)[] = [];
  private readonly sent = new LRUCache<string, true>({ max: RECENT_EVENTS });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly domainEvents: DomainEvents,
    private readonly gateway: LiveGateway,
    private readonly presence: PresenceService,
    private readonly relay: EventRelay,
    private readonly watch: CredentialWatch,
  ) {}

  onModuleInit(): void {
    if (this.config.REDIS_URL) {
      this.gateway.server.on('credentials.revoked', (revoked) => this.domainEvents.emit('credentials.revoked', { ...revoked, fromPeer: true }));
    }
    this.relay.relayTo(
      (event) => this.send(event),
      (articleId) => (this.gateway.server.sockets.adapter.rooms.get(rooms.article(articleId))?.size ?? 0) > 0,
    );
    this.unsubscribe.push(
      this.domainEvents.on('article.event', (event) => this.send(event)),
      this.domainEvents.on('notification.created', ({ userId, ...notification }) => {
        const to = notification.workspaceId ? [rooms.user(userId), rooms.userIn(userId, notification.workspaceId)] : rooms.user(userId);
        this.gateway.server.to(to).emit('notification', notification);
      }),
      this.domainEvents.on('credentials.revoked', ({ fromPeer, sessionIds = [], tokenIds = [] }) => {
        this.watch.revoked(sessionIds, tokenIds);
        // Other processes end their sockets and drop the credentials from their caches too.
        if (this.config.REDIS_URL && !fromPeer) this.gateway.server.serverSideEmit('credentials.revoked', { sessionIds, tokenIds });
      }),
      this.domainEvents.on('membership.changed', ({ workspaceId, userId, role }) => {
        if (role === null) void this.removeFromWorkspace(workspaceId, userId, REMOVAL_TRIES);
      }),
    );
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe) off();
  }

  /** Sends an article event to this process's clients in its room, once. */
  private send(event: ArticleEvent): void {
    const key = `${event.articleId}:${event.seq}`;
    if (this.sent.has(key)) return;
    this.sent.set(key, true);
    this.gateway.server.local.to(rooms.article(event.articleId)).emit('event', event);
  }

  /**
   * A removed member's open sockets leave every article room of that workspace at once. With
   * several processes, reading the sockets fails while one of them does not answer (it just
   * died): tried again, since until this succeeds the member still hears the articles.
   */
  private async removeFromWorkspace(workspaceId: string, userId: string, tries: number): Promise<void> {
    const server = this.gateway.server;
    const memberRoom = rooms.member(workspaceId, userId);
    let sockets;
    try {
      sockets = await server.in(memberRoom).fetchSockets();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (tries > 1) {
        this.logger.warn(`Taking a removed member's sockets out failed (${message}); trying again`);
        setTimeout(() => void this.removeFromWorkspace(workspaceId, userId, tries - 1), 1_000).unref();
      } else {
        this.logger.error(`A removed member's sockets could not be taken out of workspace ${workspaceId}: ${message}`);
      }
      return;
    }
    const affected = new Set<string>();
    for (const socket of sockets) {
      for (const [articleId, ws] of Object.entries(socket.data.articles)) {
        if (ws !== workspaceId) continue;
        socket.leave(rooms.article(articleId));
        socket.emit('access:revoked', { articleId });
        affected.add(articleId);
      }
      socket.leave(memberRoom);
    }
    for (const articleId of affected) {
      this.presence.forget(articleId, userId);
      await this.presence.broadcast(server, articleId);
    }
  }
}
