import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  Article,
  ArticleSource,
  ArticleSummary,
  CreateArticleBody,
  CreatedRevision,
  Paragraph,
  Revision,
} from '@corroborate/contracts';
import { ReanchorService } from '../annotations/reanchor.service';
import { ArticleEventsService } from '../article-events/article-events.service';
import { AuditService } from '../audit/audit.service';
import type { ArticleRevision, Article as ArticleRow } from '../generated/prisma/client';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { idTaken, invalid } from '../infra/errors/app-error';
import { AccessService } from '../workspaces/access.service';
import { type CanonicalText, revisionColumns, toCanonicalText } from './import/canonical-text';

const toRevision = (r: ArticleRevision): Revision => ({
  id: r.id,
  number: r.number,
  text: r.text,
  sha256: r.sha256,
  paragraphs: r.paragraphs as unknown as Paragraph[],
  sourceFormat: r.sourceFormat,
  createdAt: r.createdAt.toISOString(),
});

const toSummary = (a: ArticleRow, latest: Pick<ArticleRevision, 'number' | 'wordCount'>): ArticleSummary => ({
  id: a.id,
  workspaceId: a.workspaceId,
  title: a.title,
  sourceUrl: a.sourceUrl,
  author: a.author,
  publishedAt: a.publishedAt?.toISOString() ?? null,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
  version: a.version,
  revisionNumber: latest.number,
  wordCount: latest.wordCount,
});

const latestRevision = { orderBy: { number: 'desc' }, take: 1 } as const;

/** Converts the submitted body, refusing one that holds no readable text. */
function canonical(source: ArticleSource): CanonicalText {
  const result = toCanonicalText(source);
  if (!result.text.trim()) {
    throw invalid(result.sourceFormat, 'contains no readable text');
  }
  return result;
}

@Injectable()
export class ArticlesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly events: ArticleEventsService,
    private readonly reanchor: ReanchorService,
  ) {}

  /** Imports an article as revision 1; a repeated create with the same id and body is idempotent. */
  async create(userId: string, workspaceId: string, body: CreateArticleBody): Promise<{ created: boolean; article: Article }> {
    await this.access.require(userId, workspaceId, 'importArticles');
    const content = canonical(body);
    const fields = {
      sourceUrl: body.sourceUrl ?? null,
      author: body.author ?? null,
      publishedAt: body.publishedAt ? new Date(body.publishedAt) : null,
    };
    if (body.id) {
      const existing = await this.findWithLatest(body.id);
      if (existing) {
        const [first] = existing.revisions;
        const same =
          existing.workspaceId === workspaceId &&
          existing.title === body.title &&
          existing.sourceUrl === fields.sourceUrl &&
          existing.author === fields.author &&
          existing.publishedAt?.getTime() === fields.publishedAt?.getTime() &&
          existing.revisions.length > 0 &&
          first?.number === 1 &&
          first.source === content.source &&
          first.sourceFormat === content.sourceFormat;
        if (!same) throw idTaken();
        return { created: false, article: this.toArticle(existing, first) };
      }
    }
    const article = await this.prisma.$transaction(async (tx) => {
      const row = await tx.article.create({
        data: {
          id: body.id,
          workspaceId,
          title: body.title,
          ...fields,
          createdById: userId,
        },
      });
      const revision = await this.addRevision(tx, row.id, 1, content, userId);
      await this.audit.record(tx, {
        workspaceId,
        actorId: userId,
        action: 'article.imported',
        entityType: 'article',
        entityId: row.id,
        after: { title: row.title, sourceUrl: row.sourceUrl, revision: 1, sha256: content.sha256 },
      });
      return this.toArticle(row, revision);
    });
    return { created: true, article };
  }

  async list(userId: string, workspaceId: string): Promise<ArticleSummary[]> {
    await this.access.require(userId, workspaceId);
    const rows = await this.prisma.article.findMany({
      where: { workspaceId },
      orderBy: { createdAt: 'desc' },
      include: { revisions: { ...latestRevision, select: { number: true, wordCount: true } } },
    });
    return rows.flatMap((a) => (a.revisions[0] ? [toSummary(a, a.revisions[0])] : []));
  }

  async get(userId: string, articleId: string): Promise<Article> {
    await this.access.requireArticle(userId, articleId);
    const article = await this.findWithLatest(articleId);
    return this.toArticle(article!, article!.revisions[0]!);
  }

  /** Adds an immutable revision with the new text. */
  /** Adds an immutable revision with the new text and moves the annotations onto it. */
  async revise(userId: string, articleId: string, body: ArticleSource): Promise<CreatedRevision> {
    const { workspaceId } = await this.access.requireArticle(userId, articleId, 'importArticles');
    const content = canonical(body);
    // The annotations' new anchors are worked out first; the transaction only checks them and writes.
    const prepared = await this.reanchor.prepare(articleId, content.text);
    return this.events.write(articleId, userId, async (tx, append) => {
      // write() has locked the article's row: concurrent revisions of it queue here.
      const last = await tx.articleRevision.findFirst({
        where: { articleId },
        orderBy: { number: 'desc' },
        select: { number: true, sha256: true },
      });
      const number = (last?.number ?? 0) + 1;
      const created = await this.addRevision(tx, articleId, number, content, userId);
      await tx.article.update({ where: { id: articleId }, data: { version: { increment: 1 } } });
      const anchors = await this.reanchor.moveToRevision(tx, articleId, created, prepared);
      await this.audit.record(tx, {
        workspaceId,
        actorId: userId,
        action: 'article.revised',
        entityType: 'article',
        entityId: articleId,
        before: last && { revision: last.number, sha256: last.sha256 },
        after: { revision: number, sha256: content.sha256, anchors },
      });
      const revision = toRevision(created);
      await append('article.revised', { revision: { id: revision.id, number, sha256: revision.sha256 }, anchors });
      return { revision, anchors };
    });
  }


  /**
   * Stores a revision. Raw SQL with the paragraph offsets as one JSON parameter: through the
   * Prisma client, a long article's tens of thousands of offsets took seconds to encode.
   */
  private async addRevision(tx: Tx, articleId: string, number: number, content: CanonicalText, userId: string): Promise<ArticleRevision> {
    const { text, sha256, wordCount, paragraphs, sourceFormat, source } = revisionColumns(content);
    const [revision] = await tx.$queryRaw<ArticleRevision[]>`
      INSERT INTO article_revisions (id, article_id, number, text, sha256, word_count, paragraphs, source_format, source, created_by_id)
      VALUES (${randomUUID()}::uuid, ${articleId}::uuid, ${number}, ${text}, ${sha256}, ${wordCount}, ${JSON.stringify(paragraphs)}::jsonb,
        ${sourceFormat}::"SourceFormat", ${source}, ${userId}::uuid)
      RETURNING id, article_id AS "articleId", number, text, sha256, word_count AS "wordCount", paragraphs,
        source_format::text AS "sourceFormat", source, created_by_id AS "createdById", created_at AS "createdAt"`;
    return revision!;
  }

  private findWithLatest(articleId: string) {
    return this.prisma.article.findUnique({ where: { id: articleId }, include: { revisions: latestRevision } });
  }

  private toArticle(row: ArticleRow, revision: ArticleRevision): Article {
    return { ...toSummary(row, revision), revision: toRevision(revision) };
  }
}
