import { Inject, Injectable } from '@nestjs/common';
import { can, type CreatedWebhook, type CreateWebhookBody, type WebhookDelivery, type WebhookEndpoint, type WebhookEventType } from '@corroborate/contracts';
import type { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { newSecret } from '../auth/secrets';
import type { WebhookDelivery as DeliveryRow, WebhookEndpoint as EndpointRow } from '../generated/prisma/client';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config.schema';
import { PrismaService } from '../infra/database/prisma.service';
import { invalid, notFound } from '../infra/errors/app-error';
import { checkOutboundTarget, OutboundError } from '../infra/outbound/safe-fetch';
import { AccessService } from '../workspaces/access.service';

/** `creatorManages`: the endpoint's creator still manages the workspace's webhooks; else nothing is sent to it (see WebhookWorker). */
const toEndpoint = (row: EndpointRow, creatorManages: boolean): WebhookEndpoint => ({
  id: row.id,
  url: row.url,
  description: row.description,
  events: row.eventTypes as WebhookEventType[],
  active: row.active && creatorManages,
  createdAt: row.createdAt.toISOString(),
});

const iso = (at: Date | null) => at?.toISOString() ?? null;

export const toDelivery = (row: DeliveryRow): WebhookDelivery => ({
  id: row.id,
  eventType: row.eventType,
  status: row.status as WebhookDelivery['status'],
  attempts: row.attempts,
  responseStatus: row.responseStatus,
  latencyMs: row.latencyMs,
  lastError: row.lastError,
  nextAttemptAt: row.status === 'pending' ? iso(row.nextAttemptAt) : null,
  lastAttemptAt: iso(row.lastAttemptAt),
  deliveredAt: iso(row.deliveredAt),
  createdAt: row.createdAt.toISOString(),
  redeliveryOf: row.redeliveryOf,
});

/** Deliveries shown per endpoint, newest first. */
const LOG_SIZE = 100;
/** Endpoints per workspace: every change fans out to each, and they share the senders with every other workspace. */
export const MAX_ENDPOINTS = 20;

/**
 * Webhook endpoints of a workspace (owners only) and their delivery log. The deliveries of
 * changes are written by database triggers in each change's transaction (see the migration
 * `webhooks`); this service adds only test events and redeliveries.
 */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async create(userId: string, workspaceId: string, body: z.output<typeof CreateWebhookBody>): Promise<CreatedWebhook> {
    await this.access.require(userId, workspaceId, 'manageWebhooks');
    let url: URL;
    try {
      url = await checkOutboundTarget(body.url, {
        allowHttp: this.config.WEBHOOK_ALLOW_HTTP,
        allowLoopback: this.config.OUTBOUND_ALLOW_LOOPBACK,
        timeoutMs: this.config.WEBHOOK_TIMEOUT_MS,
      });
    } catch (error) {
      if (error instanceof OutboundError) throw invalid('url', error.message);
      throw error;
    }
    const secret = newSecret('whsec');
    const row = await this.prisma.$transaction(async (tx) => {
      // Creates in one workspace count one at a time, so parallel ones cannot pass the cap together
      // (NO KEY UPDATE: rows that reference the workspace can still be written meanwhile).
      await tx.$queryRaw`SELECT 1 FROM workspaces WHERE id = ${workspaceId}::uuid FOR NO KEY UPDATE`;
      if ((await tx.webhookEndpoint.count({ where: { workspaceId } })) >= MAX_ENDPOINTS) {
        throw invalid('url', `a workspace has at most ${MAX_ENDPOINTS} webhook endpoints; remove one first`);
      }
      const created = await tx.webhookEndpoint.create({
        data: { workspaceId, url: url.toString(), description: body.description, eventTypes: body.events, secret, createdById: userId },
      });
      // The secret stays out of the audit log.
      await this.audit.record(tx, {
        workspaceId,
        actorId: userId,
        action: 'webhook.created',
        entityType: 'webhook_endpoint',
        entityId: created.id,
        after: toEndpoint(created, true),
      });
      return created;
    });
    // Its creator is the caller, who manages the workspace's webhooks (checked above).
    return { ...toEndpoint(row, true), secret };
  }

  async list(userId: string, workspaceId: string): Promise<WebhookEndpoint[]> {
    await this.access.require(userId, workspaceId, 'manageWebhooks');
    const rows = await this.prisma.webhookEndpoint.findMany({ where: { workspaceId }, orderBy: { createdAt: 'asc' } });
    return Promise.all(rows.map(async (row) => toEndpoint(row, await this.creatorManages(row))));
  }

  async remove(userId: string, endpointId: string): Promise<void> {
    const endpoint = await this.endpoint(userId, endpointId);
    const before = toEndpoint(endpoint, await this.creatorManages(endpoint));
    await this.prisma.$transaction(async (tx) => {
      await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
      await this.audit.record(tx, {
        workspaceId: endpoint.workspaceId,
        actorId: userId,
        action: 'webhook.deleted',
        entityType: 'webhook_endpoint',
        entityId: endpoint.id,
        before,
      });
    });
  }

  async deliveries(userId: string, endpointId: string): Promise<WebhookDelivery[]> {
    const endpoint = await this.endpoint(userId, endpointId);
    const rows = await this.prisma.webhookDelivery.findMany({
      where: { endpointId: endpoint.id },
      orderBy: { createdAt: 'desc' },
      take: LOG_SIZE,
    });
    return rows.map(toDelivery);
  }

  /** A `ping` through the outbox, so it is signed, retried and logged like any delivery. */
  async sendTest(userId: string, endpointId: string): Promise<WebhookDelivery> {
    const endpoint = await this.endpoint(userId, endpointId);
    const payload = { type: 'ping', workspaceId: endpoint.workspaceId, occurredAt: new Date().toISOString(), data: { endpointId: endpoint.id } };
    return this.enqueue(userId, endpoint, 'ping', payload, null, 'webhook.tested');
  }

  /** Sends a delivery's payload again as a new delivery (a new id: the receiver may have dropped the first as done). */
  async redeliver(userId: string, deliveryId: string): Promise<WebhookDelivery> {
    const original = await this.prisma.webhookDelivery.findUnique({ where: { id: deliveryId } });
    if (!original) throw notFound('Delivery');
    const endpoint = await this.endpoint(userId, original.endpointId, 'Delivery');
    return this.enqueue(userId, endpoint, original.eventType, original.payload as object, original.id, 'webhook.redelivered');
  }

  private async enqueue(
    userId: string,
    endpoint: EndpointRow,
    eventType: string,
    payload: object,
    redeliveryOf: string | null,
    action: string,
  ): Promise<WebhookDelivery> {
    const row = await this.prisma.$transaction(async (tx) => {
      // Held to commit: a removal of the endpoint meanwhile waits and takes this delivery with it,
      // and one committed first is a 404 rather than a foreign key failure.
      const held = await tx.$queryRaw<unknown[]>`SELECT 1 FROM webhook_endpoints WHERE id = ${endpoint.id}::uuid FOR KEY SHARE`;
      if (held.length === 0) throw notFound(redeliveryOf ? 'Delivery' : 'Webhook');
      const created = await tx.webhookDelivery.create({
        data: { endpointId: endpoint.id, workspaceId: endpoint.workspaceId, eventType, payload, redeliveryOf },
      });
      await this.audit.record(tx, {
        workspaceId: endpoint.workspaceId,
        actorId: userId,
        action,
        entityType: 'webhook_delivery',
        entityId: created.id,
        after: { endpointId: endpoint.id, eventType, redeliveryOf },
      });
      return created;
    });
    return toDelivery(row);
  }

  /** Whether the endpoint's creator still manages its workspace's webhooks (role lookups are batched across endpoints). */
  private async creatorManages(endpoint: EndpointRow): Promise<boolean> {
    const role = endpoint.createdById ? await this.access.roleIn(endpoint.createdById, endpoint.workspaceId) : null;
    return role !== null && can.manageWebhooks(role);
  }

  /** The endpoint, once the caller is known to manage its workspace's webhooks (else 404 or 403). */
  private async endpoint(userId: string, endpointId: string, what = 'Webhook'): Promise<EndpointRow> {
    const endpoint = await this.prisma.webhookEndpoint.findUnique({ where: { id: endpointId } });
    if (!endpoint || !(await this.access.roleIn(userId, endpoint.workspaceId))) throw notFound(what);
    await this.access.require(userId, endpoint.workspaceId, 'manageWebhooks');
    return endpoint;
  }
}
