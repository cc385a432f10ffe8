import { Injectable } from '@nestjs/common';
import { PrismaService } from '../infra/database/prisma.service';

type Lookup = (prisma: PrismaService, id: string) => Promise<string | undefined>;

/**
 * The workspace a route parameter points into, for API tokens bound to one workspace: the
 * guard compares it with the token's before the route runs. Every id parameter that leads
 * into a workspace is listed; the access matrix test fails for a route one of them misses.
 */
const WORKSPACE_OF: Record<string, Lookup> = {
  workspaceId: async (_prisma, id) => id,
  articleId: async (prisma, id) => (await prisma.article.findUnique({ where: { id }, select: { workspaceId: true } }))?.workspaceId,
  claimId: async (prisma, id) => (await prisma.claim.findUnique({ where: { id }, select: { workspaceId: true } }))?.workspaceId,
  annotationId: async (prisma, id) =>
    (await prisma.annotation.findUnique({ where: { id }, select: { article: { select: { workspaceId: true } } } }))?.article.workspaceId,
  commentId: async (prisma, id) =>
    (await prisma.claimComment.findUnique({ where: { id }, select: { claim: { select: { workspaceId: true } } } }))?.claim.workspaceId,
  evidenceId: async (prisma, id) =>
    (await prisma.evidence.findUnique({ where: { id }, select: { claim: { select: { workspaceId: true } } } }))?.claim.workspaceId,
  snapshotId: async (prisma, id) =>
    (await prisma.reportSnapshot.findUnique({ where: { id }, select: { article: { select: { workspaceId: true } } } }))?.article.workspaceId,
  shareId: async (prisma, id) =>
    (await prisma.reportShare.findUnique({ where: { id }, select: { snapshot: { select: { article: { select: { workspaceId: true } } } } } }))
      ?.snapshot.article.workspaceId,
  dismissalId: async (prisma, id) =>
    (await prisma.claimCandidateDismissal.findUnique({ where: { id }, select: { workspaceId: true } }))?.workspaceId,
  endpointId: async (prisma, id) => (await prisma.webhookEndpoint.findUnique({ where: { id }, select: { workspaceId: true } }))?.workspaceId,
  deliveryId: async (prisma, id) => (await prisma.webhookDelivery.findUnique({ where: { id }, select: { workspaceId: true } }))?.workspaceId,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class TokenBoundaryService {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The first parameter that points outside `workspaceId`, or null when none does. An id that
   * does not exist (or is malformed) passes: the route answers it as it would for anyone.
   */
  async outside(workspaceId: string, params: Record<string, unknown>): Promise<string | null> {
    for (const [name, value] of Object.entries(params)) {
      // Own keys only: a socket payload names its own fields (`hasOwnProperty` is no id).
      const lookup = Object.hasOwn(WORKSPACE_OF, name) ? WORKSPACE_OF[name] : undefined;
      if (!lookup || typeof value !== 'string' || !UUID.test(value)) continue;
      const target = await lookup(this.prisma, value.toLowerCase());
      if (target !== undefined && target !== workspaceId) return name;
    }
    return null;
  }
}
