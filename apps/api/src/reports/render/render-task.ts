import { createHash } from 'node:crypto';
import { Report } from '@corroborate/contracts';
import { workerTask } from '../../infra/workers/task';
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
  /** The text in UTF-8, encoded here for the same reason. */
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
  if (format === 'stored') {
    const text = JSON.stringify(report);
    return { body: new TextEncoder().encode(text), articleTitle: report.article.title, sha256: createHash('sha256').update(text, 'utf8').digest('hex') };
  }
  return { body: new TextEncoder().encode(textOf(report, format)), articleTitle: report.article.title };
}

export const renderTask = workerTask<{ source: ReportSource; format: RenderFormat }, RenderedText>(__filename, 'renderReport');
