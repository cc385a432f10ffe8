import { Injectable } from '@nestjs/common';
import { can, WorkspaceRole } from '@corroborate/contracts';
import { LRUCache } from 'lru-cache';
import { Prisma } from '../generated/prisma/client';
import { Batcher, splitKeys } from '../infra/database/batcher';
import { PrismaService, type Tx } from '../infra/database/prisma.service';
import { forbidden, notFound } from '../infra/errors/app-error';

export type Permission = keyof typeof can;

/** Where an article lives and its latest revision. */
export interface ArticleHead {
  workspaceId: string;
  revisionId: string;
}

export interface ArticleAccess extends ArticleHead {
  role: WorkspaceRole;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The roles that hold a permission, for checks made inside SQL. */
export const rolesWith = (permission: Permission) => WorkspaceRole.options.filter((role) => can[permission](role));

function allowed(role: WorkspaceRole | null, permission?: Permission): WorkspaceRole {
  if (!role) throw notFound('Workspace');
  if (permission && !can[permission](role)) {
    throw forbidden(`Your role (${role}) does not allow this`);
  }
  return role;
}

/**
 * The membership check behind every workspace-scoped read and write. It reads the role
 * afresh on each call, so a role change or removal applies to the very next request.
 */
@Injectable()
export class AccessService {
  /** Article heads as last read by `requireArticle`; see `articleHint`. */
  private readonly heads = new LRUCache<string, ArticleHead>({ max: 10_000 });
  /** Roles by user and workspace as last read by `requireArticle`; see `articleHint`. */
  private readonly roles = new LRUCache<string, WorkspaceRole>({ max: 50_000 });

  /**
   * Article heads with a user's role, by `userId/articleId`: the checks that arrive together
   * (the joins of a reconnect storm) share one query.
   */
  private readonly articleRoles = new Batcher<string, ArticleHead & { role: WorkspaceRole | null }>(async (keys) => {
    const [userIds, articleIds] = splitKeys(keys);
    const rows = await this.prisma.sql<ArticleHead & { role: WorkspaceRole | null; key: string }>(Prisma.sql`
      SELECT k.user_id::text || '/' || k.article_id::text AS key, a.workspace_id AS "workspaceId", m.role::text AS role,
        (SELECT r.id FROM article_revisions r WHERE r.article_id = a.id ORDER BY r.number DESC LIMIT 1) AS "revisionId"
      FROM unnest(${userIds}::uuid[], ${articleIds}::uuid[]) AS k(user_id, article_id)
      JOIN articles a ON a.id = k.article_id
      LEFT JOIN memberships m ON m.workspace_id = a.workspace_id AND m.user_id = k.user_id`);
    return new Map(rows.map(({ key, ...row }) => [key, row]));
  });

  /** Roles by `userId/workspaceId`, the check of every workspace route, batched likewise. */
  private readonly workspaceRoles = new Batcher<string, WorkspaceRole>(async (keys) => {
    const [userIds, workspaceIds] = splitKeys(keys);
    const rows = await this.prisma.sql<{ key: string; role: WorkspaceRole }>(Prisma.sql`
      SELECT m.user_id::text || '/' || m.workspace_id::text AS key, m.role::text AS role
      FROM unnest(${userIds}::uuid[], ${workspaceIds}::uuid[]) AS k(user_id, workspace_id)
      JOIN memberships m ON m.workspace_id = k.workspace_id AND m.user_id = k.user_id`);
    return new Map(rows.map(({ key, role }) => [key, role]));
  });

  constructor(private readonly prisma: PrismaService) {}

  async roleIn(userId: string, workspaceId: string): Promise<WorkspaceRole | null> {
    if (!UUID.test(userId) || !UUID.test(workspaceId)) return null;
    return (await this.workspaceRoles.get(`${userId.toLowerCase()}/${workspaceId.toLowerCase()}`)) ?? null;
  }

  /** Non-members get 404 so a workspace's existence is not revealed. */
  async require(userId: string, workspaceId: string, permission?: Permission): Promise<WorkspaceRole> {
    return allowed(await this.roleIn(userId, workspaceId), permission);
  }

  /**
   * Locks the workspace's memberships for the rest of `tx`: member changes, invite changes and
   * invite redemptions in one workspace then run one at a time.
   */
  async lockMembers(tx: Tx, workspaceId: string): Promise<void> {
    await tx.$queryRaw`SELECT 1 FROM memberships WHERE workspace_id = ${workspaceId}::uuid FOR UPDATE`;
  }

  /**
   * `require` again under the member lock: a role change committed while the caller waited for
   * the lock applies to this request, not only to the next one.
   */
  async requireLocked(tx: Tx, userId: string, workspaceId: string, permission?: Permission): Promise<WorkspaceRole> {
    await this.lockMembers(tx, workspaceId);
    const membership = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, select: { role: true } });
    return allowed(membership?.role ?? null, permission);
  }

  /**
   * Resolves an article to its workspace, the caller's role there and its latest revision, in
   * one query (it runs on every article request).
   */
  async requireArticle(userId: string, articleId: string, permission?: Permission): Promise<ArticleAccess> {
    // Keys as PostgreSQL prints uuids; a malformed id finds nothing rather than failing the batch.
    const row = UUID.test(userId) && UUID.test(articleId) ? await this.articleRoles.get(`${userId.toLowerCase()}/${articleId.toLowerCase()}`) : undefined;
    if (!row) this.heads.delete(articleId);
    else {
      this.heads.set(articleId, { workspaceId: row.workspaceId, revisionId: row.revisionId });
      if (row.role) this.roles.set(`${userId}/${row.workspaceId}`, row.role);
      else this.roles.delete(`${userId}/${row.workspaceId}`);
    }
    if (!row || !row.role) throw notFound('Article');
    if (permission && !can[permission](row.role)) {
      throw forbidden(`Your role (${row.role}) does not allow this`);
    }
    return { workspaceId: row.workspaceId, role: row.role, revisionId: row.revisionId };
  }

  /**
   * The article's workspace and latest revision as last read, without a query, when the caller
   * last held `permission` there. It may be stale: only for a write whose own statement
   * re-checks both with `stillAllowed`, and whose errors wait for `requireArticle` (a non-member
   * gets 404, never a hint about the text). Anyone else gets nothing, so checks access before
   * any work on the body.
   */
  articleHint(userId: string, articleId: string, permission: Permission): ArticleHead | undefined {
    const head = this.heads.get(articleId);
    const role = head && this.roles.get(`${userId}/${head.workspaceId}`);
    return role && can[permission](role) ? head : undefined;
  }

  /**
   * An SQL condition on the article's row `a`: the user holds `permission` in its workspace and
   * `revisionId` is still its latest revision, as of the statement that checks it.
   */
  stillAllowed(userId: string, permission: Permission, revisionId: string): Prisma.Sql {
    return Prisma.sql`EXISTS (
        SELECT 1 FROM memberships m
        WHERE m.workspace_id = a.workspace_id AND m.user_id = ${userId}::uuid AND m.role::text = ANY(${rolesWith(permission)}::text[])
      )
      AND ${revisionId}::uuid = (SELECT r.id FROM article_revisions r WHERE r.article_id = a.id ORDER BY r.number DESC LIMIT 1)`;
  }
}
