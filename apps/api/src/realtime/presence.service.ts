import { Injectable, Logger } from '@nestjs/common';
import type { Presence } from '@corroborate/contracts';
import { rooms, type AppServer, type AppSocket } from './socket.types';

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

/** What an article's next join-or-leave presence is for: the whole room, or only sockets that just joined. */
interface Due {
  everyone: boolean;
  newcomers: Set<string>;
}

/**
 * Who is in an article and what they have selected, read from the sockets in its room (on
 * every process, through the adapter), so nothing is kept that could go stale.
 */
@Injectable()
export class PresenceService {
  private readonly logger = new Logger('Presence');
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly lastSent = new Map<string, number>();
  /** Articles with a presence due for joins or leaves. */
  private readonly roomChanges = new Map<string, Due>();
  /**
   * This process's sockets in each article, by user. Another tab of a user already there changes
   * no one's list (it has no selection yet): only that tab is sent it. In a reconnect storm of
   * thousands of tabs of a few hundred people, the room then hears the list a few times, not
   * once a second, each copy to every socket.
   */
  private readonly tabs = new Map<string, Map<string, number>>();

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

  /** Never fails: a list that could not be read is logged, and the next change sends it again. */
  async broadcast(server: AppServer, articleId: string): Promise<void> {
    try {
      server.to(rooms.article(articleId)).emit('presence', await this.current(server, articleId));
    } catch (error) {
      this.failed(error);
    }
  }

  /** A socket has joined the article (or joined it again): the room hears of it unless its user was here already. */
  joined(server: AppServer, articleId: string, socket: AppSocket, again: boolean): void {
    if (again) return this.due(server, articleId, socket.id);
    const users = this.tabs.get(articleId) ?? new Map<string, number>();
    this.tabs.set(articleId, users);
    const tabs = users.get(socket.data.auth.userId) ?? 0;
    users.set(socket.data.auth.userId, tabs + 1);
    this.due(server, articleId, tabs === 0 ? undefined : socket.id);
  }

  /**
   * A socket has left the article (its selection there not yet cleared): the room hears of it
   * unless another tab keeps its user here unchanged.
   */
  left(server: AppServer, articleId: string, socket: AppSocket): void {
    const { userId } = socket.data.auth;
    const hadSelection = socket.data.selections?.[articleId] !== undefined;
    const users = this.tabs.get(articleId);
    const tabs = (users?.get(userId) ?? 1) - 1;
    if (tabs > 0) users!.set(userId, tabs);
    else {
      users?.delete(userId);
      if (users?.size === 0) this.tabs.delete(articleId);
      this.forget(articleId, userId);
    }
    if (tabs === 0 || hadSelection) this.due(server, articleId);
  }

  /**
   * Sends the article's presence within `roomChangeWindowMs`, with any other joins and leaves
   * of it: to the whole room, or, when `newcomer` names a socket, to that one alone.
   */
  private due(server: AppServer, articleId: string, newcomer?: string): void {
    let due = this.roomChanges.get(articleId);
    if (!due) {
      due = { everyone: false, newcomers: new Set() };
      this.roomChanges.set(articleId, due);
      // The room's size on this process: enough to tell a storm from a few readers.
      const sockets = server.sockets.adapter.rooms.get(rooms.article(articleId))?.size ?? 0;
      setTimeout(() => void this.send(server, articleId), roomChangeWindowMs(sockets));
    }
    if (newcomer === undefined) due.everyone = true;
    else due.newcomers.add(newcomer);
  }

  private async send(server: AppServer, articleId: string): Promise<void> {
    const due = this.roomChanges.get(articleId);
    this.roomChanges.delete(articleId);
    if (due?.everyone) return this.broadcast(server, articleId);
    // Sockets that left meanwhile are skipped by the adapter.
    if (!due?.newcomers.size) return;
    try {
      server.local.to([...due.newcomers]).emit('presence', await this.current(server, articleId));
    } catch (error) {
      this.failed(error);
    }
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

  /** With several processes, reading the list fails while one does not answer in time (it just died). */
  private readonly failed = (error: unknown) => this.logger.warn(`Presence not sent: ${error instanceof Error ? error.message : String(error)}`);

  forget(articleId: string, userId: string): void {
    const key = `${articleId}:${userId}`;
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.lastSent.delete(key);
  }
}
