import { Injectable } from '@nestjs/common';
import type { ApiToken, CreatedToken } from '@corroborate/contracts';
import { AuditService } from '../audit/audit.service';
import { TOKEN_PREFIX } from '../auth/credentials.service';
import { hashSecret, newSecret } from '../auth/secrets';
import { PrismaService } from '../infra/database/prisma.service';
import { notFound } from '../infra/errors/app-error';
import { DomainEvents } from '../infra/events/domain-events';

/** Personal API tokens: shown once, stored hashed, revocable. */
@Injectable()
export class TokensService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async create(userId: string, name: string): Promise<CreatedToken> {
    const token = newSecret(TOKEN_PREFIX);
    const row = await this.prisma.$transaction(async (tx) => {
      const created = await tx.apiToken.create({ data: { userId, name, tokenHash: hashSecret(token) } });
      await this.audit.record(tx, {
        actorId: userId,
        action: 'token.created',
        entityType: 'api_token',
        entityId: created.id,
        after: { name },
      });
      return created;
    });
    return { id: row.id, name: row.name, token };
  }

  async list(userId: string): Promise<ApiToken[]> {
    const rows = await this.prisma.apiToken.findMany({
      where: { userId, revokedAt: null },
      orderBy: { createdAt: 'desc' },
    });
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: r.createdAt.toISOString(),
      lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    }));
  }

  async revoke(userId: string, tokenId: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.apiToken.updateMany({
        where: { id: tokenId, userId, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      if (count === 0) throw notFound('Token');
      await this.audit.record(tx, {
        actorId: userId,
        action: 'token.revoked',
        entityType: 'api_token',
        entityId: tokenId,
      });
    });
    this.events.emit('credentials.revoked', { tokenIds: [tokenId] });
  }
}
