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
import { idTaken } from '../infra/errors/app-error';
import { WorkerPool } from '../infra/workers/worker-pool';
import { AccessService } from '../workspaces/access.service';
import { type ConvertedText, convertTask } from './import/canonical-text';

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

/** The submitted body as stored, and the field it came in. */
function sourceOf(body: ArticleSource): { source: string; field: keyof ArticleSource } {
  if (body.text !== undefined) return { source: body.text, field: 'text' };
  if (body.html !== undefined) return { source: body.html, field: 'html' };
  return { source: body.markdown ?? '', field: 'markdown' };
}

type Content = ConvertedText & { source: string };

@Injectable()
export class ArticlesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly events: ArticleEventsService,
    private readonly reanchor: ReanchorService,
    private readonly workers: WorkerPool,
  ) {}

  /** Converts the submitted body to canonical text on the worker pool, refusing one that holds no readable text. */
  private async convert(body: ArticleSource): Promise<Content> {
    const { source, field } = sourceOf(body);
    const { text, html, markdown } = body;
    const converted = await this.workers.run(convertTask, { text, html, markdown }, { field, doing: 'converting it to text' });
    return { ...converted, source };
  }

  /** Imports an article as revision 1; a repeated create with the same id and body is idempotent. */
  async create(userId: string, workspaceId: string, body: CreateArticleBody): Promise<{ created: boolean; article: Article }> {
    await this.access.require(userId, workspaceId, 'importArticles');
    const content = await this.convert(body);
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

  /** Adds an immutable revision with the new text and moves the annotations onto it. */
  async revise(userId: string, articleId: string, body: ArticleSource): Promise<CreatedRevision> {
    const { workspaceId } = await this.access.requireArticle(userId, articleId, 'importArticles');
    const content = await this.convert(body);
    // The annotations' new anchors are worked out first; the transaction only checks them and writes.
    const prepared = await this.reanchor.prepare(articleId, content.text, content.sourceFormat);
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
   * Prisma client, a long article's tens of thousands of offsets took seconds to encode. Only
   * the creation time comes back: the rest is known, and sending a long text and its offsets
   * back kept the transaction open for as long again.
   */
  private async addRevision(tx: Tx, articleId: string, number: number, content: Content, userId: string): Promise<ArticleRevision> {
    const { text, sha256, wordCount, paragraphsJson, sourceFormat, source } = content;
    const id = randomUUID();
    const [row] = await tx.$queryRaw<{ createdAt: Date }[]>`
      INSERT INTO article_revisions (id, article_id, number, text, sha256, word_count, paragraphs, source_format, source, created_by_id)
      VALUES (${id}::uuid, ${articleId}::uuid, ${number}, ${text}, ${sha256}, ${wordCount}, ${paragraphsJson}::jsonb,
        ${sourceFormat}::"SourceFormat", ${source}, ${userId}::uuid)
      RETURNING created_at AS "createdAt"`;
    const paragraphs = JSON.parse(paragraphsJson) as Paragraph[];
    return { id, articleId, number, text, sha256, wordCount, paragraphs, sourceFormat, source, createdById: userId, createdAt: row!.createdAt };
  }

  private findWithLatest(articleId: string) {
    return this.prisma.article.findUnique({ where: { id: articleId }, include: { revisions: latestRevision } });
  }

  private toArticle(row: ArticleRow, revision: ArticleRevision): Article {
    return { ...toSummary(row, revision), revision: toRevision(revision) };
  }
}
