import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  MAX_ARTICLE_CHARS,
  type Article,
  type ArticleSource,
  type ArticleSummary,
  type Block,
  type CreateArticleBody,
  type CreatedRevision,
  type Mark,
  type Paragraph,
  type Revision,
} from '@corroborate/contracts';
import { ReanchorService } from '../annotations/reanchor.service';
import { ArticleEventsService } from '../article-events/article-events.service';
import { AuditService } from '../audit/audit.service';
import type { ArticleRevision, Article as ArticleRow, Prisma } from '../generated/prisma/client';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { idTaken, invalid } from '../infra/errors/app-error';
import { WorkerPool } from '../infra/workers/worker-pool';
import { AccessService } from '../workspaces/access.service';
import { type ConvertedText, convertTask } from './import/canonical-text';
import { PageFetcher } from './import/page-fetcher';

/** A revision as read: the snapshot's bytes stay in the database. */
type RevisionRow = Omit<ArticleRevision, 'snapshot'>;

const toRevision = (r: RevisionRow): Revision => {
  const structure = r.structure as { blocks: Block[]; marks: Mark[] } | null;
  return {
    id: r.id,
    number: r.number,
    text: r.text,
    sha256: r.sha256,
    paragraphs: r.paragraphs as unknown as Paragraph[],
    blocks: structure?.blocks ?? [],
    marks: structure?.marks ?? [],
    sourceFormat: r.sourceFormat,
    snapshot:
      r.snapshotSha256 && r.snapshotUrl && r.fetchedAt
        ? { url: r.snapshotUrl, sha256: r.snapshotSha256, contentType: r.snapshotContentType ?? '', fetchedAt: r.fetchedAt.toISOString() }
        : null,
    createdAt: r.createdAt.toISOString(),
  };
};

const toSummary = (a: ArticleRow, latest: Pick<ArticleRevision, 'number' | 'wordCount'>): ArticleSummary => ({
  id: a.id,
  workspaceId: a.workspaceId,
  title: a.title,
  sourceUrl: a.sourceUrl,
  author: a.author,
  siteName: a.siteName,
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

/** What a URL import fetched, stored with the revision. */
export interface Snapshot {
  bytes: Uint8Array;
  sha256: string;
  contentType: string;
  url: string;
  fetchedAt: Date;
}

type Content = ConvertedText & { source: string; snapshot?: Snapshot };

@Injectable()
export class ArticlesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly events: ArticleEventsService,
    private readonly reanchor: ReanchorService,
    private readonly workers: WorkerPool,
    private readonly pages: PageFetcher,
  ) {}

  /** Converts the submitted body to canonical text on the worker pool, refusing one that holds no readable text. */
  /** `url`: where the document is from, which its relative links resolve against. */
  private async convert(body: ArticleSource, url?: string): Promise<Content> {
    const { source, field } = sourceOf(body);
    const { text, html, markdown } = body;
    const converted = await this.workers.run(convertTask, { text, html, markdown, url }, { field, doing: 'converting it to text' });
    return { ...converted, source };
  }

  /** Fetches a page through the SSRF guard and converts it on the worker pool; refusals name `url`. */
  private async fetchAndConvert(url: string): Promise<Content> {
    const page = await this.pages.fetch(url);
    const input = page.format === 'html' ? { html: page.body, url: page.url } : { text: page.body };
    const converted = await this.workers.run(convertTask, { ...input, field: 'url' }, { field: 'url', doing: 'converting the page to text' });
    if (converted.text.length > MAX_ARTICLE_CHARS) throw invalid('url', `holds more than ${MAX_ARTICLE_CHARS} characters of text`);
    const { bytes, sha256, contentType, fetchedAt } = page;
    return { ...converted, source: page.body, snapshot: { bytes, sha256, contentType, url: page.url, fetchedAt } };
  }

  /** The article a URL import with this id already made, when the retry asks for the same; a different one is a 409. */
  private async retriedUrlImport(workspaceId: string, body: CreateArticleBody): Promise<Article | null> {
    const existing = await this.findWithLatest(body.id!);
    if (!existing) return null;
    const [first] = existing.revisions;
    const same =
      existing.workspaceId === workspaceId &&
      existing.sourceUrl === (body.sourceUrl ?? body.url) &&
      (body.title === undefined || existing.title === body.title) &&
      (body.author === undefined || existing.author === body.author) &&
      (body.publishedAt === undefined || existing.publishedAt?.getTime() === new Date(body.publishedAt).getTime()) &&
      existing.revisions.length > 0 &&
      first?.number === 1 &&
      first.snapshotSha256 !== null;
    if (!same) throw idTaken();
    return this.toArticle(existing, first);
  }

  /** Imports an article as revision 1; a repeated create with the same id and body is idempotent. */
  async create(userId: string, workspaceId: string, body: CreateArticleBody): Promise<{ created: boolean; article: Article }> {
    await this.access.require(userId, workspaceId, 'importArticles');
    // Plain text names nothing, so its title is asked for before any work.
    if (body.text !== undefined && !body.title) throw invalid('title', 'is required for a plain text import');
    if (body.url !== undefined && body.id) {
      // A retry is answered from what was stored: the page is not fetched twice.
      const retried = await this.retriedUrlImport(workspaceId, body);
      if (retried) return { created: false, article: retried };
    }
    const content = body.url !== undefined ? await this.fetchAndConvert(body.url) : await this.convert(body, body.sourceUrl);
    // What the caller gives wins; the page's metadata, then its first heading, fill the gaps.
    const { metadata } = content;
    const title = body.title ?? metadata.title ?? content.firstHeading;
    if (!title) throw invalid('title', 'is required: the document names no title');
    const fields = {
      title,
      sourceUrl: body.sourceUrl ?? body.url ?? null,
      author: body.author ?? metadata.byline ?? null,
      siteName: metadata.siteName ?? null,
      publishedAt: body.publishedAt ? new Date(body.publishedAt) : metadata.publishedAt ? new Date(metadata.publishedAt) : null,
    };
    if (body.id) {
      const existing = await this.findWithLatest(body.id);
      if (existing) {
        const [first] = existing.revisions;
        const same =
          existing.workspaceId === workspaceId &&
          existing.title === fields.title &&
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
    // Relative links in a new version resolve against where the article came from, as on import.
    const article = await this.prisma.article.findUnique({ where: { id: articleId }, select: { sourceUrl: true } });
    const content = await this.convert(body, article?.sourceUrl ?? undefined);
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
  private async addRevision(tx: Tx, articleId: string, number: number, content: Content, userId: string): Promise<RevisionRow> {
    const { text, sha256, wordCount, paragraphsJson, structureJson, sourceFormat, source, snapshot } = content;
    const id = randomUUID();
    // Plain text has no structure beyond its paragraphs: nothing is stored for it.
    const structure = sourceFormat === 'text' ? null : structureJson;
    const [row] = await tx.$queryRaw<{ createdAt: Date }[]>`
      INSERT INTO article_revisions (id, article_id, number, text, sha256, word_count, paragraphs, structure, source_format, source,
        snapshot, snapshot_sha256, snapshot_content_type, snapshot_url, fetched_at, created_by_id)
      VALUES (${id}::uuid, ${articleId}::uuid, ${number}, ${text}, ${sha256}, ${wordCount}, ${paragraphsJson}::jsonb, ${structure}::jsonb,
        ${sourceFormat}::"SourceFormat", ${source}, ${snapshot ? Buffer.from(snapshot.bytes) : null}, ${snapshot?.sha256 ?? null},
        ${snapshot?.contentType ?? null}, ${snapshot?.url ?? null}, ${snapshot?.fetchedAt ?? null}, ${userId}::uuid)
      RETURNING created_at AS "createdAt"`;
    return {
      id,
      articleId,
      number,
      text,
      sha256,
      wordCount,
      paragraphs: JSON.parse(paragraphsJson) as Paragraph[],
      structure: structure === null ? null : (JSON.parse(structure) as Prisma.JsonObject),
      sourceFormat,
      source,
      snapshotSha256: snapshot?.sha256 ?? null,
      snapshotContentType: snapshot?.contentType ?? null,
      snapshotUrl: snapshot?.url ?? null,
      fetchedAt: snapshot?.fetchedAt ?? null,
      createdById: userId,
      createdAt: row!.createdAt,
    };
  }

  private findWithLatest(articleId: string) {
    return this.prisma.article.findUnique({ where: { id: articleId }, include: { revisions: { ...latestRevision, omit: { snapshot: true } } } });
  }

  private toArticle(row: ArticleRow, revision: RevisionRow): Article {
    return { ...toSummary(row, revision), revision: toRevision(revision) };
  }
}
