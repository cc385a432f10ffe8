import { anchorAt } from './anchoring';
import { reanchor } from './reanchor';

const OLD = 'Musk spoke with Putin in 2022. The Kremlin denied it. Musk later said nothing.';
const at = (exact: string, from = 0) => {
  const start = OLD.indexOf(exact, from);
  return anchorAt(OLD, start, start + exact.length);
};

describe('reanchor', () => {
  it('keeps a span whose text has not moved', async () => {
    const result = await reanchor(at('Putin'), OLD.length, OLD + ' Added at the end.');
    expect(result).toMatchObject({ outcome: 'exact', anchor: { start: 16, end: 21, exact: 'Putin' } });
  });

  it('follows a quote that moved', async () => {
    const text = 'New opening sentence. ' + OLD;
    const result = await reanchor(at('The Kremlin denied it'), OLD.length, text);
    expect(result.outcome).toBe('moved');
    expect(text.slice(result.anchor!.start, result.anchor!.end)).toBe('The Kremlin denied it');
  });

  it('uses the context to choose between repeated quotes', async () => {
    const second = at('Musk', 5);
    const text = 'Intro. ' + OLD;
    const result = await reanchor(second, OLD.length, text);
    expect(result.anchor!.start).toBe(text.lastIndexOf('Musk'));
  });

  it('finds an edited quote approximately, with a score', async () => {
    const text = OLD.replace('The Kremlin denied it', 'The Kremlin has denied it');
    const result = await reanchor(at('The Kremlin denied it'), OLD.length, text);
    expect(result.outcome).toBe('fuzzy');
    expect(result.score).toBeGreaterThan(0.75);
    expect(result.score).toBeLessThan(1);
    expect(text.slice(result.anchor!.start, result.anchor!.end)).toContain('Kremlin');
  });

  it('orphans a quote that is gone', async () => {
    const result = await reanchor(at('The Kremlin denied it'), OLD.length, 'A completely different article about rivers.');
    expect(result).toEqual({ outcome: 'orphaned' });
  });
});
