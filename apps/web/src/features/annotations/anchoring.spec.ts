/// <reference types="jest" />
import { QUOTE_CONTEXT } from '@corroborate/contracts';
import { spanSelectors, trimSpan } from './anchoring';

// 100 characters: '0abcdefghi1abcdefghi…9abcdefghi', the digit marks each ten so slices read easily.
const TEXT = Array.from({ length: 10 }, (_, i) => `${i}abcdefghi`).join('');

describe('spanSelectors', () => {
  it('uses 32 characters of context', () => {
    expect(QUOTE_CONTEXT).toBe(32);
  });

  it('takes 32 characters either side in the middle of the text', () => {
    const [quote, position] = spanSelectors(TEXT, { start: 40, end: 50 });
    expect(quote).toEqual({
      type: 'TextQuoteSelector',
      exact: '4abcdefghi',
      prefix: 'hi1abcdefghi2abcdefghi3abcdefghi',
      suffix: '5abcdefghi6abcdefghi7abcdefghi8a',
    });
    expect(quote.prefix).toBe(TEXT.slice(8, 40));
    expect(quote.suffix).toBe(TEXT.slice(50, 82));
    expect(position).toEqual({ type: 'TextPositionSelector', start: 40, end: 50 });
  });

  it('shortens the prefix at the start of the text', () => {
    expect(spanSelectors(TEXT, { start: 0, end: 3 })[0]).toMatchObject({ exact: '0ab', prefix: '', suffix: TEXT.slice(3, 35) });
    expect(spanSelectors(TEXT, { start: 10, end: 12 })[0]).toMatchObject({ prefix: '0abcdefghi', suffix: TEXT.slice(12, 44) });
    // Exactly 32 characters before: the whole start of the text.
    expect(spanSelectors(TEXT, { start: 32, end: 33 })[0].prefix).toBe(TEXT.slice(0, 32));
  });

  it('shortens the suffix at the end of the text', () => {
    expect(spanSelectors(TEXT, { start: 97, end: 100 })[0]).toMatchObject({ exact: 'ghi', prefix: TEXT.slice(65, 97), suffix: '' });
    expect(spanSelectors(TEXT, { start: 80, end: 90 })[0]).toMatchObject({ suffix: '9abcdefghi' });
    expect(spanSelectors(TEXT, { start: 60, end: 68 })[0].suffix).toBe(TEXT.slice(68, 100));
  });

  it('has no context when the span is the whole text', () => {
    const [quote, position] = spanSelectors('short', { start: 0, end: 5 });
    expect(quote).toEqual({ type: 'TextQuoteSelector', exact: 'short', prefix: '', suffix: '' });
    expect(position).toEqual({ type: 'TextPositionSelector', start: 0, end: 5 });
  });

  it('counts UTF-16 code units, as the API does', () => {
    const text = '🔥 Claim: 3× more 🌍 emissions';
    const start = text.indexOf('🌍');
    expect(start).toBe(18);
    const [quote, position] = spanSelectors(text, { start, end: start + 2 });
    expect(quote).toEqual({ type: 'TextQuoteSelector', exact: '🌍', prefix: '🔥 Claim: 3× more ', suffix: ' emissions' });
    expect(position).toEqual({ type: 'TextPositionSelector', start: 18, end: 20 });
  });

  it('maps back: position and quote point at the same text', () => {
    const text = `${'x'.repeat(50)}needle${'y'.repeat(50)}`;
    const [quote, position] = spanSelectors(text, { start: 50, end: 56 });
    expect(text.slice(position.start, position.end)).toBe(quote.exact);
    expect(text.slice(0, position.start).endsWith(quote.prefix)).toBe(true);
    expect(text.slice(position.end).startsWith(quote.suffix)).toBe(true);
    expect(quote.prefix).toHaveLength(32);
    expect(quote.suffix).toHaveLength(32);
  });
});

describe('trimSpan', () => {
  const text = 'One.  Two three.\n\nFour\u00a0';

  it('trims whitespace at both ends', () => {
    expect(trimSpan(text, { start: 4, end: 10 })).toEqual({ start: 6, end: 9 });
    expect(text.slice(6, 9)).toBe('Two');
  });

  it('leaves a span without surrounding whitespace as it is', () => {
    expect(trimSpan(text, { start: 10, end: 16 })).toEqual({ start: 10, end: 16 });
  });

  it('treats line breaks and non-breaking spaces as whitespace', () => {
    expect(trimSpan(text, { start: 15, end: text.length })).toEqual({ start: 15, end: 22 });
    expect(text.slice(15, 22)).toBe('.\n\nFour');
  });

  it('is null when only whitespace is covered', () => {
    expect(trimSpan(text, { start: 4, end: 6 })).toBeNull();
    expect(trimSpan(text, { start: 16, end: 18 })).toBeNull();
  });

  it('clamps a span that reaches past the text', () => {
    expect(trimSpan('abc', { start: -4, end: 10 })).toEqual({ start: 0, end: 3 });
  });

  it('is null for an empty or reversed span', () => {
    expect(trimSpan('abc', { start: 2, end: 2 })).toBeNull();
    expect(trimSpan('abc', { start: 3, end: 1 })).toBeNull();
  });
});
