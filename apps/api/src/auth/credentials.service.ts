import { Injectable } from '@nestjs/common';
import { PrismaService } from '../infra/database/prisma.service';
import type { AuthContext } from './auth.context';
import { hashSecret } from './secrets';

export const TOKEN_PREFIX = 'cbt';
export const SESSION_PREFIX = 'cbs';

/** Resolves a session cookie or an API token to the user behind it. */
@Injectable()
export class CredentialsService {
  constructor(private readonly prisma: PrismaService) {}

  async fromSession(secret: string): Promise<AuthContext | null> {
    const session = await this.prisma.session.findUnique({
      where: { tokenHash: hashSecret(secret) },
      include: { user: true },
    });
    const now = new Date();
    if (!session || session.revokedAt || session.expiresAt <= now) return null;
    // Touch at most once a minute to keep reads cheap.
    if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
      await this.prisma.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
    }
    const { user } = session;
    return { userId: user.id, email: user.email, displayName: user.displayName, sessionId: session.id };
  }

  async fromToken(secret: string): Promise<AuthContext | null> {
    if (!secret.startsWith(`${TOKEN_PREFIX}_`)) return null;
    const token = await this.prisma.apiToken.findUnique({
      where: { tokenHash: hashSecret(secret) },
      include: { user: true },
    });
    if (!token || token.revokedAt) return null;
    const now = new Date();
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
      await this.prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
    }
    const { user } = token;
    return { userId: user.id, email: user.email, displayName: user.displayName, tokenId: token.id };
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
