import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a cookie, API token or invite link, with a readable prefix. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** Secrets are stored only as their sha256, so a leaked table reveals no usable secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
