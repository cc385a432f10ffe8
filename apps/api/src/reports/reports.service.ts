import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  can,
  Report,
  type CreatedShare,
  type Person,
  type PublishReportBody,
  type ReportFormat,
  type ReportQuery,
  type ReportSnapshot,
} from '@corroborate/contracts';
import { ArticleEventsService } from '../article-events/article-events.service';
import { AuditService } from '../audit/audit.service';
import { hashSecret, newSecret } from '../auth/secrets';
import type { Prisma } from '../generated/prisma/client';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config.schema';
import { PrismaService } from '../infra/database/prisma.service';
import { AppError, forbidden, notFound } from '../infra/errors/app-error';
import { WorkerPool } from '../infra/workers/worker-pool';
import { AccessService } from '../workspaces/access.service';
import { PdfService } from './pdf.service';
import { renderTask, type TextFormat } from './render/render-task';
import { ReportDataService } from './report-data.service';

/** A report in one format, ready to send. */
export interface Rendered {
  body: string | Buffer;
  contentType: string;
  extension: string;
  title: string;
}

const person = { select: { id: true, displayName: true } } as const;
const snapshotInclude = {
  publishedBy: person,
  shares: { include: { createdBy: person }, orderBy: { createdAt: 'asc' } },
} as const satisfies Prisma.ReportSnapshotInclude;
type SnapshotRow = Prisma.ReportSnapshotGetPayload<{ include: typeof snapshotInclude }>;

const toSnapshot = (s: SnapshotRow): ReportSnapshot => ({
  id: s.id,
  articleId: s.articleId,
  number: s.number,
  sha256: s.sha256,
  options: s.options as ReportSnapshot['options'],
  publishedBy: s.publishedBy,
  publishedAt: s.publishedAt.toISOString(),
  shares: s.shares.map((sh) => ({ id: sh.id, createdAt: sh.createdAt.toISOString(), createdBy: sh.createdBy, revokedAt: sh.revokedAt?.toISOString() ?? null })),
});

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Reviewed reports: made live in any format, published as immutable numbered snapshots, shared by unguessable links. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
    private readonly data: ReportDataService,
    private readonly pdf: PdfService,
    private readonly events: ArticleEventsService,
    private readonly audit: AuditService,
    private readonly workers: WorkerPool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The article's report as it stands, as the caller may see it. */
  async live(userId: string, articleId: string, query: ReportQuery): Promise<Rendered> {
    const { format, paper, ...options } = query;
    return this.render(await this.data.build(userId, articleId, options), format, paper);
  }

  async render(report: Report, format: ReportFormat, paper: 'a4' | 'letter' = 'a4'): Promise<Rendered> {
    const title = `Fact-check report: ${report.article.title}`;
    const text = (as: TextFormat) => this.workers.run(renderTask, { report, format: as }, { field: 'format', doing: `making the ${as} report` });
    switch (format) {
      case 'html':
        return { body: await text('html'), contentType: 'text/html; charset=utf-8', extension: 'html', title };
      case 'pdf':
        return { body: await this.pdf.render(await text('html'), { title, paper }), contentType: 'application/pdf', extension: 'pdf', title };
      case 'md':
        return { body: await text('md'), contentType: 'text/markdown; charset=utf-8', extension: 'md', title };
      case 'csv':
        return { body: await text('csv'), contentType: 'text/csv; charset=utf-8', extension: 'csv', title };
      case 'json':
        return { body: JSON.stringify(report, null, 2), contentType: 'application/json; charset=utf-8', extension: 'json', title };
      case 'claimreview':
        return { body: await text('claimreview'), contentType: 'application/ld+json; charset=utf-8', extension: 'jsonld', title };
    }
  }

  /**
   * Freezes the report as the next numbered snapshot. It is made as anyone may read it (blind
   * review holds: claims still in review show no verdicts), stored with its sha256, and never changed.
   */
  async publish(actor: Person, articleId: string, options: PublishReportBody): Promise<ReportSnapshot> {
    const { workspaceId, role } = await this.access.requireArticle(actor.id, articleId);
    if (!can.decide(role)) throw forbidden(`Your role (${role}) cannot publish reports; editors and owners can`);
    return this.events.write(articleId, actor.id, async (tx, append) => {
      const last = await tx.reportSnapshot.aggregate({ where: { articleId }, _max: { number: true } });
      const number = (last._max.number ?? 0) + 1;
      const report = await this.data.build(actor.id, articleId, options, { snapshot: number, perspective: 'public' });
      const text = JSON.stringify(report);
      const row = await tx.reportSnapshot.create({
        data: { articleId, number, options, data: text, sha256: sha256(text), publishedById: actor.id },
        include: snapshotInclude,
      });
      const snapshot = toSnapshot(row);
      await this.audit.record(tx, { workspaceId, actorId: actor.id, action: 'report.published', entityType: 'article', entityId: articleId, after: { id: row.id, number, sha256: row.sha256, options } });
      await append('report.published', snapshot);
      return snapshot;
    });
  }

  async snapshots(userId: string, articleId: string): Promise<ReportSnapshot[]> {
    await this.access.requireArticle(userId, articleId);
    const rows = await this.prisma.reportSnapshot.findMany({ where: { articleId }, include: snapshotInclude, orderBy: { number: 'desc' } });
    return rows.map(toSnapshot);
  }

  /** A published snapshot, in any format, exactly as it was published. */
  async snapshot(userId: string, snapshotId: string, format: ReportFormat, paper: 'a4' | 'letter'): Promise<Rendered> {
    const row = await this.findSnapshot(userId, snapshotId);
    return this.render(Report.parse(JSON.parse(row.data)), format, paper);
  }

  async share(actor: Person, snapshotId: string): Promise<CreatedShare> {
    const row = await this.findSnapshot(actor.id, snapshotId, true);
    const token = newSecret('rpt');
    const share = await this.prisma.$transaction(async (tx) => {
      const created = await tx.reportShare.create({ data: { snapshotId, tokenHash: hashSecret(token), createdById: actor.id } });
      await this.audit.record(tx, { workspaceId: row.workspaceId, actorId: actor.id, action: 'report.shared', entityType: 'article', entityId: row.articleId, after: { snapshot: row.number, shareId: created.id } });
      return created;
    });
    return { id: share.id, token, url: `${this.config.PUBLIC_URL}/api/shared/${token}` };
  }

  async revoke(actor: Person, shareId: string): Promise<void> {
    const share = await this.prisma.reportShare.findUnique({ where: { id: shareId } });
    if (!share) throw notFound('Share link');
    const row = await this.findSnapshot(actor.id, share.snapshotId, true, 'Share link');
    await this.prisma.$transaction(async (tx) => {
      await tx.reportShare.updateMany({ where: { id: shareId, revokedAt: null }, data: { revokedAt: new Date() } });
      await this.audit.record(tx, { workspaceId: row.workspaceId, actorId: actor.id, action: 'report.share-revoked', entityType: 'article', entityId: row.articleId, after: { snapshot: row.number, shareId } });
    });
  }

  /** The snapshot behind a share link, as HTML; a revoked or unknown link is null. */
  async shared(token: string): Promise<string | null> {
    if (token.length > 200) return null;
    const share = await this.prisma.reportShare.findUnique({ where: { tokenHash: hashSecret(token) }, include: { snapshot: true } });
    if (!share || share.revokedAt) return null;
    const report = Report.parse(JSON.parse(share.snapshot.data));
    return this.workers.run(renderTask, { report, format: 'html' }, { field: 'token', doing: 'making the report page' });
  }

  private async findSnapshot(userId: string, snapshotId: string, manage = false, what = 'Report') {
    const row = await this.prisma.reportSnapshot.findUnique({ where: { id: snapshotId } });
    if (!row) throw notFound(what);
    const { role, workspaceId } = await this.access.requireArticle(userId, row.articleId).catch((error: unknown) => {
      // A non-member learns nothing, not even that the snapshot exists.
      throw error instanceof AppError && error.code === 'NOT_FOUND' ? notFound(what) : error;
    });
    if (manage && !can.decide(role)) throw forbidden(`Your role (${role}) cannot share reports; editors and owners can`);
    return { ...row, workspaceId };
  }
}
