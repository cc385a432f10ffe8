import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CredentialsService } from '../auth/credentials.service';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config.schema';
import type { AppSocket } from './socket.types';

/** The longest delay setTimeout honours (about 24.8 days); longer ones fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Keeps an open socket no longer than its credential: each socket is disconnected when its
 * session expires, and every SOCKET_RECHECK_SECONDS this process's sockets re-check their
 * sessions and tokens in one query, catching whatever no event announced (an expiry moved in
 * the database, a revocation whose relay was lost with another process). A revocation
 * itself ends its sockets at once (`revoked`, from LiveBroadcaster in every process). One
 * timer serves every socket's expiry, and one listener every socket's disconnect: thousands
 * of idle sockets hold nothing of their own here but their place in the map.
 */
@Injectable()
export class CredentialWatch implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('CredentialWatch');
  private readonly watched = new Map<string, AppSocket>();
  private sweep?: NodeJS.Timeout;
  /** The timer for the earliest expiry among the sockets, and when that is (epoch ms). */
  private expiry?: { timer: NodeJS.Timeout; at: number };
  private readonly untrack: (this: AppSocket) => void;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly credentials: CredentialsService,
  ) {
    const watched = this.watched;
    this.untrack = function () {
      watched.delete(this.id);
    };
  }

  onModuleInit(): void {
    this.sweep = setInterval(() => void this.recheck(), this.config.SOCKET_RECHECK_SECONDS * 1000);
    this.sweep.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweep);
    clearTimeout(this.expiry?.timer);
    this.watched.clear();
  }

  /** Watches a connected socket until it disconnects. */
  track(socket: AppSocket): void {
    this.watched.set(socket.id, socket);
    socket.on('disconnect', this.untrack);
    const expiresAt = socket.data.auth.expiresAt;
    if (expiresAt) this.expireAt(expiresAt.getTime());
  }

  /** Makes sure the timer fires by `at`. */
  private expireAt(at: number): void {
    if (this.expiry && this.expiry.at <= at) return;
    clearTimeout(this.expiry?.timer);
    const timer = setTimeout(() => this.expire(), Math.max(0, Math.min(at - Date.now(), MAX_TIMER_MS)));
    timer.unref();
    this.expiry = { timer, at };
  }

  /** Disconnects the sockets whose session has expired, and waits for the next to. */
  private expire(): void {
    this.expiry = undefined;
    const now = Date.now();
    let next = Infinity;
    for (const socket of this.watched.values()) {
      const at = socket.data.auth.expiresAt?.getTime();
      if (at === undefined) continue;
      if (at <= now) socket.disconnect(true);
      else next = Math.min(next, at);
    }
    if (next < Infinity) this.expireAt(next);
  }

  /**
   * Ends this process's sockets of revoked sessions and tokens. A scan: revocations are rare
   * (a sign-out, a password change), and an index would cost every socket its entry.
   */
  revoked(sessionIds: readonly string[], tokenIds: readonly string[]): void {
    if (sessionIds.length + tokenIds.length === 0) return;
    const ended = new Set([...sessionIds, ...tokenIds]);
    for (const socket of [...this.watched.values()]) {
      const { sessionId, tokenId } = socket.data.auth;
      if ((sessionId && ended.has(sessionId)) || (tokenId && ended.has(tokenId))) socket.disconnect(true);
    }
  }

  /** One query for every credential behind this process's sockets; ends those that no longer authenticate. */
  async recheck(): Promise<void> {
    if (this.watched.size === 0) return;
    const sockets = [...this.watched.values()];
    const sessionIds = new Set<string>();
    const tokenIds = new Set<string>();
    for (const { data } of sockets) {
      if (data.auth.sessionId) sessionIds.add(data.auth.sessionId);
      if (data.auth.tokenId) tokenIds.add(data.auth.tokenId);
    }
    try {
      const ended = await this.credentials.ended([...sessionIds], [...tokenIds]);
      this.revoked(ended.sessionIds, ended.tokenIds);
    } catch (error) {
      // The next sweep tries again; a database outage must not end every socket.
      this.logger.warn(`Could not re-check socket credentials: ${String(error)}`);
    }
  }
}
