import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ArticleEvent } from '@corroborate/contracts';
import { Client } from 'pg';
import { ArticleEventsService } from '../article-events/article-events.service';
import { APP_CONFIG } from '../infra/config/config.module';
import { directDatabaseUrl, type AppConfig } from '../infra/config/config.schema';
import { RecentEvents } from './recent-events';

/** The channel the article_events trigger notifies (see its migration). */
const CHANNEL = 'article_events';
/** Names the listening connection in pg_stat_activity. */
export const RELAY_APPLICATION_NAME = 'corroborate-event-relay';
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;

/** A notification: the whole event, or only where to read it when it was too large to send. */
type Notified = { articleId: string; seq: number } & Partial<Omit<ArticleEvent, 'articleId' | 'seq'>>;

/**
 * Every committed article event, as PostgreSQL announces it to every API process on commit
 * (LISTEN): delivery to this process's clients does not depend on the process that wrote the
 * event surviving its commit. Notifications arrive in commit order, which per article is seq
 * order; after a lost connection, what was missed is read back from the log.
 */
@Injectable()
export class EventRelay implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('EventRelay');
  private deliverTo: (event: ArticleEvent) => void = () => {};
  private hasClients: (articleId: string) => boolean = () => false;
  /** Per article with clients here, the last seq relayed (or joined at): everything before it is known to them. */
  private readonly relayedUpTo = new Map<string, number>();
  private current?: Client;
  private everListened = false;
  private retryMs = RETRY_MIN_MS;
  private retryTimer?: NodeJS.Timeout;
  private closed = false;
  /** Notifications are handled one after another, so events leave in the order they came. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: ArticleEventsService,
    private readonly recent: RecentEvents,
  ) {}

  /** Where committed events go, and which articles have clients here (others are skipped). */
  relayTo(deliver: (event: ArticleEvent) => void, hasClients: (articleId: string) => boolean): void {
    this.deliverTo = deliver;
    this.hasClients = hasClients;
  }

  /** A client here joined the article at `seq`: what it misses after that is read back after a lost connection. */
  watch(articleId: string, seq: number): void {
    if (!this.relayedUpTo.has(articleId)) this.relayedUpTo.set(articleId, seq);
  }

  /**
   * No client here follows the article any more. Its latest events stay in memory, and keep
   * arriving: a client that comes back to it later catches up without reading the log.
   */
  forget(articleId: string): void {
    this.relayedUpTo.delete(articleId);
  }

  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.current;
    this.current = undefined;
    await client?.end().catch(() => {});
  }

  /** Opens the listening connection; on failure, tries again later, backing off. */
  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: directDatabaseUrl(this.config),
      connectionTimeoutMillis: this.config.DB_CONNECT_TIMEOUT_MS,
      keepAlive: true,
      application_name: RELAY_APPLICATION_NAME,
    });
    client.on('notification', ({ channel, payload }) => {
      if (channel === CHANNEL && payload) this.enqueue(() => this.relay(JSON.parse(payload) as Notified));
    });
    client.on('error', () => this.drop(client));
    client.on('end', () => this.drop(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      this.logger.warn(`Cannot listen for committed events (${(error as Error).message}); trying again`);
      client.end().catch(() => {});
      this.retryLater();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.current = client;
    this.retryMs = RETRY_MIN_MS;
    if (this.everListened) this.enqueue(() => this.readMissed());
    this.everListened = true;
  }

  private drop(client: Client): void {
    if (client !== this.current) return;
    this.current = undefined;
    client.end().catch(() => {});
    if (this.closed) return;
    this.logger.warn('Lost the connection that listens for committed events; reconnecting');
    this.retryLater();
  }

  private retryLater(): void {
    if (this.closed) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.listen(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  private enqueue(work: () => Promise<void>): void {
    this.chain = this.chain.then(work).catch((error: unknown) => this.logger.warn(`Relaying committed events failed: ${(error as Error).message}`));
  }

  private async relay(notified: Notified): Promise<void> {
    const { articleId, seq } = notified;
    const whole =
      notified.type !== undefined
        ? { articleId, seq, type: notified.type, actorId: notified.actorId ?? null, at: new Date(notified.at!).toISOString(), data: notified.data }
        : undefined;
    if (!this.hasClients(articleId)) {
      this.forget(articleId);
      // Kept for whoever comes back to it; one too large to notify leaves a gap (the log answers).
      if (whole) this.recent.add(whole);
      return;
    }
    const event = whole ?? (await this.events.after(articleId, seq - 1, 1))[0];
    if (event) this.deliver(event);
  }

  /** After a lost connection: reads back, per article with clients here, what was committed meanwhile. */
  private async readMissed(): Promise<void> {
    for (const [articleId, upTo] of this.relayedUpTo) {
      if (!this.hasClients(articleId)) {
        this.forget(articleId);
        continue;
      }
      for (const event of await this.events.after(articleId, upTo)) this.deliver(event);
    }
  }

  private deliver(event: ArticleEvent): void {
    if (event.seq > (this.relayedUpTo.get(event.articleId) ?? 0)) this.relayedUpTo.set(event.articleId, event.seq);
    this.recent.add(event);
    this.deliverTo(event);
  }
}
