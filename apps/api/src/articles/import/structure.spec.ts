import type { Block, Mark } from '@corroborate/contracts';
import { MAX_STRUCTURE, toCanonicalText } from './canonical-text';

const LEAVES = new Set(['heading', 'paragraph', 'preformatted']);

/** What each range selects, with its kind: the structure read back from the text. */
const read = (text: string, ranges: (Block | Mark)[]) =>
  ranges.map((r) => {
    const { start, end, ...rest } = r;
    return { ...rest, text: text.slice(start, end) };
  });

/** Text outside every leaf is only separators and list markers. */
function outsideLeaves(text: string, blocks: Block[]): string {
  let outside = '';
  let at = 0;
  for (const b of blocks.filter((b) => LEAVES.has(b.type))) {
    expect(b.start).toBeGreaterThanOrEqual(at);
    outside += text.slice(at, b.start);
    at = b.end;
  }
  return outside + text.slice(at);
}

/** Ranges of one kind nest or are apart. */
function expectLaminar(ranges: { start: number; end: number }[]) {
  for (const a of ranges)
    for (const b of ranges) {
      const apart = a.end <= b.start || b.end <= a.start;
      const nested = (a.start <= b.start && b.end <= a.end) || (b.start <= a.start && a.end <= b.end);
      expect(apart || nested).toBe(true);
    }
}

describe('structure beside the canonical text', () => {
  it('keeps headings, paragraphs, lists, block quotes, links and emphasis from HTML', () => {
    const html =
      '<h1>River report</h1><p>The <a href="https://example.org/data?x=1">agency data</a> shows <em>fewer</em> spills.</p>' +
      '<h3>What changed</h3><ul><li>New <strong>filters</strong></li><li>Fines<ol start="3"><li>first</li><li>second</li></ol></li></ul>' +
      '<blockquote><p>We are not done.</p><p>Not yet.</p></blockquote><pre>\n  a = 1\n  b = 2\n</pre>';
    const { text, blocks, marks } = toCanonicalText({ html });
    expect(text).toBe(
      'River report\n\nThe agency data shows fewer spills.\n\nWhat changed\n\n• New filters\n• Fines\n3. first\n4. second\n\nWe are not done.\n\nNot yet.\n\n  a = 1\n  b = 2',
    );
    expect(read(text, blocks)).toEqual([
      { type: 'heading', level: 1, text: 'River report' },
      { type: 'paragraph', text: 'The agency data shows fewer spills.' },
      { type: 'heading', level: 3, text: 'What changed' },
      { type: 'list', ordered: false, text: 'New filters\n• Fines\n3. first\n4. second' },
      { type: 'listItem', text: 'New filters' },
      { type: 'paragraph', text: 'New filters' },
      { type: 'listItem', text: 'Fines\n3. first\n4. second' },
      { type: 'paragraph', text: 'Fines' },
      { type: 'list', ordered: true, first: 3, text: 'first\n4. second' },
      { type: 'listItem', text: 'first' },
      { type: 'paragraph', text: 'first' },
      { type: 'listItem', text: 'second' },
      { type: 'paragraph', text: 'second' },
      { type: 'blockquote', text: 'We are not done.\n\nNot yet.' },
      { type: 'paragraph', text: 'We are not done.' },
      { type: 'paragraph', text: 'Not yet.' },
      { type: 'preformatted', text: '  a = 1\n  b = 2' },
    ]);
    expect(read(text, marks)).toEqual([
      { type: 'link', href: 'https://example.org/data?x=1', text: 'agency data' },
      { type: 'emphasis', text: 'fewer' },
      { type: 'strong', text: 'filters' },
    ]);
    expect(outsideLeaves(text, blocks)).toMatch(/^[•\s\d.]*$/);
    expectLaminar(blocks);
  });

  it('keeps the same structure from Markdown', () => {
    const markdown = '# Title\n\nA [source](https://example.org/a) and *this*.\n\n> quoted\n\n1. one\n2. two\n\n- [mail](mailto:desk@example.org)';
    const { text, blocks, marks } = toCanonicalText({ markdown });
    expect(text).toBe('Title\n\nA source and this.\n\nquoted\n\n1. one\n2. two\n\n• mail');
    expect(read(text, blocks).filter((b) => LEAVES.has(b.type) || b.type === 'list' || b.type === 'blockquote')).toEqual([
      { type: 'heading', level: 1, text: 'Title' },
      { type: 'paragraph', text: 'A source and this.' },
      { type: 'blockquote', text: 'quoted' },
      { type: 'paragraph', text: 'quoted' },
      { type: 'list', ordered: true, first: 1, text: 'one\n2. two' },
      { type: 'paragraph', text: 'one' },
      { type: 'paragraph', text: 'two' },
      { type: 'list', ordered: false, text: 'mail' },
      { type: 'paragraph', text: 'mail' },
    ]);
    expect(read(text, marks)).toEqual([
      { type: 'link', href: 'https://example.org/a', text: 'source' },
      { type: 'emphasis', text: 'this' },
      { type: 'link', href: 'mailto:desk@example.org', text: 'mail' },
    ]);
  });

  it('keeps only http, https and mailto links, resolving relative ones against the page', () => {
    const html =
      '<p><a href="javascript:alert(1)">one</a> <a href="data:text/html,x">two</a> <a href="/rel">three</a> <a href="ftp://x.org/f">four</a> <a href="HTTPS://Example.org">five</a></p>';
    const alone = toCanonicalText({ html });
    expect(alone.text).toBe('one two three four five');
    expect(alone.marks).toEqual([{ type: 'link', href: 'https://example.org/', start: 19, end: 23 }]);
    const fetched = toCanonicalText({ html, url: 'https://news.example.com/story/1' });
    expect(read(fetched.text, fetched.marks)).toEqual([
      { type: 'link', href: 'https://news.example.com/rel', text: 'three' },
      { type: 'link', href: 'https://example.org/', text: 'five' },
    ]);
  });

  it('counts offsets in UTF-16 code units and puts text outside blocks into paragraphs of their own', () => {
    const html = 'Loose 🙂 <i>text</i><div>in a div</div>tail<br>line<table><tr><td>a</td><td></td><td>c</td></tr></table>';
    const { text, blocks, marks } = toCanonicalText({ html });
    expect(text).toBe('Loose 🙂 text\n\nin a div\n\ntail\nline\n\na\t\tc');
    expect(read(text, blocks.filter((b) => LEAVES.has(b.type)))).toEqual([
      { type: 'paragraph', text: 'Loose 🙂 text' },
      { type: 'paragraph', text: 'in a div' },
      { type: 'paragraph', text: 'tail\nline' },
      { type: 'paragraph', text: 'a' },
      { type: 'paragraph', text: 'c' },
    ]);
    expect(marks).toEqual([{ type: 'emphasis', start: 9, end: 13 }]);
    expect(blocks.filter((b) => b.type === 'tableCell')).toHaveLength(2);
  });

  it('keeps a document with more structure than an article has as plain paragraphs, its text unchanged', () => {
    const row = (cells: number) => `<table><tr>${'<td>x</td>'.repeat(cells)}</tr></table>`;
    const within = toCanonicalText({ html: row(100) });
    expect(within.blocks.length).toBeGreaterThan(100);
    const beyond = toCanonicalText({ html: row(MAX_STRUCTURE) });
    expect({ blocks: beyond.blocks, marks: beyond.marks }).toEqual({ blocks: [], marks: [] });
    expect(beyond.text.split('x')).toHaveLength(MAX_STRUCTURE + 1);
    expect(beyond.paragraphs.length).toBeGreaterThan(0);
  });

  it('has no structure for plain text', () => {
    expect(toCanonicalText({ text: '# Not a heading\n\n- nor a list' })).toMatchObject({ blocks: [], marks: [] });
  });
});
