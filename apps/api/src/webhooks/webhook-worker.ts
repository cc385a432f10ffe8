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
  endpointId: string;
  workspaceId: string;
  eventType: string;
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: Date;
  url: string;
  secret: string;
  /** The endpoint's creator still manages the workspace's webhooks. */
  creatorManages: boolean;
}

/** Sends one process has in flight at most, each to a different endpoint. */
const SLOTS = 10;
/** Of those, the most one workspace's endpoints hold: its hanging receivers never hold them all. */
const WORKSPACE_SLOTS = 3;
/** The pause after a claim or a record failed (the database unreachable, say). */
const ERROR_PAUSE_MS = 10_000;
/** Bytes of a receiver's answer read (and dropped): its status is what counts. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Sends the outbox. Every replica runs one: due deliveries are claimed with FOR UPDATE SKIP
 * LOCKED, so replicas never take the same one, and the claim moves the delivery's due time past
 * the attempt (a lease). If the process dies mid-send, the delivery falls due again when the
 * lease ends and another process retries it with the same id.
 *
 * Fairness: a process sends to an endpoint one delivery at a time, and a claim takes at most one
 * delivery per endpoint, so a receiver that hangs holds one slot, not all of them; one
 * workspace's endpoints hold at most WORKSPACE_SLOTS, so its hanging receivers never hold up
 * another workspace's. Slots are refilled as each send ends rather than once a whole batch has.
 */
@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WebhookWorker');
  /** Sends in flight, by endpoint. */
  private readonly sending = new Map<string, { workspaceId: string; sent: Promise<void> }>();
  private running?: Promise<void>;
  private stopped = false;
  /** Set when a slot frees (or the worker stops) while the loop is busy, so its next pause is skipped. */
  private woken = false;
  private wake?: () => void;
  /** No claims before this (epoch ms): the database failed us. */
  private pausedUntil = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.WEBHOOK_WORKER) this.running = this.run();
  }

  /**
   * Stops claiming and waits for the sends in flight to be recorded, before the database module
   * closes its pool (modules close in the reverse of their start).
   */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.wakeUp();
    await this.running;
    await Promise.all([...this.sending.values()].map((s) => s.sent));
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const paused = this.pausedUntil - Date.now();
      if (paused > 0) {
        // Not cut short by sends ending: with the database away they all end at once.
        await this.idle(paused, false);
        continue;
      }
      this.woken = false;
      try {
        await this.fill();
      } catch (error) {
        this.failed(error);
        continue;
      }
      await this.idle(this.config.WEBHOOK_POLL_MS);
    }
  }

  /** Claims due deliveries for the free slots, skipping endpoints already being sent to, and starts them. */
  private async fill(): Promise<void> {
    const free = SLOTS - this.sending.size;
    if (free <= 0) return;
    for (const delivery of await this.claim(free, [...this.sending.keys()])) {
      const sent = this.send(delivery)
        .catch((error: unknown) => this.failed(error))
        .finally(() => {
          this.sending.delete(delivery.endpointId);
          this.wakeUp();
        });
      this.sending.set(delivery.endpointId, { workspaceId: delivery.workspaceId, sent });
    }
  }

  private failed(error: unknown): void {
    // The database is away or struggling: ask again later rather than add to its load.
    this.logger.warn(`webhook deliveries: ${String(error)}`);
    this.pausedUntil = Date.now() + Math.max(this.config.WEBHOOK_POLL_MS, ERROR_PAUSE_MS);
  }

  /** Waits `ms`, or until a slot frees when `wakeable`; the worker's stop always ends the wait. */
  private idle(ms: number, wakeable = true): Promise<void> {
    if (this.stopped || (wakeable && this.woken)) return Promise.resolve();
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.wake = () => (wakeable || this.stopped) && end();
    });
  }

  private wakeUp(): void {
    this.woken = true;
    this.wake?.();
  }

  /** The lease: longer than an attempt can take, so a live sender always finishes first. */
  private get leaseMs(): number {
    return this.config.WEBHOOK_TIMEOUT_MS * 2 + 1_000;
  }

  /**
   * Up to `limit` due deliveries, one per endpoint outside `busy`: each endpoint's oldest change
   * (the order its receiver should see them in), the longest overdue endpoints first, and no
   * more for a workspace than the slots its sends in flight leave it.
   */
  private claim(limit: number, busy: string[]): Promise<Claimed[]> {
    // Sends in flight by workspace: at most SLOTS of them to count.
    const held = new Map<string, number>();
    for (const { workspaceId } of this.sending.values()) held.set(workspaceId, (held.get(workspaceId) ?? 0) + 1);
    // `waiting` walks the endpoints that have a waiting delivery, one index probe each (a loose
    // index scan over webhook_deliveries_pending_idx): a backlog of any size costs no more.
    // Each endpoint's first due delivery is picked without locks, so the backlog's other rows
    // stay free for other replicas; the picked rows are checked again once locked, as another
    // replica may have claimed one meanwhile.
    return this.prisma.sql<Claimed>(Prisma.sql`
      WITH RECURSIVE waiting AS (
        (SELECT endpoint_id FROM webhook_deliveries WHERE status = 'pending' ORDER BY endpoint_id LIMIT 1)
        UNION ALL
        SELECT (SELECT n.endpoint_id FROM webhook_deliveries n WHERE n.status = 'pending' AND n.endpoint_id > w.endpoint_id
          ORDER BY n.endpoint_id LIMIT 1)
        FROM waiting w WHERE w.endpoint_id IS NOT NULL
      ),
      firsts AS (
        SELECT first.id, row_number() OVER (PARTITION BY e.workspace_id ORDER BY first.next_attempt_at, first.id) AS rank,
          ${WORKSPACE_SLOTS} - coalesce(held.used, 0) AS room
        FROM waiting w
        JOIN webhook_endpoints e ON e.id = w.endpoint_id
        CROSS JOIN LATERAL (
          SELECT id, next_attempt_at FROM webhook_deliveries
          WHERE endpoint_id = w.endpoint_id AND status = 'pending' AND next_attempt_at <= now()
          ORDER BY created_at, id LIMIT 1
        ) first
        LEFT JOIN unnest(${[...held.keys()]}::uuid[], ${[...held.values()]}::int[]) AS held (workspace_id, used) ON held.workspace_id = e.workspace_id
        WHERE w.endpoint_id <> ALL(${busy}::uuid[])
      )
      UPDATE webhook_deliveries d
      SET attempts = d.attempts + 1, last_attempt_at = now(),
        next_attempt_at = now() + make_interval(secs => ${this.leaseMs / 1000}::float8)
      FROM webhook_endpoints e
      WHERE e.id = d.endpoint_id AND d.id IN (
        SELECT id FROM webhook_deliveries
        WHERE id IN (SELECT id FROM firsts WHERE rank <= room)
          AND status = 'pending' AND next_attempt_at <= now()
        ORDER BY next_attempt_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING d.id, d.endpoint_id AS "endpointId", e.workspace_id AS "workspaceId", d.event_type AS "eventType", d.payload, d.attempts, d.created_at AS "createdAt",
        e.url, e.secret,
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
