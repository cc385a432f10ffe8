import { Injectable } from '@nestjs/common';
import { DEFAULT_RATING_SCALE, type Rating, type ReviewSettings, type UpdateReviewSettingsBody } from '@corroborate/contracts';
import { ArticleEventsService, type Append, type AppendTo } from '../article-events/article-events.service';
import { AuditService } from '../audit/audit.service';
import { claimRows, latestRevisions } from '../claims/claim-rows';
import { toClaim } from '../claims/claim.view';
import { Prisma } from '../generated/prisma/client';
import { Batcher, grouped } from '../infra/database/batcher';
import { PrismaService, type Tx } from '../infra/database/prisma.service';
import { AppError, invalid } from '../infra/errors/app-error';
import { NotificationsService, type Addressed } from '../notifications/notifications.service';
import { AccessService } from '../workspaces/access.service';
import { settleRound, tellRound, type RoundRule } from './round-settlement';

type Db = PrismaService | Tx;

const toRating = (r: Rating): Rating => ({
  key: r.key,
  label: r.label,
  colour: r.colour,
  description: r.description,
  ratingValue: r.ratingValue,
  bestRating: r.bestRating,
  worstRating: r.worstRating,
  alternateName: r.alternateName,
});

const RATING_COLUMNS = Prisma.sql`key, label, colour, description, rating_value AS "ratingValue", best_rating AS "bestRating",
  worst_rating AS "worstRating", alternate_name AS "alternateName"`;

/**
 * Scales by workspace id (as PostgreSQL prints it), one Batcher per client: the scale is read
 * on most review and reader requests, so those asked for together (a desk opening an article
 * at once) are one statement on the pool. Kept beside a function rather than in ScaleService:
 * annotations and claims read the scale too, and their modules sit below the review module.
 */
const pooledScales = new WeakMap<PrismaService, Batcher<string, Rating[]>>();
function scalesOn(prisma: PrismaService): Batcher<string, Rating[]> {
  let scales = pooledScales.get(prisma);
  if (!scales) {
    scales = new Batcher(async (workspaceIds) =>
      grouped(
        workspaceIds,
        await prisma.sql<Rating & { batchKey: string }>(Prisma.sql`
          SELECT workspace_id::text AS "batchKey", ${RATING_COLUMNS} FROM ratings
          WHERE workspace_id = ANY(${workspaceIds}::uuid[]) ORDER BY position`),
      ),
    );
    pooledScales.set(prisma, scales);
  }
  return scales;
}

/** The scale in order; a workspace that never changed it has the default one. */
const orDefault = (rows: Rating[]): Rating[] => (rows.length ? rows : DEFAULT_RATING_SCALE).map(toRating);

/**
 * A workspace's scale, read on the pool. Reading never writes it, so a refused request leaves
 * no rows behind.
 */
export async function workspaceScale(prisma: PrismaService, workspaceId: string): Promise<Rating[]> {
  return orDefault((await scalesOn(prisma).get(workspaceId.toLowerCase())) ?? []);
}

/**
 * Holds the workspace's scale still until the transaction ends and reads it: `shared` for a write
 * that records a rating, `exclusive` to replace the scale. Otherwise a replacement committed
 * between a rating's check and its write could drop the rating, and it would still be recorded.
 */
export async function holdScale(tx: Tx, workspaceId: string, mode: 'shared' | 'exclusive'): Promise<Rating[]> {
  const key = `rating_scale:${workspaceId}`;
  await tx.$queryRaw(
    mode === 'shared' ? Prisma.sql`SELECT pg_advisory_xact_lock_shared(hashtextextended(${key}, 0))` : Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`,
  );
  return orDefault(await tx.$queryRaw<Rating[]>(Prisma.sql`SELECT ${RATING_COLUMNS} FROM ratings WHERE workspace_id = ${workspaceId}::uuid ORDER BY position`));
}

/** A 400 unless `rating` is on `scale`. */
export function requireOnScale(scale: Rating[], rating: string): void {
  if (!scale.some((r) => r.key === rating)) throw invalid('rating', `is not on the workspace's scale (${scale.map((r) => r.key).join(', ')})`);
}

/** A workspace's review configuration: its rating scale and how many verdicts a claim needs. */
@Injectable()
export class ScaleService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly events: ArticleEventsService,
    private readonly notifications: NotificationsService,
  ) {}

  scale(workspaceId: string): Promise<Rating[]> {
    return workspaceScale(this.prisma, workspaceId);
  }

  async readScale(userId: string, workspaceId: string): Promise<Rating[]> {
    await this.access.require(userId, workspaceId);
    return this.scale(workspaceId);
  }

  /** Replaces the scale (add, rename, recolour, reorder, describe); a rating in use cannot be left out. */
  async replaceScale(userId: string, workspaceId: string, ratings: Rating[]): Promise<Rating[]> {
    await this.access.require(userId, workspaceId, 'manageReview');
    return this.prisma.$transaction(async (tx) => {
      // Waits for verdicts and adjudications under way, so that the ratings in use below include theirs.
      const before = await holdScale(tx, workspaceId, 'exclusive');
      const kept = new Set(ratings.map((r) => r.key));
      const dropped = before.filter((r) => !kept.has(r.key)).map((r) => r.key);
      if (dropped.length) {
        const uses = await tx.verdict.groupBy({ by: ['rating'], where: { rating: { in: dropped }, claim: { workspaceId } }, _count: { _all: true } });
        const finals = await tx.claim.count({ where: { workspaceId, OR: [{ rating: { in: dropped } }, { pendingRating: { in: dropped } }] } });
        if (uses.length || finals) {
          const verdicts = uses.reduce((n, u) => n + u._count._all, 0);
          const keys = [...new Set([...uses.map((u) => u.rating)])].join(', ') || dropped.join(', ');
          throw new AppError('CONFLICT', `The rating ${keys} is in use by ${verdicts} verdict${verdicts === 1 ? '' : 's'}${finals ? ` and ${finals} claim${finals === 1 ? '' : 's'}` : ''}; it cannot be deleted`, [
            { path: 'ratings', message: `keep ${keys}: used by ${verdicts} verdicts` },
          ]);
        }
      }
      await tx.rating.deleteMany({ where: { workspaceId } });
      await tx.rating.createMany({ data: ratings.map((r, position) => ({ workspaceId, ...r, position })) });
      await this.audit.record(tx, { workspaceId, actorId: userId, action: 'rating-scale.updated', entityType: 'workspace', entityId: workspaceId, before, after: ratings });
      return ratings.map(toRating);
    });
  }

  async settings(workspaceId: string, db: Db = this.prisma): Promise<ReviewSettings> {
    const w = await db.workspace.findUniqueOrThrow({
      where: { id: workspaceId },
      select: { requiredVerdicts: true, requireConfirmation: true, organisationName: true, organisationUrl: true },
    });
    return w;
  }

  async readSettings(userId: string, workspaceId: string): Promise<ReviewSettings> {
    await this.access.require(userId, workspaceId);
    return this.settings(workspaceId);
  }

  /**
   * Changes the settings. Fewer verdicts needed decide, at once, the rounds of claims in review
   * that now have enough (a verdict beyond the new number would be refused, so nothing else
   * would ever decide them): in the same transaction, with every article of the workspace
   * locked as its claims' writers lock it.
   */
  async updateSettings(userId: string, workspaceId: string, body: UpdateReviewSettingsBody): Promise<ReviewSettings> {
    await this.access.require(userId, workspaceId, 'manageReview');
    const change = async (tx: Tx, append?: AppendTo) => {
      const before = await this.settings(workspaceId, tx);
      await tx.workspace.update({ where: { id: workspaceId }, data: { ...body, version: { increment: 1 } } });
      const after = await this.settings(workspaceId, tx);
      await this.audit.record(tx, { workspaceId, actorId: userId, action: 'review-settings.updated', entityType: 'workspace', entityId: workspaceId, before, after });
      const notes = append && after.requiredVerdicts < before.requiredVerdicts ? await this.settleInReview(tx, append, workspaceId, after) : [];
      return { after, notes };
    };
    const { after, notes } =
      body.requiredVerdicts === undefined ? await this.prisma.$transaction((tx) => change(tx)) : await this.events.writeWorkspace(workspaceId, userId, change);
    this.notifications.announce(notes);
    return after;
  }

  /** Decides each claim in review, not already awaiting confirmation, whose current round has the verdicts `rule` asks for. */
  private async settleInReview(tx: Tx, append: AppendTo, workspaceId: string, rule: RoundRule): Promise<Addressed[]> {
    const due = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
      SELECT c.id FROM claims c
      WHERE c.workspace_id = ${workspaceId}::uuid AND c.status = 'in_review' AND c.pending_rating IS NULL AND c.deleted_at IS NULL
        AND (SELECT count(*) FROM verdicts v WHERE v.claim_id = c.id AND v.round = c.review_round
          AND NOT EXISTS (SELECT 1 FROM verdicts s WHERE s.supersedes_id = v.id)) >= ${rule.requiredVerdicts}
      ORDER BY c.article_id, c.id`);
    if (!due.length) return [];
    const rows = await claimRows(tx, { ids: due.map((c) => c.id) });
    const latest = await latestRevisions(tx, rows.map((r) => r.articleId));
    const notes: Addressed[] = [];
    for (const claim of rows) {
      const revisionId = latest.get(claim.articleId)!;
      const settled = await settleRound(tx, claim, rule);
      if (!settled) continue;
      const toArticle: Append = (type, data, audit) => append(claim.articleId, type, data, audit);
      notes.push(...(await tellRound(tx, toArticle, this.notifications, toClaim(claim, revisionId), toClaim(settled, revisionId))));
    }
    return notes;
  }
}
