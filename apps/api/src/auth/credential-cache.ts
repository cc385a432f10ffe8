import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { DomainEvents } from '../infra/events/domain-events';
import type { AuthContext } from './auth.context';

/** How long a resolved credential is trusted without asking the database again. */
export const CREDENTIAL_TTL_MS = 10_000;

interface Entry {
  auth: AuthContext;
  /** Epoch ms: the TTL or the credential's own expiry, whichever comes first. */
  until: number;
}

/**
 * Recently resolved sessions and API tokens by secret hash, so most requests need no
 * credential query. A revocation drops its entries at once: here through `credentials.revoked`,
 * in other API processes through the realtime layer's relay of that event. The TTL bounds
 * anything else (an expiry, a relay lost with a process). Expired entries are swept out each
 * TTL: most are the handshakes of sockets that stay open for hours and never ask again.
 */
@Injectable()
export class CredentialCache implements OnModuleInit, OnModuleDestroy {
  private readonly entries = new LRUCache<string, Entry>({ max: 20_000 });
  /** Bumped by every revocation: a lookup that started before one must not be cached. */
  private generation = 0;
  private unsubscribe?: () => void;
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly events: DomainEvents) {}

  onModuleInit(): void {
    this.unsubscribe = this.events.on('credentials.revoked', ({ sessionIds = [], tokenIds = [] }) => this.drop(sessionIds, tokenIds));
    this.sweeper = setInterval(() => this.sweep(), CREDENTIAL_TTL_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    clearInterval(this.sweeper);
  }

  /** Entries held, expired or not. */
  get size(): number {
    return this.entries.size;
  }

  get(hash: string): AuthContext | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.until <= Date.now()) {
      this.entries.delete(hash);
      return undefined;
    }
    return entry.auth;
  }

  /**
   * Call before the database lookup; the returned function caches its result unless a
   * revocation happened in between (the result may then describe a revoked credential).
   */
  begin(): (hash: string, auth: AuthContext, expiresAt: Date | null) => void {
    const started = this.generation;
    return (hash, auth, expiresAt) => {
      if (started !== this.generation) return;
      const until = Math.min(Date.now() + CREDENTIAL_TTL_MS, expiresAt?.getTime() ?? Infinity);
      this.entries.set(hash, { auth, until });
    };
  }

  private sweep(): void {
    const now = Date.now();
    for (const [hash, { until }] of this.entries.entries()) if (until <= now) this.entries.delete(hash);
  }

  private drop(sessionIds: string[], tokenIds: string[]): void {
    this.generation++;
    const sessions = new Set(sessionIds);
    const tokens = new Set(tokenIds);
    for (const [hash, { auth }] of this.entries.entries()) {
      if ((auth.sessionId && sessions.has(auth.sessionId)) || (auth.tokenId && tokens.has(auth.tokenId))) this.entries.delete(hash);
    }
  }
}
