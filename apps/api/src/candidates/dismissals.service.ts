import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CandidateDismissal, DismissCandidateBody, Person } from '@corroborate/contracts';
import { RevisionTexts } from '../annotations/revision-texts';
import { ArticleEventsService } from '../article-events/article-events.service';
import { AuditService } from '../audit/audit.service';
import { Prisma } from '../generated/prisma/client';
import { PrismaService, type Tx } from '../infra/database/prisma.service';
import { invalid, notFound } from '../infra/errors/app-error';
import { AccessService } from '../workspaces/access.service';
import { sentenceHash } from './candidates';
import { CandidatesService } from './candidates.service';

const include = {
  dismissedBy: { select: { id: true, displayName: true } },
  article: { select: { title: true } },
} as const satisfies Prisma.ClaimCandidateDismissalInclude;

type Row = Prisma.ClaimCandidateDismissalGetPayload<{ include: typeof include }>;

const toDismissal = (r: Row): CandidateDismissal => ({
  id: r.id,
  workspaceId: r.workspaceId,
  articleId: r.articleId,
  articleTitle: r.article?.title ?? null,
  sentence: r.sentence,
  hash: r.hash,
  dismissedBy: r.dismissedBy,
  dismissedAt: r.dismissedAt.toISOString(),
});

/** Most dismissals one workspace listing returns, newest first. */
const MAX_LISTED = 500;

/**
 * Suggestions the desk has set aside. A dismissal is keyed on the sentence's hash, so the
 * sentence stays hidden in later revisions and in every article of the workspace; undoing it
 * brings the suggestion back everywhere.
 */
@Injectable()
export class DismissalsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
    private readonly texts: RevisionTexts,
    private readonly candidates: CandidatesService,
    private readonly events: ArticleEventsService,
    private readonly audit: AuditService,
  ) {}

  async dismiss(actor: Person, articleId: string, body: DismissCandidateBody): Promise<{ created: boolean; dismissal: CandidateDismissal }> {
    const { workspaceId, revisionId } = await this.access.requireArticle(actor.id, articleId, 'analyse');
    if (!(await this.texts.get(revisionId)).includes(body.sentence)) {
      throw invalid('sentence', "is not in the article's latest text");
    }
    const hash = sentenceHash(body.sentence);
    const existing = await this.prisma.claimCandidateDismissal.findUnique({ where: { workspaceId_hash: { workspaceId, hash } }, include });
    if (existing) return { created: false, dismissal: toDismissal(existing) };

    return this.events.write(articleId, actor.id, async (tx, append) => {
      // ON CONFLICT: two people dismissing the same sentence at once both succeed, once.
      const id = randomUUID();
      await tx.$executeRaw`
        INSERT INTO claim_candidate_dismissals (id, workspace_id, article_id, hash, sentence, dismissed_by_id)
        VALUES (${id}::uuid, ${workspaceId}::uuid, ${articleId}::uuid, ${hash}, ${body.sentence}, ${actor.id}::uuid)
        ON CONFLICT (workspace_id, hash) DO NOTHING`;
      const row = await tx.claimCandidateDismissal.findUniqueOrThrow({ where: { workspaceId_hash: { workspaceId, hash } }, include });
      const view = toDismissal(row);
      const created = row.id === id;
      if (created) {
        await this.audit.record(tx, { workspaceId, actorId: actor.id, action: 'claim-candidate.dismissed', entityType: 'claim-candidate', entityId: id, after: view });
        await append('claim-candidate.dismissed', view);
      }
      return { created, dismissal: view };
    });
  }

  /** Undoes a dismissal: the sentence is suggested again wherever it appears. */
  async restore(actor: Person, dismissalId: string): Promise<void> {
    const row = await this.prisma.claimCandidateDismissal.findUnique({ where: { id: dismissalId }, include });
    if (!row || !(await this.access.roleIn(actor.id, row.workspaceId))) throw notFound('Dismissal');
    await this.access.require(actor.id, row.workspaceId, 'analyse');
    const view = toDismissal(row);
    const remove = async (tx: Tx) => {
      const { count } = await tx.claimCandidateDismissal.deleteMany({ where: { id: dismissalId } });
      if (!count) throw notFound('Dismissal');
      await this.audit.record(tx, { workspaceId: row.workspaceId, actorId: actor.id, action: 'claim-candidate.restored', entityType: 'claim-candidate', entityId: dismissalId, before: view });
    };
    if (row.articleId) {
      await this.events.write(row.articleId, actor.id, async (tx, append) => {
        await remove(tx);
        await append('claim-candidate.restored', view);
      });
    } else {
      // Its article was deleted: there is no log to tell.
      await this.prisma.$transaction((tx) => remove(tx));
    }
  }

  /** Dismissals that hide a sentence of this article's latest text, wherever they were made. */
  async forArticle(userId: string, articleId: string): Promise<CandidateDismissal[]> {
    const { workspaceId, revisionId } = await this.access.requireArticle(userId, articleId);
    const hashes = await this.candidates.hashesOf(revisionId);
    if (!hashes.length) return [];
    const rows = await this.prisma.claimCandidateDismissal.findMany({
      where: { workspaceId, hash: { in: hashes } },
      include,
      orderBy: { dismissedAt: 'desc' },
    });
    return rows.map(toDismissal);
  }

  async forWorkspace(userId: string, workspaceId: string): Promise<CandidateDismissal[]> {
    await this.access.require(userId, workspaceId);
    const rows = await this.prisma.claimCandidateDismissal.findMany({ where: { workspaceId }, include, orderBy: { dismissedAt: 'desc' }, take: MAX_LISTED });
    return rows.map(toDismissal);
  }
}
