import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { newReport, newReportClaim } from '../../../test/support/report';
import { renderCsv } from './csv';

const HEADER = ['number', 'statement', 'claimant', 'status', 'rating', 'rating_label', 'rationale', 'decided', 'spans', 'evidence', 'supports', 'refutes', 'reviewers', 'tags', 'url'];

/** RFC 4180's grammar with the unquoted field left out: every field quoted, CRLF after each record. */
const ALL_QUOTED = /^(?:"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*\r\n)+$/;

/**
 * What a spreadsheet whose list separator is `;` (de, fr, nl) may take for the start of a cell: it
 * splits the file on `;` and tabs, and the quotes around a comma-separated field no longer keep a
 * line break inside it.
 */
const semicolonCells = (file: string) => file.split(/[;\t\r\n]/);
const FORMULA = /^[ "]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

const rows = (file: string) => parseCsv(file) as string[][];

describe('renderCsv', () => {
  it('quotes every field, empty ones too, and keeps the header', () => {
    const file = renderCsv(newReport([newReportClaim({ claimant: null, rating: null, tags: [] })]));
    expect(file).toMatch(ALL_QUOTED);
    const [header, row] = rows(file);
    expect(header).toEqual(HEADER);
    expect(row).toHaveLength(HEADER.length);
    expect(row![HEADER.indexOf('claimant')]).toBe('');
    expect(row![HEADER.indexOf('tags')]).toBe('');
    expect(row![HEADER.indexOf('statement')]).toBe('Nitrate levels fell by 42 percent');
  });

  it('neutralises a formula that starts any part after a ; a tab or a line break, not only the cell', () => {
    const claim = newReportClaim({
      statement: "x;=cmd|' /C calc'!A0;",
      claimant: 'a\t+1',
      rationale: 'ok\r\n-2+3\r@SUM(1)',
      tags: ['-a', 'b; "=HYPERLINK("http://evil.example")'],
    });
    const file = renderCsv(newReport([claim]));
    const row = rows(file)[1]!;
    expect(row[HEADER.indexOf('statement')]).toBe("x;'=cmd|' /C calc'!A0;");
    expect(row[HEADER.indexOf('claimant')]).toBe("a\t'+1");
    expect(row[HEADER.indexOf('rationale')]).toBe("ok\r\n'-2+3\r'@SUM(1)");
    expect(row[HEADER.indexOf('tags')]).toBe(`'-a; b;' "=HYPERLINK("http://evil.example")`);
    expect(semicolonCells(file).filter((cell) => FORMULA.test(cell))).toEqual([]);
  });

  it('keeps every cell text, quote marks aside, and lets no formula start in either kind of spreadsheet', () => {
    // No `'` in the text, so the ones neutralising adds are the only ones.
    const hostile = fc.string({ unit: fc.constantFrom('x', ' ', ';', ',', '\t', '\r', '\n', '"', '=', '+', '-', '@', '\uFF1D'), maxLength: 30 });
    fc.assert(
      fc.property(hostile, hostile, (statement, claimant) => {
        const file = renderCsv(newReport([newReportClaim({ statement, claimant })]));
        expect(file).toMatch(ALL_QUOTED);
        const parsed = rows(file);
        expect(parsed).toHaveLength(2);
        const row = parsed[1]!;
        expect(row).toHaveLength(HEADER.length);
        expect(row[HEADER.indexOf('statement')]!.replaceAll("'", '')).toBe(statement);
        expect(row[HEADER.indexOf('claimant')]!.replaceAll("'", '')).toBe(claimant);
        for (const cell of row) expect(cell).not.toMatch(FORMULA);
        expect(semicolonCells(file).filter((cell) => FORMULA.test(cell))).toEqual([]);
      }),
    );
  });
});
