import type { Report } from '@corroborate/contracts';
import { workerTask } from '../../infra/workers/task';
import { renderClaimReview } from './claimreview';
import { renderCsv } from './csv';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';

export type TextFormat = 'html' | 'md' | 'csv' | 'claimreview';

/** A report in one of its text formats: run on the worker pool, a large report is minutes of escaping and Markdown otherwise spent on the event loop. */
export function renderReport({ report, format }: { report: Report; format: TextFormat }): string {
  switch (format) {
    case 'html':
      return renderHtml(report);
    case 'md':
      return renderMarkdown(report);
    case 'csv':
      return renderCsv(report);
    case 'claimreview':
      return JSON.stringify(renderClaimReview(report), null, 2);
  }
}

export const renderTask = workerTask<{ report: Report; format: TextFormat }, string>(__filename, 'renderReport');
