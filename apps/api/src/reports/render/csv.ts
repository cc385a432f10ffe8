import { stringify } from 'csv-stringify/sync';
import type { Report } from '@corroborate/contracts';
import { STATUS_LABEL } from './text';

/** Cells a spreadsheet would run as a formula are prefixed with a quote, as OWASP advises. */
export const neutralise = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

const COLUMNS = ['number', 'statement', 'claimant', 'status', 'rating', 'rating_label', 'rationale', 'decided', 'spans', 'evidence', 'supports', 'refutes', 'reviewers', 'tags', 'url'];

/** One row per claim, RFC 4180 quoted (CRLF line ends), formula cells neutralised. */
export function renderCsv(report: Report): string {
  const rows = report.claims.map((c) => [
    String(c.number),
    c.statement,
    c.claimant ?? '',
    STATUS_LABEL[c.status],
    c.rating?.key ?? '',
    c.rating?.label ?? '',
    c.rationale ?? '',
    c.resolvedAt ?? '',
    c.spans.map((s) => `${s.start}-${s.end}`).join(' '),
    String(c.evidence.length),
    String(c.evidence.filter((e) => e.stance === 'supports').length),
    String(c.evidence.filter((e) => e.stance === 'refutes').length),
    [...new Set(c.verdicts.map((v) => v.reviewer.displayName))].join('; '),
    c.tags.join('; '),
    c.url,
  ]);
  return stringify([COLUMNS, ...rows.map((row) => row.map(neutralise))], { record_delimiter: 'windows', quoted_match: /[",\r\n]/ });
}
