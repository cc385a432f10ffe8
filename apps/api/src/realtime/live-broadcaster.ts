import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config.schema';
import { DomainEvents } from '../infra/events/domain-events';
import { LiveGateway } from './live.gateway';
import { PresenceService } from './presence.service';
import { rooms } from './socket.types';

/** The one place that turns committed domain events into socket traffic. */
@Injectable()
export class LiveBroadcaster implements OnModuleInit, OnModuleDestroy {
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly domainEvents: DomainEvents,
    private readonly gateway: LiveGateway,
    private readonly presence: PresenceService,
  ) {}

  onModuleInit(): void {
    if (this.config.REDIS_URL) {
      this.gateway.server.on('credentials.revoked', (revoked) => this.domainEvents.emit('credentials.revoked', { ...revoked, fromPeer: true }));
    }
    this.unsubscribe.push(
      this.domainEvents.on('article.event', (event) => {
        this.gateway.server.to(rooms.article(event.articleId)).emit('event', event);
      }),
      this.domainEvents.on('notification.created', ({ userId, ...notification }) => {
        this.gateway.server.to(rooms.user(userId)).emit('notification', notification);
      }),
      this.domainEvents.on('credentials.revoked', ({ fromPeer, sessionIds = [], tokenIds = [] }) => {
        // The originating process has already disconnected sockets cluster-wide.
        if (fromPeer) return;
        const targets = [...sessionIds.map(rooms.session), ...tokenIds.map(rooms.token)];
        if (targets.length) this.gateway.server.in(targets).disconnectSockets(true);
        // Other processes drop the credentials from their caches too.
        if (this.config.REDIS_URL) this.gateway.server.serverSideEmit('credentials.revoked', { sessionIds, tokenIds });
      }),
      this.domainEvents.on('membership.changed', ({ workspaceId, userId, role }) => {
        if (role === null) void this.removeFromWorkspace(workspaceId, userId);
      }),
    );
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe) off();
  }

  /** A removed member's open sockets leave every article room of that workspace at once. */
  private async removeFromWorkspace(workspaceId: string, userId: string): Promise<void> {
    const server = this.gateway.server;
    const memberRoom = rooms.member(workspaceId, userId);
    const sockets = await server.in(memberRoom).fetchSockets();
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
