import { parseHeadline, snippetHtml, START, STOP, WINDOW_STEMS, windowAround } from './snippets';

describe('search snippets', () => {
  it('turns ts_headline markers into ranges, on one line', () => {
    const snippet = parseHeadline(`\n\nThe ${START}river${STOP} is\n\n${START}cleaner${STOP} now `);
    expect(snippet.text).toBe('The river is cleaner now');
    expect(snippet.highlights.map((h) => snippet.text.slice(h.start, h.end))).toEqual(['river', 'cleaner']);
  });

  it('drops stray or empty markers', () => {
    expect(parseHeadline(`a ${STOP}b${START}${STOP} c ${START}d`)).toEqual({ text: 'a b c d', highlights: [{ start: 6, end: 7 }] });
  });

  it('escapes everything but its own <mark>', () => {
    const html = snippetHtml(parseHeadline(`<img src=x onerror="alert(1)"> & ${START}<b>bold</b>${STOP} 'q'`));
    expect(html).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; <mark>&lt;b&gt;bold&lt;/b&gt;</mark> &#39;q&#39;');
  });

  it('finds the window around the first word a stem begins, in UTF-16 offsets', () => {
    const text = `${'🌊 filler words here. '.repeat(200)}The studies were unbalanced. ${'more filler. '.repeat(200)}`;
    const at = text.indexOf('studies');
    const w = windowAround(text, ['studi', 'unbalanc'], 200);
    expect(w.match).toEqual({ start: at, end: at + 'studies'.length });
    expect(w.start).toBeLessThanOrEqual(at);
    expect(w.end).toBeGreaterThan(text.indexOf('unbalanced'));
    expect(w.end - w.start).toBeLessThan(600);
    // Whole words (and whole surrogate pairs) at both ends.
    expect(/\s/.test(text[w.start - 1] ?? ' ')).toBe(true);
    expect(() => encodeURIComponent(text.slice(w.start, w.end))).not.toThrow();
  });

  it('looks for the first WINDOW_STEMS stems only, however many words the query has', () => {
    const text = `${'filler words here. '.repeat(100)}early mention. ${'more filler. '.repeat(100)}late word.`;
    const absent = Array.from({ length: WINDOW_STEMS }, (_, i) => `absent${i}`);
    expect(windowAround(text, [...absent, 'earli'], 200).match).toBeNull();
    expect(windowAround(text, [...absent.slice(1), 'late'], 200).match?.start).toBe(text.indexOf('late word'));
  });

  it('falls back to the start when no word matches', () => {
    expect(windowAround('Nothing to see here.', ['zebra'], 100)).toEqual({ start: 0, end: 20, match: null });
    expect(windowAround('Nothing to see here.', ['('], 100).match).toBeNull();
  });
});
