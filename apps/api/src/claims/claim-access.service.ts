import { Injectable } from '@nestjs/common';
import { can } from '@corroborate/contracts';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infra/database/prisma.service';
import { AppError, forbidden, notFound } from '../infra/errors/app-error';
import { AccessService, type ArticleAccess, type Permission } from '../workspaces/access.service';

export interface ClaimRef {
  id: string;
  articleId: string;
  workspaceId: string;
  statement: string;
  createdById: string;
  assigneeIds: string[];
}

export interface ClaimAccess extends ArticleAccess {
  claim: ClaimRef;
  /** The caller is one of the claim's assignees. */
  isAssignee: boolean;
}

/**
 * The access check for anything reached through a claim (the claim, its evidence, comments,
 * verdicts). A claim that does not exist and one in a workspace the caller is not a member of
 * answer the same 404.
 */
@Injectable()
export class ClaimAccessService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
  ) {}

  async require(userId: string, claimId: string, permission?: Permission, what = 'Claim'): Promise<ClaimAccess> {
    // One statement (Prisma reads the assignees with a second one): this runs before every claim write.
    const [row] = await this.prisma.sql<ClaimRef>(Prisma.sql`
      SELECT c.id, c.article_id AS "articleId", c.workspace_id AS "workspaceId", c.statement, c.created_by_id AS "createdById",
        ARRAY(SELECT a.user_id::text FROM claim_assignees a WHERE a.claim_id = c.id) AS "assigneeIds"
      FROM claims c WHERE c.id = ${claimId}::uuid AND c.deleted_at IS NULL`);
    if (!row) throw notFound(what);
    let access: ArticleAccess;
    try {
      access = await this.access.requireArticle(userId, row.articleId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound(what);
      throw error;
    }
    if (permission && !can[permission](access.role)) throw forbidden(`Your role (${access.role}) does not allow this`);
    const { assigneeIds } = row;
    return { ...access, claim: row, isAssignee: assigneeIds.includes(userId) };
  }
}
