import { Injectable } from '@nestjs/common';
import { can, type WorkspaceRole } from '@corroborate/contracts';
import { PrismaService } from '../infra/database/prisma.service';
import { forbidden, notFound } from '../infra/errors/app-error';

export type Permission = keyof typeof can;

/**
 * The membership check behind every workspace-scoped read and write. It reads the role
 * afresh on each call, so a role change or removal applies to the very next request.
 */
@Injectable()
export class AccessService {
  constructor(private readonly prisma: PrismaService) {}

  async roleIn(userId: string, workspaceId: string): Promise<WorkspaceRole | null> {
    const membership = await this.prisma.membership.findUnique({
      where: { workspaceId_userId: { workspaceId, userId } },
      select: { role: true },
    });
    return membership?.role ?? null;
  }

  /** Non-members get 404 so a workspace's existence is not revealed. */
  async require(userId: string, workspaceId: string, permission?: Permission): Promise<WorkspaceRole> {
    const role = await this.roleIn(userId, workspaceId);
    if (!role) throw notFound('Workspace');
    if (permission && !can[permission](role)) {
      throw forbidden(`Your role (${role}) does not allow this`);
    }
    return role;
  }

  /** Resolves an article to its workspace and checks the caller's access to it. */
  async requireArticle(
    userId: string,
    articleId: string,
    permission?: Permission,
  ): Promise<{ workspaceId: string; role: WorkspaceRole }> {
    const article = await this.prisma.article.findUnique({
      where: { id: articleId },
      select: { workspaceId: true },
    });
    const role = article ? await this.roleIn(userId, article.workspaceId) : null;
    if (!article || !role) throw notFound('Article');
    if (permission && !can[permission](role)) {
      throw forbidden(`Your role (${role}) does not allow this`);
    }
    return { workspaceId: article.workspaceId, role };
  }
}
