import { Report } from '@corroborate/contracts';
import { workerTask } from '../../infra/workers/task';
import { renderClaimReview } from './claimreview';
import { renderCsv } from './csv';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';

export type TextFormat = 'html' | 'md' | 'csv' | 'claimreview' | 'json';

/**
 * A report, or a published snapshot's JSON as stored, in UTF-8: decoded, parsed and checked
 * here, since a large one is most of a second that would otherwise hold the event loop (and
 * anyone with a share link may ask for it).
 */
export type ReportSource = Report | Uint8Array;

export interface RenderedText {
  /** The text in UTF-8, encoded here for the same reason. */
  body: Uint8Array;
  articleTitle: string;
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
export function renderReport({ source, format }: { source: ReportSource; format: TextFormat }): RenderedText {
  const report = source instanceof Uint8Array ? Report.parse(JSON.parse(new TextDecoder().decode(source))) : source;
  return { body: new TextEncoder().encode(textOf(report, format)), articleTitle: report.article.title };
}

export const renderTask = workerTask<{ source: ReportSource; format: TextFormat }, RenderedText>(__filename, 'renderReport');
