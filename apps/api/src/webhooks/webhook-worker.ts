import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { WEBHOOK_HEADERS } from '@corroborate/contracts';
import { Prisma } from '../generated/prisma/client';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config.schema';
import { PrismaService } from '../infra/database/prisma.service';
import { OutboundError, safeFetch } from '../infra/outbound/safe-fetch';
import { rolesWith } from '../workspaces/access.service';
import { signDelivery } from './signature';

interface Claimed {
  id: string;
  eventType: string;
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: Date;
  url: string;
  secret: string;
  /** The endpoint's creator still manages the workspace's webhooks. */
  creatorManages: boolean;
}

/** Deliveries one process takes at a time. */
const BATCH = 10;
/** The pause after a round that failed (the database unreachable, say). */
const ERROR_PAUSE_MS = 10_000;
/** Bytes of a receiver's answer read (and dropped): its status is what counts. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Sends the outbox. Every replica runs one: a batch of due deliveries is claimed with
 * FOR UPDATE SKIP LOCKED, so replicas never take the same one, and the claim moves the
 * delivery's due time past the attempt (a lease). If the process dies mid-send, the delivery
 * falls due again when the lease ends and another process retries it with the same id.
 */
@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WebhookWorker');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.WEBHOOK_WORKER) this.schedule(0);
  }

  /** Stops before the database module closes its pool (modules close in the reverse of their start). */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().then(
        (busy) => this.schedule(busy ? 0 : this.config.WEBHOOK_POLL_MS),
        (error: unknown) => {
          // The database is away or struggling: ask again later rather than add to its load.
          this.logger.warn(`webhook deliveries: ${String(error)}`);
          this.schedule(Math.max(this.config.WEBHOOK_POLL_MS, ERROR_PAUSE_MS));
        },
      );
    }, delay);
  }

  /** One round: claims due deliveries and sends them; true when there may be more waiting. */
  async tick(): Promise<boolean> {
    const claimed = await this.claim();
    await Promise.all(claimed.map((delivery) => this.send(delivery)));
    return claimed.length === BATCH;
  }

  /** The lease: longer than an attempt can take, so a live sender always finishes first. */
  private get leaseMs(): number {
    return this.config.WEBHOOK_TIMEOUT_MS * 2 + 1_000;
  }

  private claim(): Promise<Claimed[]> {
    return this.prisma.sql<Claimed>(Prisma.sql`
      UPDATE webhook_deliveries d
      SET attempts = d.attempts + 1, last_attempt_at = now(),
        next_attempt_at = now() + make_interval(secs => ${this.leaseMs / 1000}::float8)
      FROM webhook_endpoints e
      WHERE e.id = d.endpoint_id AND d.id IN (
        SELECT id FROM webhook_deliveries
        WHERE status = 'pending' AND next_attempt_at <= now()
        ORDER BY next_attempt_at
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING d.id, d.event_type AS "eventType", d.payload, d.attempts, d.created_at AS "createdAt", e.url, e.secret,
        EXISTS (SELECT 1 FROM memberships m WHERE m.workspace_id = e.workspace_id AND m.user_id = e.created_by_id
          AND m.role::text = ANY(${rolesWith('manageWebhooks')}::text[])) AS "creatorManages"`);
  }

  private async send(delivery: Claimed): Promise<void> {
    // The URL is its creator's choice: once they are removed or no longer manage webhooks there,
    // the workspace's changes stop going to it (the log tells the remaining owners why).
    if (!delivery.creatorManages) {
      return this.record(delivery, null, null, "not sent: the endpoint's creator no longer manages this workspace's webhooks", true);
    }
    const body = JSON.stringify({ id: delivery.id, ...delivery.payload });
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await safeFetch(delivery.url, {
        method: 'POST',
        timeoutMs: this.config.WEBHOOK_TIMEOUT_MS,
        maxBytes: MAX_ANSWER_BYTES,
        allowHttp: this.config.WEBHOOK_ALLOW_HTTP,
        allowLoopback: this.config.OUTBOUND_ALLOW_LOOPBACK,
        // A redirect is an answer, not an instruction: a receiver that moved is told by the log.
        maxRedirects: 0,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Corroborate-Webhooks/1',
          [WEBHOOK_HEADERS.id]: delivery.id,
          [WEBHOOK_HEADERS.event]: delivery.eventType,
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signDelivery(delivery.secret, timestamp, body),
        },
        body,
      });
      status = res.status;
    } catch (err) {
      // A too-large answer is still an answer: its status tells whether the delivery was taken.
      if (err instanceof OutboundError && err.code === 'TOO_LARGE' && err.status !== undefined) status = err.status;
      else error = err instanceof OutboundError ? `${err.code}: ${err.message}` : String(err);
    }
    if (status !== null && (status < 200 || status >= 300)) error = `answered ${status}`;
    const latencyMs = Math.round(performance.now() - started);
    await this.record(delivery, status, latencyMs, error);
  }

  /**
   * Stores the attempt's outcome, unless the lease ran out and another attempt has begun since.
   * A `final` failure is not retried.
   */
  private async record(delivery: Claimed, status: number | null, latencyMs: number | null, error: string | null, final = false): Promise<void> {
    const where = Prisma.sql`id = ${delivery.id}::uuid AND attempts = ${delivery.attempts} AND status = 'pending'`;
    if (!error) {
      await this.prisma.sql(Prisma.sql`
        UPDATE webhook_deliveries SET status = 'succeeded', response_status = ${status}, latency_ms = ${latencyMs},
          last_error = NULL, delivered_at = now(), next_attempt_at = NULL
        WHERE ${where}`);
      return;
    }
    // Exponential backoff from the base, until the retry window since the change has passed.
    const delay = this.config.WEBHOOK_RETRY_BASE_MS * 2 ** Math.min(delivery.attempts - 1, 30);
    const next = Date.now() + delay;
    const giveUp = final || next > delivery.createdAt.getTime() + this.config.WEBHOOK_RETRY_FOR_MS;
    await this.prisma.sql(Prisma.sql`
      UPDATE webhook_deliveries SET response_status = ${status}, latency_ms = ${latencyMs}, last_error = ${error.slice(0, 500)},
        status = ${giveUp ? 'failed' : 'pending'}, next_attempt_at = ${giveUp ? null : new Date(next)}::timestamptz
      WHERE ${where}`);
  }
}
