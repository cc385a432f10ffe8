import { createHash } from 'node:crypto';
import { findParagraphs, MAX_NESTING, nestingDepth, toCanonicalText } from './canonical-text';

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
});
