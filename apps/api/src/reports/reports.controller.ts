import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PublishReportBody, ReportQuery, SnapshotQuery, type CreatedShare, type ReportSnapshot } from '@corroborate/contracts';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Auth, Public, type AuthContext } from '../auth/auth.context';
import { UuidPipe } from '../infra/errors/uuid.pipe';
import { ReportsService, type Rendered } from './reports.service';

const download = { download: z.enum(['true', 'false']).optional() };
class ReportQueryDto extends createZodDto(ReportQuery.extend(download)) {}
class SnapshotQueryDto extends createZodDto(SnapshotQuery.extend(download)) {}
class PublishDto extends createZodDto(PublishReportBody) {}

/** A file name made of the title's letters and digits. */
const fileName = (title: string, extension: string) =>
  `${
    title
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .split(/\s+/)
      .join('-')
      .slice(0, 80) || 'report'
  }.${extension}`;

function send(res: Response, rendered: Rendered, asDownload: boolean): void {
  res.type(rendered.contentType);
  res.setHeader('Content-Disposition', `${asDownload || rendered.extension === 'pdf' ? 'attachment' : 'inline'}; filename="${fileName(rendered.title, rendered.extension)}"`);
  // A snapshot's tag is its hash; a live report is made afresh each time (its time is in it), so
  // it has none, rather than one Express would work out over every byte of a report of megabytes.
  if (rendered.etag) {
    res.setHeader('ETag', rendered.etag);
    res.send(rendered.body);
    return;
  }
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Content-Length', Buffer.byteLength(rendered.body));
  res.end(rendered.body);
}

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The article's reviewed report in one format: html, pdf, md, json, csv or claimreview. */
  @Get('articles/:articleId/report')
  async report(@Auth() auth: AuthContext, @Param('articleId', UuidPipe) articleId: string, @Query() query: ReportQueryDto, @Res() res: Response): Promise<void> {
    const { download: asDownload, ...rest } = query;
    send(res, await this.reports.live(auth.userId, articleId, rest), asDownload === 'true');
  }

  /** Publishes the report as the article's next immutable, numbered snapshot. */
  @Post('articles/:articleId/reports')
  publish(@Auth() auth: AuthContext, @Param('articleId', UuidPipe) articleId: string, @Body() body: PublishDto): Promise<ReportSnapshot> {
    return this.reports.publish({ id: auth.userId, displayName: auth.displayName }, articleId, body);
  }

  @Get('articles/:articleId/reports')
  snapshots(@Auth() auth: AuthContext, @Param('articleId', UuidPipe) articleId: string): Promise<ReportSnapshot[]> {
    return this.reports.snapshots(auth.userId, articleId);
  }

  @Get('reports/:snapshotId')
  async snapshot(@Auth() auth: AuthContext, @Param('snapshotId', UuidPipe) snapshotId: string, @Query() query: SnapshotQueryDto, @Res() res: Response): Promise<void> {
    send(res, await this.reports.snapshot(auth.userId, snapshotId, query.format, query.paper), query.download === 'true');
  }

  /** A read-only link to the snapshot; its secret is shown once. */
  @Post('reports/:snapshotId/shares')
  share(@Auth() auth: AuthContext, @Param('snapshotId', UuidPipe) snapshotId: string): Promise<CreatedShare> {
    return this.reports.share({ id: auth.userId, displayName: auth.displayName }, snapshotId);
  }

  @Delete('report-shares/:shareId')
  @HttpCode(204)
  revoke(@Auth() auth: AuthContext, @Param('shareId', UuidPipe) shareId: string): Promise<void> {
    return this.reports.revoke({ id: auth.userId, displayName: auth.displayName }, shareId);
  }

  /** A shared snapshot, for anyone with the link: not indexed, no cookies; a revoked or unknown link is a plain 404. */
  @Public()
  @Get('shared/:token')
  async shared(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const page = await this.reports.shared(token);
    res.setHeader('X-Robots-Tag', 'noindex, nofollow');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'private, no-store');
    if (page === null) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    // The snapshot's own hash, rather than one Express would work out over every byte of the page.
    res.setHeader('ETag', `"${page.sha256}"`);
    res.type('text/html; charset=utf-8').send(page.html);
  }
}
