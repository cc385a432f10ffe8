import { Global, Injectable, Module } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { ArticleEvent, Notification } from '@corroborate/contracts';

export interface CredentialsRevoked {
  sessionIds?: string[];
  tokenIds?: string[];
}

/** Everything services announce after a commit; the realtime layer turns them into socket traffic. */
export interface DomainEventMap {
  /** Sessions or API tokens that no longer authenticate (`fromPeer`: relayed from another API process). */
  'credentials.revoked': CredentialsRevoked & { fromPeer?: boolean };
  /** A member's role changed (role set) or they were removed (role null). */
  'membership.changed': { workspaceId: string; userId: string; role: string | null };
  /** A committed change to an article, in its per-article sequence. */
  'article.event': ArticleEvent;
  /** A stored notification for one user. */
  'notification.created': Notification & { userId: string };
}

export type DomainEventName = keyof DomainEventMap;

@Injectable()
export class DomainEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(50);

  emit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    this.emitter.emit(name, payload);
  }

  on<K extends DomainEventName>(name: K, listener: (payload: DomainEventMap[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}

@Global()
@Module({ providers: [DomainEvents], exports: [DomainEvents] })
export class DomainEventsModule {}
