import { z } from 'zod';
import { IsoDate, Uuid } from './common';

/** What a webhook endpoint may subscribe to; `ping` is only sent by "send test event". */
export const WebhookEventType = z.enum([
  'claim.status_changed',
  'claim.resolved',
  'verdict.disputed',
  'report.published',
  'article.imported',
  'article.revised',
  'member.added',
  'member.removed',
]);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  'claim.status_changed': 'Claim status changed',
  'claim.resolved': 'Claim resolved',
  'verdict.disputed': 'Verdicts disputed',
  'report.published': 'Report published',
  'article.imported': 'Article imported',
  'article.revised': 'Article revised',
  'member.added': 'Member added',
  'member.removed': 'Member removed',
};

/** Headers of every delivery; the signature is HMAC-SHA256 over `${timestamp}.${body}`. */
export const WEBHOOK_HEADERS = {
  id: 'corroborate-delivery',
  event: 'corroborate-event',
  timestamp: 'corroborate-timestamp',
  signature: 'corroborate-signature',
} as const;

export const CreateWebhookBody = z.object({
  url: z.string().trim().min(1, 'is required').max(2000),
  description: z.string().trim().max(200).default(''),
  events: z.array(WebhookEventType).min(1, 'choose at least one event').transform((events) => [...new Set(events)]),
});
export type CreateWebhookBody = z.input<typeof CreateWebhookBody>;

export const WebhookEndpoint = z.object({
  id: Uuid,
  url: z.string(),
  description: z.string(),
  events: z.array(WebhookEventType),
  active: z.boolean(),
  createdAt: IsoDate,
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** The secret appears only in the answer to the endpoint's creation. */
export const CreatedWebhook = WebhookEndpoint.extend({ secret: z.string() });
export type CreatedWebhook = z.infer<typeof CreatedWebhook>;

export const WebhookDeliveryStatus = z.enum(['pending', 'succeeded', 'failed']);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

export const WebhookDelivery = z.object({
  id: Uuid,
  eventType: z.string(),
  status: WebhookDeliveryStatus,
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  latencyMs: z.number().int().nullable(),
  lastError: z.string().nullable(),
  /** When the next attempt is due, while the delivery is pending. */
  nextAttemptAt: IsoDate.nullable(),
  lastAttemptAt: IsoDate.nullable(),
  deliveredAt: IsoDate.nullable(),
  createdAt: IsoDate,
  redeliveryOf: Uuid.nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
