import { createHash } from 'node:crypto';
import { convertForStorage, countWords, findParagraphs, toCanonicalText } from './canonical-text';
import { MAX_NESTING, nestingDepth } from './nesting';

describe('toCanonicalText', () => {
  it('keeps plain text as it is apart from line endings', () => {
    const result = toCanonicalText({ text: '  Title\r\n\r\nFirst line\rsecond line.\n\n\nLast 🙂 café\n' });
    expect(result.text).toBe('  Title\n\nFirst line\nsecond line.\n\n\nLast 🙂 café\n');
    expect(result.sha256).toBe(createHash('sha256').update(result.text).digest('hex'));
    expect(result.sourceFormat).toBe('text');
    expect(result.wordCount).toBe(8);
  });

  it('finds paragraphs as runs of non-blank lines, in UTF-16 offsets', () => {
    const text = '🙂 one\ntwo\n \t\nthree\n\n\nfour';
    const slices = findParagraphs(text).map((p) => text.slice(p.start, p.end));
    expect(slices).toEqual(['🙂 one\ntwo', 'three', 'four']);
  });

  it('finds the paragraphs and words the regular expressions they replace found', () => {
    // The definitions before the linear scans: quadratic on a long blank line, fine on short texts.
    const paragraphsByPattern = (text: string) =>
      // eslint-disable-next-line regexp/no-super-linear-move
      [...text.matchAll(/[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    let seed = 3;
    const next = (n: number) => (seed = (seed * 48_271) % 2_147_483_647) % n;
    const alphabet = ['a', 'b', ' ', '\n', '\n', '\t', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u0085', '🙂'];
    for (let round = 0; round < 500; round++) {
      const text = Array.from({ length: next(60) }, () => alphabet[next(alphabet.length)]).join('');
      expect(findParagraphs(text)).toEqual(paragraphsByPattern(text));
      expect(countWords(text)).toBe(text.match(/\S+/g)?.length ?? 0);
    }
  });

  it('turns tables into a line per row with tab-separated cells', () => {
    const html = '<p>Before</p><table><caption>Votes</caption><thead><tr><th>Party</th><th>Seats</th></tr></thead>\n<tbody>\n<tr>\n<td>Left</td> <td>12 <b>new</b></td></tr><tr><td></td><td>4</td></tr></tbody></table><p>After</p>';
    expect(toCanonicalText({ html }).text).toBe('Before\n\nVotes\nParty\tSeats\nLeft\t12 new\n\t4\n\nAfter');
    expect(toCanonicalText({ markdown: 'Before\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nAfter' }).text).toBe('Before\n\nA\tB\n1\t2\n\nAfter');
  });

  it('converts for storage with the offsets as JSON, refusing a body with no readable text', () => {
    const converted = convertForStorage({ markdown: '# Title\n\nBody.' });
    expect(converted).toMatchObject({ text: 'Title\n\nBody.', sourceFormat: 'markdown', wordCount: 2 });
    expect(JSON.parse(converted.paragraphsJson)).toEqual([{ start: 0, end: 5 }, { start: 7, end: 12 }]);
    expect(() => convertForStorage({ html: '<p> \u00a0 </p><script>x()</script>' })).toThrow('html: contains no readable text');
  });

  it('drops scripts, styles and markup from HTML but keeps paragraphs and entities', () => {
    const result = toCanonicalText({
      html: '<html><head><title>Page title</title></head><h1>Head</h1><script>alert(1)</script><style>p{}</style><p>One &amp; <b>two</b></p><p>Three<img src=x onerror=alert(1)></p>',
    });
    expect(result.text).toBe('Head\n\nOne & two\n\nThree');
    expect(result.paragraphs).toHaveLength(3);
    expect(result.sourceFormat).toBe('html');
  });

  it('renders Markdown to text without its markup and without raw HTML', () => {
    const result = toCanonicalText({ markdown: '# Title\n\nSome *emphasis* and [a link](https://x.org).\n\n<script>x()</script>\n\n- item' });
    expect(result.text.endsWith('\n\n• item')).toBe(true);
    expect(result.text).not.toMatch(/[*#[\]]|script|x\(\)/);
    expect(result.text.startsWith('Title\n\nSome emphasis and a link.')).toBe(true);
    expect(result.paragraphs.length).toBeGreaterThanOrEqual(3);
  });
});

describe('nesting depth', () => {
  it('counts open elements, closed, unclosed and void alike', () => {
    expect(nestingDepth('<p>a</p><p>b</p>')).toBe(1);
    expect(nestingDepth('<div><section><p>x<em>y</em></p></section></div>')).toBe(4);
    // A void element is a level of its own, closed at once.
    expect(nestingDepth('<p>x<br>y<br>z</p>')).toBe(2);
    expect(nestingDepth('<div>'.repeat(7))).toBe(7);
    expect(nestingDepth('<p>x'.repeat(1_000))).toBe(1);
    expect(nestingDepth('plain text')).toBe(0);
  });

  it('stops counting once past the limit', () => {
    expect(nestingDepth('<b>'.repeat(100_000), 10)).toBe(11);
  });

  it('converts markup nested up to the limit and refuses deeper markup, naming the body', () => {
    const nested = (depth: number) => '<blockquote>'.repeat(depth) + 'deep' + '</blockquote>'.repeat(depth);
    expect(toCanonicalText({ html: nested(MAX_NESTING) }).text).toContain('deep');
    expect(() => toCanonicalText({ html: nested(MAX_NESTING + 1) })).toThrow(/html: nests elements more than 200 levels deep/);
    expect(() => toCanonicalText({ markdown: '<div>'.repeat(MAX_NESTING + 1) + 'x' })).toThrow(/^markdown: nests elements/);
  });

  // Markup that reads shallow to htmlparser2 but that parse5 (which builds the tree walked) nests deep.
  const foreign = '<svg><style>' + '<x>'.repeat(160_000);
  const adopted = ('<b>' + '<div>'.repeat(150) + '</b>').repeat(7);

  it('measures the tree parse5 builds: foreign content and the adoption agency nest deeper than the markup reads', () => {
    for (const html of [foreign, adopted]) {
      expect(nestingDepth(html, MAX_NESTING)).toBeLessThanOrEqual(MAX_NESTING);
      expect(() => toCanonicalText({ html })).toThrow(/^html: nests elements more than 200 levels deep$/);
      expect(() => toCanonicalText({ html, field: 'url', url: 'https://news.example/story' })).toThrow(/^url: nests elements/);
      expect(() => toCanonicalText({ markdown: html })).toThrow(/^markdown: nests elements/);
    }
    // A whole page (Readability's path) is measured before it is walked too.
    expect(() => toCanonicalText({ html: `<title>Page</title>${foreign}` })).toThrow(/^html: nests elements/);
  });

  it('measures the tree linkedom builds for Readability, which knows fewer void elements than parse5', () => {
    const html = '<title>Page</title><svg><style><p>' + '<bgsound>'.repeat(50_000) + 'text';
    expect(nestingDepth(html, MAX_NESTING)).toBeLessThanOrEqual(MAX_NESTING);
    expect(() => toCanonicalText({ html })).toThrow(/^html: nests elements more than 200 levels deep$/);
  });

  it('does not count the <html> and <body> every document has, on either parser', () => {
    const nested = '<div>'.repeat(MAX_NESTING) + 'deep';
    expect(toCanonicalText({ html: nested }).text).toBe('deep');
    // A whole page also goes through linkedom's tree, measured the same way.
    expect(toCanonicalText({ html: `<title>Page</title><p>Kept.</p>${nested}` }).text).toContain('Kept.');
  });
});
