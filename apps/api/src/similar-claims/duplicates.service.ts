import { Injectable } from '@nestjs/common';
import type { ArticleEvent, ArticleEventType, Claim, LinkDuplicateBody, Person, UnlinkDuplicateQuery } from '@corroborate/contracts';
import { ArticleEventsService } from '../article-events/article-events.service';
import { AuditService } from '../audit/audit.service';
import { ClaimAccessService, type ClaimAccess } from '../claims/claim-access.service';
import { claimRow, claimRows } from '../claims/claim-rows';
import { toClaim } from '../claims/claim.view';
import { PrismaService, type Tx } from '../infra/database/prisma.service';
import { AppError, conflict, invalid, notFound } from '../infra/errors/app-error';

type Append = (articleId: string, type: ArticleEventType, data: unknown) => Promise<ArticleEvent>;

/** A claim and the article it is in. */
interface Placed {
  id: string;
  articleId: string;
}

/**
 * "This claim repeats that one." One row per duplicate, read both ways: the duplicate shows
 * its original (and so the original's rating), the original lists its duplicates. Links stay
 * one level deep: linking to a duplicate links to its original instead.
 *
 * A link changes the views of claims that may sit in different articles, so each change
 * locks every article concerned (read first, then checked again inside the transaction)
 * and logs a `claim.updated` event on each claim's own article.
 */
@Injectable()
export class DuplicatesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly claimAccess: ClaimAccessService,
    private readonly events: ArticleEventsService,
    private readonly audit: AuditService,
  ) {}

  async link(actor: Person, claimId: string, body: LinkDuplicateBody): Promise<Claim> {
    const access = await this.claimAccess.require(actor.id, claimId, 'analyse');
    if (body.originalId === claimId) throw invalid('originalId', 'is this claim itself');
    let original: ClaimAccess;
    try {
      original = await this.claimAccess.require(actor.id, body.originalId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw invalid('originalId', 'is not a claim you can read');
      throw error;
    }
    if (original.workspaceId !== access.workspaceId) throw invalid('originalId', 'is a claim of another workspace');

    const root = (await this.originalOf(this.prisma, original.claim.id)) ?? original.claim;
    const previous = await this.originalOf(this.prisma, claimId);
    const touched = [access.claim, root, ...(previous && previous.id !== root.id ? [previous] : [])];
    return this.change(actor, access, body.version, touched, 'claim.duplicate-linked', async (tx) => {
      const rootNow = (await this.originalOf(tx, original.claim.id)) ?? original.claim;
      if (rootNow.id !== root.id || (await this.originalOf(tx, claimId))?.id !== previous?.id) throw conflict('The claims’ links changed meanwhile; try again');
      if (root.id === claimId) throw conflict('That claim is already a duplicate of this one');
      if (await tx.claimDuplicate.count({ where: { originalId: claimId } })) {
        throw conflict('Other claims are duplicates of this one: unlink them first, or link that claim to this one instead');
      }
      await tx.claimDuplicate.upsert({
        where: { claimId },
        create: { claimId, originalId: root.id, linkedById: actor.id },
        update: { originalId: root.id, linkedById: actor.id, linkedAt: new Date() },
      });
    });
  }

  async unlink(actor: Person, claimId: string, body: UnlinkDuplicateQuery): Promise<Claim> {
    const access = await this.claimAccess.require(actor.id, claimId, 'analyse');
    const original = await this.originalOf(this.prisma, claimId);
    if (!original) throw conflict('This claim is not linked as a duplicate');
    return this.change(actor, access, body.version, [access.claim, original], 'claim.duplicate-unlinked', async (tx) => {
      const { count } = await tx.claimDuplicate.deleteMany({ where: { claimId, originalId: original.id } });
      if (!count) throw conflict('The claim’s link changed meanwhile; try again');
    });
  }

  /** The claim `claimId` is linked to as a duplicate, if any. */
  private async originalOf(db: Pick<Tx, 'claimDuplicate'>, claimId: string): Promise<Placed | null> {
    const link = await db.claimDuplicate.findUnique({ where: { claimId }, select: { original: { select: { id: true, articleId: true } } } });
    return link?.original ?? null;
  }

  /**
   * In one transaction over the articles of every claim in `touched`: checks the claim's
   * version, applies the change, then bumps each touched claim's version and logs its new
   * view, with one audit entry for the claim.
   */
  private async change(actor: Person, access: ClaimAccess, version: number, touched: Placed[], action: string, apply: (tx: Tx) => Promise<void>): Promise<Claim> {
    const claimId = access.claim.id;
    return this.events.writeAcross(
      touched.map((c) => c.articleId),
      actor.id,
      async (tx, append) => {
        const current = await claimRow(tx, claimId);
        if (!current || current.deletedAt) throw notFound('Claim');
        const before = toClaim(current, access.revisionId);
        if (current.version !== version) throw conflict('The claim changed since you read it', before);
        await apply(tx);
        const ids = [...new Set(touched.map((c) => c.id))];
        await tx.claim.updateMany({ where: { id: { in: ids } }, data: { version: { increment: 1 } } });
        const views = await this.announce(tx, append, ids);
        const after = views.get(claimId)!;
        await this.audit.record(tx, { workspaceId: access.workspaceId, actorId: actor.id, action, entityType: 'claim', entityId: claimId, before, after });
        return after;
      },
    );
  }

  /** Logs each claim's current view on its own article. */
  private async announce(tx: Tx, append: Append, ids: string[]): Promise<Map<string, Claim>> {
    const views = new Map<string, Claim>();
    const rows = await claimRows(tx, { ids });
    for (const row of rows) {
      const latest = await tx.articleRevision.findFirstOrThrow({ where: { articleId: row.articleId }, orderBy: { number: 'desc' }, select: { id: true } });
      const view = toClaim(row, latest.id);
      views.set(row.id, view);
      await append(row.articleId, 'claim.updated', view);
    }
    return views;
  }
}
