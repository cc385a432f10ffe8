import { Injectable } from '@nestjs/common';
import { ACTIVE_STATUSES, ClaimPriority, seesVerdicts, type ClaimantCount, type ClaimHistoryEntry, type ClaimListItem, type ClaimsQuery } from '@corroborate/contracts';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infra/database/prisma.service';
import { workspaceScale } from '../review/scale.service';
import { AccessService } from '../workspaces/access.service';
import { ClaimAccessService } from './claim-access.service';
import { describe } from './claim-history';
import { claimRows, latestRevisions } from './claim-rows';
import { toClaim } from './claim.view';

/** Most claims one workspace listing returns. */
const MAX_LISTED = 1_000;

const urgency = (p: ClaimPriority) => ClaimPriority.options.indexOf(p);

/** Workspace-wide reads of claims: the claims table, "My queue", claimant suggestions, a claim's history. */
@Injectable()
export class ClaimQueriesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
    private readonly claimAccess: ClaimAccessService,
  ) {}

  async list(userId: string, workspaceId: string, query: ClaimsQuery): Promise<ClaimListItem[]> {
    await this.access.require(userId, workspaceId);
    const now = new Date();
    const statuses = query.status === undefined ? undefined : [query.status].flat();
    const where: Prisma.ClaimWhereInput = {
      workspaceId,
      deletedAt: null,
      ...(statuses ? { status: { in: statuses } } : {}),
      ...(query.assignee === 'me'
        ? { assignees: { some: { userId } } }
        : query.assignee === 'none'
          ? { assignees: { none: {} } }
          : query.assignee
            ? { assignees: { some: { userId: query.assignee } } }
            : {}),
      ...(query.tag ? { tags: { has: query.tag } } : {}),
      ...(query.claimant ? { claimant: { contains: query.claimant, mode: 'insensitive' } } : {}),
      ...(query.priority ? { priority: query.priority } : {}),
      ...(query.overdue === 'true' ? { dueAt: { lt: now }, status: { in: statuses?.filter((s) => ACTIVE_STATUSES.includes(s)) ?? [...ACTIVE_STATUSES] } } : {}),
      ...(query.q ? { statement: { contains: query.q, mode: 'insensitive' } } : {}),
      ...(query.articleId ? { articleId: query.articleId } : {}),
    };
    const orderBy: Prisma.ClaimOrderByWithRelationInput[] =
      query.sort === 'due'
        ? [{ dueAt: { sort: 'asc', nulls: 'last' } }]
        : query.sort === 'priority'
          ? [{ priority: 'desc' }]
          : query.sort === 'created'
            ? [{ createdAt: 'desc' }]
            : query.sort === 'status'
              ? [{ status: 'asc' }]
              : [{ updatedAt: 'desc' }];
    // The filter and order through Prisma, then every listed claim in one statement (see claimRows).
    const ids = await this.prisma.claim.findMany({ where, select: { id: true }, orderBy: [...orderBy, { createdAt: 'asc' }], take: MAX_LISTED });
    const rows = await claimRows(this.prisma, { ids: ids.map((r) => r.id) });
    const latest = await latestRevisions(this.prisma, rows.map((r) => r.articleId));
    return rows.map((r) => ({ ...toClaim(r, latest.get(r.articleId) ?? ''), articleTitle: r.article.title }));
  }

  /** The caller's claims that are still being worked on: overdue first, then by priority, then by due date. */
  async queue(userId: string, workspaceId: string): Promise<ClaimListItem[]> {
    const claims = await this.list(userId, workspaceId, { assignee: 'me', status: [...ACTIVE_STATUSES] });
    const now = Date.now();
    const overdue = (c: ClaimListItem) => (c.dueAt && Date.parse(c.dueAt) < now ? 0 : 1);
    const due = (c: ClaimListItem) => (c.dueAt ? Date.parse(c.dueAt) : Number.POSITIVE_INFINITY);
    return claims.sort((a, b) => overdue(a) - overdue(b) || urgency(b.priority) - urgency(a.priority) || due(a) - due(b));
  }

  /** Claimants already named in the workspace, most used first, for suggestions. */
  async claimants(userId: string, workspaceId: string, q = ''): Promise<ClaimantCount[]> {
    await this.access.require(userId, workspaceId);
    const rows = await this.prisma.claim.groupBy({
      by: ['claimant'],
      where: { workspaceId, deletedAt: null, claimant: q ? { contains: q, mode: 'insensitive' } : { not: null } },
      _count: { _all: true },
      orderBy: { _count: { claimant: 'desc' } },
      take: 20,
    });
    return rows.flatMap((r) => (r.claimant ? [{ claimant: r.claimant, claims: r._count._all }] : []));
  }

  /** Every change to the claim, its evidence and comments, oldest first, in words. */
  async history(userId: string, claimId: string): Promise<ClaimHistoryEntry[]> {
    const { role, workspaceId } = await this.claimAccess.require(userId, claimId);
    const [evidence, comments] = await Promise.all([
      this.prisma.evidence.findMany({ where: { claimId }, select: { id: true } }),
      this.prisma.claimComment.findMany({ where: { claimId }, select: { id: true } }),
    ]);
    const rows = await this.prisma.auditEntry.findMany({
      where: {
        OR: [
          { entityType: 'claim', entityId: claimId },
          { entityType: 'evidence', entityId: { in: evidence.map((e) => e.id) } },
          { entityType: 'claim-comment', entityId: { in: comments.map((c) => c.id) } },
        ],
      },
      orderBy: { id: 'asc' },
      take: 2_000,
    });
    // Whether the caller sees ratings, read after the entries (as reviewRecord reads it): entries
    // are only ever added, so a round reopened and reviewed meanwhile is told as blind.
    const claim = await this.prisma.claim.findUniqueOrThrow({ where: { id: claimId }, select: { reviewRound: true, status: true } });
    const submitted = await this.prisma.verdict.count({ where: { claimId, round: claim.reviewRound, reviewerId: userId } });
    const labels = new Map((await workspaceScale(this.prisma, workspaceId)).map((r) => [r.key, r.label]));
    const telling = { seesVerdicts: seesVerdicts({ role, hasSubmitted: submitted > 0, status: claim.status }), label: (key: string) => labels.get(key) ?? key };
    const actorIds = [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))];
    const actors = new Map(
      (await this.prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } })).map((u) => [u.id, u]),
    );
    return rows.map((r) => {
      const actor = r.actorId ? (actors.get(r.actorId) ?? null) : null;
      return {
        id: r.id.toString(),
        at: r.at.toISOString(),
        actor,
        action: r.action,
        text: describe(actor?.displayName ?? null, r, telling),
      };
    });
  }
}
