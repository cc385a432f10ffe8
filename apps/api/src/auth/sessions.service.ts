import { Inject, Injectable } from '@nestjs/common';
import type { CookieOptions } from 'express';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config.schema';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { SESSION_PREFIX } from './credentials.service';
import { hashSecret, newSecret } from './secrets';
import { DomainEvents } from '../infra/events/domain-events';

/** Creates and revokes browser sessions. */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly events: DomainEvents,
  ) {}

  get cookieOptions(): CookieOptions {
    return {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.secureCookies,
      path: '/',
      maxAge: this.config.SESSION_TTL_DAYS * 86_400_000,
    };
  }

  /** Returns the secret for the cookie; only its hash is stored. */
  async create(tx: Tx, userId: string, meta: { userAgent?: string; ip?: string }): Promise<string> {
    const secret = newSecret(SESSION_PREFIX);
    await tx.session.create({
      data: {
        userId,
        tokenHash: hashSecret(secret),
        userAgent: meta.userAgent?.slice(0, 300),
        ip: meta.ip,
        expiresAt: new Date(Date.now() + this.config.SESSION_TTL_DAYS * 86_400_000),
      },
    });
    return secret;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.prisma.session.updateMany({
      where: { id: sessionId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    this.events.emit('credentials.revoked', { sessionIds: [sessionId] });
  }

  /** Revokes every session of a user except, optionally, the one in use. */
  async revokeAllFor(tx: Tx, userId: string, except?: string): Promise<string[]> {
    const open = await tx.session.findMany({
      where: { userId, revokedAt: null, ...(except ? { id: { not: except } } : {}) },
      select: { id: true },
    });
    const ids = open.map((s) => s.id);
    await tx.session.updateMany({ where: { id: { in: ids } }, data: { revokedAt: new Date() } });
    return ids;
  }
}
