import { cut } from './cut';

describe('cut', () => {
  it('leaves a short text as it is', () => {
    expect(cut('short', 10)).toBe('short');
    expect(cut('1234567890', 10)).toBe('1234567890');
  });

  it('marks the cut with an ellipsis within the length', () => {
    expect(cut('1234567890abc', 10)).toBe('123456789…');
    expect(cut('1234567890abc', 10)).toHaveLength(10);
  });

  it('never keeps half an emoji', () => {
    // The emoji's halves sit at 8 and 9: a cut after 9 units would keep the first alone.
    const text = `12345678😀abc`;
    const shown = cut(text, 10);
    expect(shown).toBe('12345678…');
    expect(shown).not.toMatch(/[\ud800-\udbff]$/);
    expect(cut(`1234567😀abc`, 10)).toBe('1234567😀…');
  });
});
