import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infra/database/prisma.service';
import type { AuthContext } from './auth.context';
import { CredentialCache } from './credential-cache';
import { hashSecret } from './secrets';

interface SessionRow {
  sessionId: string;
  lastSeenAt: Date;
  expiresAt: Date;
  userId: string;
  email: string;
  displayName: string;
}

export const TOKEN_PREFIX = 'cbt';
export const SESSION_PREFIX = 'cbs';

/** Resolves a session cookie or an API token to the user behind it. */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly cache: CredentialCache,
  ) {}

  /** Runs on every request: answered from the cache, else one indexed query joining the session to its user. */
  async fromSession(secret: string): Promise<AuthContext | null> {
    const hash = hashSecret(secret);
    const cached = this.cache.get(hash);
    if (cached) return cached;
    const store = this.cache.begin();
    const [row] = await this.prisma.sql<SessionRow>(Prisma.sql`
      SELECT s.id AS "sessionId", s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt",
        u.id AS "userId", u.email, u.display_name AS "displayName"
      FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = ${hash} AND s.revoked_at IS NULL AND s.expires_at > now()`);
    if (!row) return null;
    // Touch at most once a minute to keep reads cheap.
    const now = new Date();
    if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
      await this.prisma.session.update({ where: { id: row.sessionId }, data: { lastSeenAt: now } });
    }
    const auth = { userId: row.userId, email: row.email, displayName: row.displayName, sessionId: row.sessionId };
    store(hash, auth, row.expiresAt);
    return auth;
  }

  async fromToken(secret: string): Promise<AuthContext | null> {
    if (!secret.startsWith(`${TOKEN_PREFIX}_`)) return null;
    const hash = hashSecret(secret);
    const cached = this.cache.get(hash);
    if (cached) return cached;
    const store = this.cache.begin();
    const token = await this.prisma.apiToken.findUnique({ where: { tokenHash: hash }, include: { user: true } });
    if (!token || token.revokedAt) return null;
    const now = new Date();
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
      await this.prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
    }
    const { user } = token;
    const auth = { userId: user.id, email: user.email, displayName: user.displayName, tokenId: token.id };
    store(hash, auth, null);
    return auth;
  }

  /** Bearer token first (scripts), then the session cookie (browsers). */
  async resolve(bearer: string | undefined, cookie: string | undefined): Promise<AuthContext | null> {
    if (bearer) return this.fromToken(bearer);
    if (cookie) return this.fromSession(cookie);
    return null;
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
