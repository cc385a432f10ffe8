import { Injectable } from '@nestjs/common';
import { TokenScope, type ApiToken, type CreateTokenBody, type CreatedToken } from '@corroborate/contracts';
import type { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { TOKEN_PREFIX } from '../auth/credentials.service';
import { hashSecret, newSecret } from '../auth/secrets';
import { PrismaService } from '../infra/database/prisma.service';
import { invalid, notFound } from '../infra/errors/app-error';
import { DomainEvents } from '../infra/events/domain-events';
import { AccessService } from '../workspaces/access.service';

const DAY_MS = 86_400_000;
/** Live tokens per user: each is a credential to audit and revoke, and every request may check one. */
export const MAX_LIVE_TOKENS = 50;

/** Personal API tokens: shown once, stored hashed, revocable. */
@Injectable()
export class TokensService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly access: AccessService,
  ) {}

  async create(userId: string, body: z.output<typeof CreateTokenBody>): Promise<CreatedToken> {
    const { name, scopes, workspaceId, expiresInDays } = body;
    // A token bound to a workspace the user is not in would be a token for nothing (404 as elsewhere).
    if (workspaceId) await this.access.require(userId, workspaceId);
    const token = newSecret(TOKEN_PREFIX);
    const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * DAY_MS) : null;
    const row = await this.prisma.$transaction(async (tx) => {
      // One user's creates count one at a time, so parallel ones cannot pass the cap together.
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`api_tokens:${userId}`}, 0))`;
      const live = await tx.apiToken.count({ where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } });
      if (live >= MAX_LIVE_TOKENS) throw invalid('name', `you have ${live} live tokens, the most a user may hold; revoke one first`);
      const created = await tx.apiToken.create({ data: { userId, name, tokenHash: hashSecret(token), scopes, workspaceId, expiresAt } });
      await this.audit.record(tx, {
        actorId: userId,
        action: 'token.created',
        entityType: 'api_token',
        entityId: created.id,
        after: { name, scopes, workspaceId, expiresAt: expiresAt?.toISOString() ?? null },
      });
      return created;
    });
    return { id: row.id, name: row.name, token };
  }

  /** The user's live tokens; with `boundTo`, only those bound to that workspace. */
  async list(userId: string, boundTo?: string | null): Promise<ApiToken[]> {
    const rows = await this.prisma.apiToken.findMany({
      where: { userId, revokedAt: null, ...(boundTo ? { workspaceId: boundTo } : {}) },
      orderBy: { createdAt: 'desc' },
      include: { workspace: { select: { id: true, name: true } } },
    });
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      scopes: TokenScope.options.filter((s) => r.scopes.includes(s)),
      workspace: r.workspace,
      expiresAt: r.expiresAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    }));
  }

  /** Revokes one of the user's tokens; with `boundTo`, only one bound to that workspace (others are not found). */
  async revoke(userId: string, tokenId: string, boundTo?: string | null): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.apiToken.updateMany({
        where: { id: tokenId, userId, revokedAt: null, ...(boundTo ? { workspaceId: boundTo } : {}) },
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
