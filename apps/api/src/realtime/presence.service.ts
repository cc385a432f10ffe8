import { Injectable } from '@nestjs/common';
import type { Presence } from '@corroborate/contracts';
import { rooms, type AppServer } from './socket.types';

/** Presence updates a user may cause per second; faster ones are coalesced. */
const MAX_PER_SECOND = 10;
/**
 * Joins and leaves of one article within a window share one broadcast. Each broadcast lists
 * everyone and goes to everyone, so one per join made a reconnect storm of n clients cost n²
 * deliveries (bench/capacity.ts: the second 1,000 of 2,000 took three times the first). The
 * window grows with the room: 100 ms up to 100 sockets, 1 ms more per socket beyond, at most
 * 1 s, so a storm of thousands sends a few lists instead of one every 100 ms.
 */
export function roomChangeWindowMs(sockets: number): number {
  return Math.min(1_000, Math.max(100, sockets));
}

/**
 * Who is in an article and what they have selected, read from the sockets in its room (on
 * every process, through the adapter), so nothing is kept that could go stale.
 */
@Injectable()
export class PresenceService {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly lastSent = new Map<string, number>();
  /** Articles with a broadcast due for joins or leaves. */
  private readonly roomChanges = new Map<string, NodeJS.Timeout>();

  async current(server: AppServer, articleId: string): Promise<Presence> {
    const sockets = await server.in(rooms.article(articleId)).fetchSockets();
    const users = new Map<string, Presence['users'][number]>();
    for (const s of sockets) {
      const { auth, color, selections } = s.data;
      const selection = selections?.[articleId];
      const known = users.get(auth.userId);
      // A user with several tabs shows once, with the selection of any tab that has one.
      if (!known || (!known.selection && selection)) {
        users.set(auth.userId, { userId: auth.userId, displayName: auth.displayName, color, ...(selection ? { selection } : {}) });
      }
    }
    return { articleId, users: [...users.values()] };
  }

  async broadcast(server: AppServer, articleId: string): Promise<void> {
    server.to(rooms.article(articleId)).emit('presence', await this.current(server, articleId));
  }

  /** Announces a join or leave: within `roomChangeWindowMs`, with any others of the article. */
  roomChanged(server: AppServer, articleId: string): void {
    if (this.roomChanges.has(articleId)) return;
    // The room's size on this process: enough to tell a storm from a few readers.
    const sockets = server.sockets.adapter.rooms.get(rooms.article(articleId))?.size ?? 0;
    this.roomChanges.set(
      articleId,
      setTimeout(() => {
        this.roomChanges.delete(articleId);
        void this.broadcast(server, articleId);
      }, roomChangeWindowMs(sockets)),
    );
  }

  /** Broadcasts at most MAX_PER_SECOND times per user and article, always ending on the latest state. */
  throttled(server: AppServer, articleId: string, userId: string): void {
    const key = `${articleId}:${userId}`;
    if (this.pending.has(key)) return;
    const wait = Math.max(0, (this.lastSent.get(key) ?? 0) + 1000 / MAX_PER_SECOND - Date.now());
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.lastSent.set(key, Date.now());
        void this.broadcast(server, articleId);
      }, wait),
    );
  }

  forget(articleId: string, userId: string): void {
    const key = `${articleId}:${userId}`;
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.lastSent.delete(key);
  }
}
