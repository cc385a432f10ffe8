import { Inject, Injectable } from '@nestjs/common';
import {
  can,
  type CreatedShare,
  type Person,
  type PublishReportBody,
  type ReportFormat,
  type ReportQuery,
  type ReportSnapshot,
} from '@corroborate/contracts';
import { LRUCache } from 'lru-cache';
import type { Pool } from 'pg';
import { ArticleEventsService } from '../article-events/article-events.service';
import { AuditService } from '../audit/audit.service';
import { hashSecret, newSecret } from '../auth/secrets';
import type { Prisma } from '../generated/prisma/client';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config.schema';
import { PG_POOL, PrismaService } from '../infra/database/prisma.service';
import { AppError, forbidden, notFound } from '../infra/errors/app-error';
import { WorkerPool } from '../infra/workers/worker-pool';
import { AccessService } from '../workspaces/access.service';
import { PdfService } from './pdf.service';
import { renderTask, type ReportSource } from './render/render-task';
import { ReportDataService } from './report-data.service';

/** A report in one format, ready to send. */
export interface Rendered {
  body: string | Buffer;
  contentType: string;
  extension: string;
  title: string;
  /** For a published snapshot, which never changes: a tag made of its hash and the format. */
  etag?: string;
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

/** How each text format is sent. */
const TEXT_TYPES: Record<Exclude<ReportFormat, 'pdf'>, { contentType: string; extension: string }> = {
  html: { contentType: 'text/html; charset=utf-8', extension: 'html' },
  md: { contentType: 'text/markdown; charset=utf-8', extension: 'md' },
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  json: { contentType: 'application/json; charset=utf-8', extension: 'json' },
  claimreview: { contentType: 'application/ld+json; charset=utf-8', extension: 'jsonld' },
};

/** Bytes of a snapshot's JSON read at once (see snapshotData). */
const SNAPSHOT_PIECE = 1024 * 1024;

/** Reviewed reports: made live in any format, published as immutable numbered snapshots, shared by unguessable links. */
@Injectable()
export class ReportsService {
  /** Share-link pages by snapshot (never changed once published): a link opened again costs no rendering. */
  private readonly sharedPages = new LRUCache<string, Buffer>({ maxSize: 64 * 1024 * 1024, sizeCalculation: (page) => Math.max(1, page.length) });

  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
    private readonly data: ReportDataService,
    private readonly pdf: PdfService,
    private readonly events: ArticleEventsService,
    private readonly audit: AuditService,
    private readonly workers: WorkerPool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** The article's report as it stands, as the caller may see it. */
  async live(userId: string, articleId: string, query: ReportQuery): Promise<Rendered> {
    const { format, paper, ...options } = query;
    return this.render(await this.data.gather(userId, articleId, options), format, paper);
  }

  async render(source: ReportSource, format: ReportFormat, paper: 'a4' | 'letter' = 'a4', field = 'format'): Promise<Rendered> {
    const as = format === 'pdf' ? 'html' : format;
    const transfer = source instanceof Uint8Array ? [source.buffer as ArrayBuffer] : [];
    const made = await this.workers.run(renderTask, { source, format: as }, { field, doing: `making the ${as} report`, transfer });
    const title = `Fact-check report: ${made.articleTitle}`;
    const body = Buffer.from(made.body.buffer, made.body.byteOffset, made.body.byteLength);
    if (format === 'pdf') return { body: await this.pdf.render(body.toString('utf8'), { title, paper }), contentType: 'application/pdf', extension: 'pdf', title };
    return { body, ...TEXT_TYPES[format], title };
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
      const input = await this.data.gather(actor.id, articleId, options, { snapshot: number, perspective: 'public' });
      const stored = await this.workers.run(renderTask, { source: input, format: 'stored' }, { field: 'format', doing: 'making the report' });
      const data = Buffer.from(stored.body.buffer, stored.body.byteOffset, stored.body.byteLength).toString('utf8');
      const row = await tx.reportSnapshot.create({
        data: { articleId, number, options, data, sha256: stored.sha256!, publishedById: actor.id },
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
    const { sha256 } = await this.findSnapshot(userId, snapshotId);
    const rendered = await this.render(await this.snapshotData(snapshotId), format, paper);
    return { ...rendered, etag: `"${sha256}.${format}${format === 'pdf' ? `.${paper}` : ''}"` };
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

  /** The snapshot behind a share link, as HTML with its snapshot's sha256; a revoked or unknown link is null. */
  async shared(token: string): Promise<{ html: Buffer; sha256: string } | null> {
    if (token.length > 200) return null;
    const share = await this.prisma.reportShare.findUnique({
      where: { tokenHash: hashSecret(token) },
      select: { snapshotId: true, revokedAt: true, snapshot: { select: { sha256: true } } },
    });
    if (!share || share.revokedAt) return null;
    const { sha256 } = share.snapshot;
    let html = this.sharedPages.get(share.snapshotId);
    if (!html) {
      html = (await this.render(await this.snapshotData(share.snapshotId), 'html', 'a4', 'token')).body as Buffer;
      this.sharedPages.set(share.snapshotId, html);
    }
    return { html, sha256 };
  }

  /**
   * A snapshot's stored JSON as UTF-8 bytes, read on the pg pool a megabyte at a time into one
   * buffer the render worker is then handed: read whole (or carried by the ORM's engine), and
   * copied to the worker, megabytes of it held the event loop for hundreds of milliseconds. A
   * snapshot never changes, so its pieces fit together.
   */
  private async snapshotData(snapshotId: string): Promise<Uint8Array<ArrayBuffer>> {
    let data: Uint8Array<ArrayBuffer> | undefined;
    for (let at = 0; at < (data?.length ?? 1); at += SNAPSHOT_PIECE) {
      const { rows } = await this.pool.query<{ size: number; piece: Buffer }>(
        "SELECT octet_length(convert_to(data, 'UTF8')) AS size, substring(convert_to(data, 'UTF8') FROM $2::int FOR $3::int) AS piece FROM report_snapshots WHERE id = $1::uuid",
        [snapshotId, at + 1, SNAPSHOT_PIECE],
      );
      if (!rows[0]) throw notFound('Report');
      data ??= new Uint8Array(new ArrayBuffer(rows[0].size));
      data.set(rows[0].piece, at);
    }
    return data!;
  }

  /** The snapshot's row but its data, with the caller's workspace; 404 for anyone not in it. */
  private async findSnapshot(userId: string, snapshotId: string, manage = false, what = 'Report') {
    const row = await this.prisma.reportSnapshot.findUnique({ where: { id: snapshotId }, omit: { data: true } });
    if (!row) throw notFound(what);
    const { role, workspaceId } = await this.access.requireArticle(userId, row.articleId).catch((error: unknown) => {
      // A non-member learns nothing, not even that the snapshot exists.
      throw error instanceof AppError && error.code === 'NOT_FOUND' ? notFound(what) : error;
    });
    if (manage && !can.decide(role)) throw forbidden(`Your role (${role}) cannot share reports; editors and owners can`);
    return { ...row, workspaceId };
  }
}
