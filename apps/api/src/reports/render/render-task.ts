import { createHash } from 'node:crypto';
import { Report } from '@corroborate/contracts';
import { handBack, workerTask } from '../../infra/workers/task';
import { shapeReport, type ReportInput } from '../report-shape';
import { renderClaimReview } from './claimreview';
import { renderCsv } from './csv';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';

export type TextFormat = 'html' | 'md' | 'csv' | 'claimreview' | 'json';
/** A text format, or `stored`: the report's compact JSON as a snapshot keeps it, with its sha256. */
export type RenderFormat = TextFormat | 'stored';

/**
 * What a live report is made from, or a published snapshot's JSON as stored, in UTF-8: parsed,
 * shaped or checked here, since a large one is most of a second that would otherwise hold the
 * event loop (and anyone with a share link may ask for a snapshot).
 */
export type ReportSource = ReportInput | Uint8Array;

export interface RenderedText {
  /** The text in UTF-8, encoded here for the same reason, and handed back rather than copied. */
  body: Uint8Array;
  articleTitle: string;
  /** For `stored`: the sha256 of the body, in hex. */
  sha256?: string;
}

function textOf(report: Report, format: TextFormat): string {
  switch (format) {
    case 'html':
      return renderHtml(report);
    case 'md':
      return renderMarkdown(report);
    case 'csv':
      return renderCsv(report);
    case 'claimreview':
      return JSON.stringify(renderClaimReview(report), null, 2);
    case 'json':
      return JSON.stringify(report, null, 2);
  }
}

/** A report in one of its text formats: run on the worker pool, a large report is minutes of escaping and Markdown otherwise spent on the event loop. */
export function renderReport({ source, format }: { source: ReportSource; format: RenderFormat }): RenderedText {
  const report = source instanceof Uint8Array ? Report.parse(JSON.parse(new TextDecoder().decode(source))) : shapeReport(source);
  const text = format === 'stored' ? JSON.stringify(report) : textOf(report, format);
  const body = new TextEncoder().encode(text);
  const sha256 = format === 'stored' ? createHash('sha256').update(body).digest('hex') : undefined;
  return handBack({ body, articleTitle: report.article.title, ...(sha256 && { sha256 }) }, [body.buffer as ArrayBuffer]);
}

export const renderTask = workerTask<{ source: ReportSource; format: RenderFormat }, RenderedText>(__filename, 'renderReport');
