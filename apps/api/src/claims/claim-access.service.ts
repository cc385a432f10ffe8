import { Injectable } from '@nestjs/common';
import { can } from '@corroborate/contracts';
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
    const row = await this.prisma.claim.findUnique({
      where: { id: claimId },
      select: { id: true, articleId: true, workspaceId: true, statement: true, createdById: true, deletedAt: true, assignees: { select: { userId: true } } },
    });
    if (!row || row.deletedAt) throw notFound(what);
    let access: ArticleAccess;
    try {
      access = await this.access.requireArticle(userId, row.articleId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound(what);
      throw error;
    }
    if (permission && !can[permission](access.role)) throw forbidden(`Your role (${access.role}) does not allow this`);
    const assigneeIds = row.assignees.map((a) => a.userId);
    const claim = { id: row.id, articleId: row.articleId, workspaceId: row.workspaceId, statement: row.statement, createdById: row.createdById, assigneeIds };
    return { ...access, claim, isAssignee: assigneeIds.includes(userId) };
  }
}
