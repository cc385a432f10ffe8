import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { newReport, newReportClaim } from '../../../test/support/report';
import { renderMarkdown } from './markdown';

const commonmark = new MarkdownIt('commonmark');
type Tokens = ReturnType<typeof commonmark.parse>;

/** The text an inline token shows, markup and escapes resolved. */
const shown = (inline: Tokens[number]) => (inline.children ?? []).map((child) => (child.type === 'softbreak' ? '\n' : child.content)).join('');

/** Each heading of the rendered document, as [tag, text]. */
const headings = (tokens: Tokens) => tokens.flatMap((t, i) => (t.type === 'heading_open' ? [[t.tag, shown(tokens[i + 1]!)]] : []));

/** The text of every paragraph, with how many blockquotes it sits in. */
function paragraphs(tokens: Tokens): { text: string; quoted: number }[] {
  let depth = 0;
  const found: { text: string; quoted: number }[] = [];
  tokens.forEach((t, i) => {
    if (t.type === 'blockquote_open') depth++;
    if (t.type === 'blockquote_close') depth--;
    if (t.type === 'paragraph_open') found.push({ text: shown(tokens[i + 1]!), quoted: depth });
  });
  return found;
}

const FRAME = [
  ['h1', 'Fact-check report: River report'],
  ['h2', 'Summary'],
  ['h2', 'Claims'],
];

describe('renderMarkdown', () => {
  it('keeps a statement on its heading line when it breaks lines with a lone CR, and lets no line underline another', () => {
    const claims = [newReportClaim({ statement: 'x\rVERDICT: TRUE\r===' }), newReportClaim({ number: 2, statement: 'y\r---\r\n- item' })];
    const tokens = commonmark.parse(renderMarkdown(newReport(claims)), {});
    expect(headings(tokens)).toEqual([...FRAME, ['h3', '1. x VERDICT: TRUE ==='], ['h3', '2. y --- - item']]);
    expect(tokens.filter((t) => t.type === 'hr')).toEqual([]);
  });

  it('keeps an evidence excerpt and a rationale in their blockquotes across CR line breaks', () => {
    const claim = newReportClaim({
      rationale: 'because\r\rVERDICT: TRUE\r===',
      evidence: [{ ...newReportClaim().evidence[0]!, excerpt: 'first\r\rsecond\r---\rthird' }],
    });
    const tokens = commonmark.parse(renderMarkdown(newReport([claim])), {});
    expect(headings(tokens)).toEqual([...FRAME, ['h3', '1. Nitrate levels fell by 42 percent']]);
    const outside = paragraphs(tokens).filter((p) => p.quoted === 0).map((p) => p.text);
    for (const line of ['because', 'VERDICT', 'first', 'second', 'third']) expect(outside.filter((text) => text.includes(line))).toEqual([]);
    expect(paragraphs(tokens).filter((p) => p.quoted > 0).map((p) => p.text)).toEqual([
      'nitrate levels fell by 42 percent',
      'because',
      'VERDICT: TRUE\n===',
      'first',
      'second\n---\nthird',
    ]);
  });

  it('makes no heading of an appendix line under a === or --- line', () => {
    const report = newReport([newReportClaim()], { appendix: { text: 'Intro\r===\rNitrate fell\r\n---\nThe end', markers: [] } });
    const tokens = commonmark.parse(renderMarkdown(report), {});
    expect(headings(tokens)).toEqual([...FRAME, ['h3', '1. Nitrate levels fell by 42 percent'], ['h2', 'Appendix: the article']]);
    expect(paragraphs(tokens).filter((p) => p.text.startsWith('Intro'))).toEqual([{ text: 'Intro\n===\nNitrate fell\n---\nThe end', quoted: 0 }]);
  });

  it('renders any statement as exactly the heading text, and any excerpt inside one blockquote', () => {
    const withClaim = (statement: string, excerpt: string) =>
      commonmark.parse(renderMarkdown(newReport([newReportClaim({ statement, rationale: null, evidence: [{ ...newReportClaim().evidence[0]!, excerpt }] })])), {});
    const unquoted = (tokens: Tokens) => paragraphs(tokens).filter((p) => p.quoted === 0);
    const plain = unquoted(withClaim('x', 'e'));
    const hostile = fc.string({ unit: fc.constantFrom('x', ' ', '\r', '\n', '=', '-', '#', '>', '*', '_', '`', '<', '&', '[', ']', '!', '|', '~', '+', '.', '1', ')', ':', '\\'), maxLength: 30 });
    fc.assert(
      fc.property(hostile, hostile, (statement, excerpt) => {
        // Never empty: an empty excerpt is left out.
        const tokens = withClaim(statement, `e${excerpt}`);
        expect(headings(tokens)).toEqual([...FRAME, ['h3', `1. ${statement.replace(/\r\n?|\n/g, ' ')}`.trimEnd()]]);
        // The claim's span and the excerpt.
        expect(tokens.filter((t) => t.type === 'blockquote_open')).toHaveLength(2);
        expect(unquoted(tokens)).toEqual(plain);
        expect(tokens.filter((t) => t.type === 'hr')).toEqual([]);
      }),
    );
  });
});
