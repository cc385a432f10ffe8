import { Injectable } from '@nestjs/common';
import type { AuditPage } from '@corroborate/contracts';
import { Prisma } from '../generated/prisma/client';
import { PrismaService, Tx } from '../infra/database/prisma.service';

export interface AuditRecord {
  workspaceId?: string | null;
  actorId?: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

const jsonText = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/**
 * The insert of an audit entry as a CTE, for a change committed in one statement. With `from`
 * (say `FROM counter`) it inserts once per row of that source: not at all when it is empty.
 */
export function auditCte(entry: AuditRecord, from: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`audit AS (
      INSERT INTO audit_entries (workspace_id, actor_id, action, entity_type, entity_id, before, after)
      SELECT ${entry.workspaceId ?? null}::uuid, ${entry.actorId ?? null}::uuid, ${entry.action}, ${entry.entityType},
        ${entry.entityId}, ${jsonText(entry.before)}::jsonb, ${jsonText(entry.after)}::jsonb ${from}
    )`;
}

/** The append-only audit log. `record` must run inside the mutation's transaction. */
@Injectable()
export class AuditService {
  constructor(private readonly prisma: PrismaService) {}

  async record(tx: Tx, entry: AuditRecord): Promise<void> {
    await tx.$executeRaw`WITH ${auditCte(entry)} SELECT 1`;
  }

  async page(workspaceId: string, limit: number, before?: bigint): Promise<AuditPage> {
    const rows = await this.prisma.auditEntry.findMany({
      where: { workspaceId, ...(before ? { id: { lt: before } } : {}) },
      orderBy: { id: 'desc' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    const actorIds = [...new Set(page.map((r) => r.actorId).filter((id): id is string => !!id))];
    const actors = await this.prisma.user.findMany({
      where: { id: { in: actorIds } },
      select: { id: true, displayName: true },
    });
    const names = new Map(actors.map((a) => [a.id, a.displayName]));
    return {
      entries: page.map((r) => ({
        id: r.id.toString(),
        at: r.at.toISOString(),
        actorId: r.actorId,
        actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        before: r.before,
        after: r.after,
      })),
      nextBefore: rows.length > limit ? page[page.length - 1]!.id.toString() : null,
    };
  }
}
