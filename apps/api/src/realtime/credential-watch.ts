import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CredentialsService } from '../auth/credentials.service';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config.schema';
import type { AppSocket } from './socket.types';

/** The longest delay setTimeout honours (about 24.8 days); longer ones fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Watched {
  socket: AppSocket;
  expiry?: NodeJS.Timeout;
}

/**
 * Keeps an open socket no longer than its credential: each socket is disconnected when its
 * session expires (a timer), and every SOCKET_RECHECK_SECONDS this process's sockets re-check
 * their sessions and tokens in one query, catching whatever no event announced (an expiry
 * moved in the database, a revocation whose relay was lost with another process). Revocations
 * themselves disconnect at once (LiveBroadcaster).
 */
@Injectable()
export class CredentialWatch implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('CredentialWatch');
  private readonly watched = new Map<string, Watched>();
  private sweep?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly credentials: CredentialsService,
  ) {}

  onModuleInit(): void {
    this.sweep = setInterval(() => void this.recheck(), this.config.SOCKET_RECHECK_SECONDS * 1000);
    this.sweep.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweep);
    for (const { expiry } of this.watched.values()) clearTimeout(expiry);
    this.watched.clear();
  }

  /** Watches a connected socket until it disconnects. */
  track(socket: AppSocket): void {
    const entry: Watched = { socket };
    this.watched.set(socket.id, entry);
    this.armExpiry(entry);
    socket.once('disconnect', () => {
      clearTimeout(entry.expiry);
      this.watched.delete(socket.id);
    });
  }

  private armExpiry(entry: Watched): void {
    const expiresAt = entry.socket.data.auth.expiresAt;
    if (!expiresAt) return;
    const left = expiresAt.getTime() - Date.now();
    entry.expiry = setTimeout(
      () => (left > MAX_TIMER_MS ? this.armExpiry(entry) : entry.socket.disconnect(true)),
      Math.max(0, Math.min(left, MAX_TIMER_MS)),
    );
    entry.expiry.unref();
  }

  /** One query for every credential behind this process's sockets; ends those that no longer authenticate. */
  async recheck(): Promise<void> {
    if (this.watched.size === 0) return;
    const sockets = [...this.watched.values()].map((w) => w.socket);
    const sessionIds = new Set<string>();
    const tokenIds = new Set<string>();
    for (const { data } of sockets) {
      if (data.auth.sessionId) sessionIds.add(data.auth.sessionId);
      if (data.auth.tokenId) tokenIds.add(data.auth.tokenId);
    }
    try {
      const ended = await this.credentials.ended([...sessionIds], [...tokenIds]);
      const endedIds = new Set([...ended.sessionIds, ...ended.tokenIds]);
      if (endedIds.size === 0) return;
      for (const socket of sockets) {
        const { sessionId, tokenId } = socket.data.auth;
        if ((sessionId && endedIds.has(sessionId)) || (tokenId && endedIds.has(tokenId))) socket.disconnect(true);
      }
    } catch (error) {
      // The next sweep tries again; a database outage must not end every socket.
      this.logger.warn(`Could not re-check socket credentials: ${String(error)}`);
    }
  }
}
