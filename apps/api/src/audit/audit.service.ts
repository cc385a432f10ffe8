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

  async page(workspaceId: string, limit: number, before?: bigint, filters: AuditFilters = {}): Promise<AuditPage> {
    const { actorId, kind, articleId } = filters;
    // An article's changes: the article's own entries, and those whose snapshot names it.
    const ofArticle: Prisma.AuditEntryWhereInput[] | undefined = articleId
      ? [
          { entityType: 'article', entityId: articleId },
          { after: { path: ['articleId'], equals: articleId } },
          { before: { path: ['articleId'], equals: articleId } },
        ]
      : undefined;
    const rows = await this.prisma.auditEntry.findMany({
      where: {
        workspaceId,
        ...(before ? { id: { lt: before } } : {}),
        ...(actorId ? { actorId } : {}),
        ...(kind ? { entityType: kind } : {}),
        ...(ofArticle ? { OR: ofArticle } : {}),
      },
      orderBy: { id: 'desc' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    const articleOf = (r: (typeof page)[number]) =>
      r.entityType === 'article' ? r.entityId : (snapshotArticle(r.after) ?? snapshotArticle(r.before));
    const userIds = new Set<string>();
    for (const r of page) {
      if (r.actorId) userIds.add(r.actorId);
      if (r.entityType === 'membership') userIds.add(r.entityId);
    }
    const articleIds = [...new Set(page.map(articleOf).filter((id): id is string => !!id))];
    const [users, articles] = await Promise.all([
      this.prisma.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, displayName: true } }),
      // Titles only of articles still in this workspace.
      this.prisma.article.findMany({ where: { id: { in: articleIds }, workspaceId }, select: { id: true, title: true } }),
    ]);
    const names = new Map(users.map((a) => [a.id, a.displayName]));
    const titles = new Map(articles.map((a) => [a.id, a.title]));
    return {
      entries: page.map((r) => {
        const article = articleOf(r);
        return {
          id: r.id.toString(),
          at: r.at.toISOString(),
          actorId: r.actorId,
          actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
          action: r.action,
          entityType: r.entityType,
          entityId: r.entityId,
          before: r.before,
          after: r.after,
          article: article && titles.has(article) ? { id: article, title: titles.get(article)! } : null,
          subjectName: r.entityType === 'membership' ? (names.get(r.entityId) ?? null) : null,
        };
      }),
      nextBefore: rows.length > limit ? page[page.length - 1]!.id.toString() : null,
    };
  }
}

export interface AuditFilters {
  actorId?: string;
  kind?: string;
  articleId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The article a snapshot (an annotation, claim or evidence) belongs to. */
function snapshotArticle(snapshot: unknown): string | null {
  if (!snapshot || typeof snapshot !== 'object') return null;
  const id = (snapshot as { articleId?: unknown }).articleId;
  return typeof id === 'string' && UUID.test(id) ? id : null;
}
