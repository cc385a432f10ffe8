import { stringify } from 'csv-stringify/sync';
import type { Report } from '@corroborate/contracts';
import { STATUS_LABEL } from './text';

/**
 * Cells a spreadsheet would run as a formula are prefixed with a quote, as OWASP advises. Not only
 * at the start: where the list separator is `;` (de, fr, nl locales) a spreadsheet splits this comma
 * file on `;` and tabs, the field quotes then no longer line up, and a line break inside a field can
 * start a new row; so every part that follows one of those is neutralised as if it were a cell.
 * Leading spaces and quotes do not hide a sign (an import may trim them), and the full-width signs
 * count too (Apple Numbers folds them to ASCII).
 */
const FORMULA = /^[ "]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
export const neutralise = (cell: string) =>
  cell
    .split(/(?<=[;\t\r\n])/)
    .map((part) => (FORMULA.test(part) ? `'${part}` : part))
    .join('');

const COLUMNS = ['number', 'statement', 'claimant', 'status', 'rating', 'rating_label', 'rationale', 'decided', 'spans', 'evidence', 'supports', 'refutes', 'reviewers', 'tags', 'url'];

/** One row per claim, RFC 4180 with every field quoted (CRLF line ends), formula cells neutralised. */
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
  return stringify([COLUMNS, ...rows.map((row) => row.map(neutralise))], { record_delimiter: 'windows', quoted: true, quoted_empty: true });
}
