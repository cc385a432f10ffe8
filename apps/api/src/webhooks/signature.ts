import { createHmac } from 'node:crypto';

/** `v1=` and the hex HMAC-SHA256 of `${timestamp}.${body}` under the endpoint's secret (as Stripe signs). */
export function signDelivery(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
