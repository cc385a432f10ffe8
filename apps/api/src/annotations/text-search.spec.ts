import { occurrences } from './text-search';

/** Every start of `needle` in text[from, to), by brute force. */
function naive(text: string, needle: string, max: number, from = 0, to = text.length): number[] {
  const found: number[] = [];
  for (let i = from; i + needle.length <= to && found.length < max; i++) if (text.startsWith(needle, i)) found.push(i);
  return found;
}

describe('occurrences', () => {
  let seed = 11;
  const next = (n: number) => (seed = (seed * 48_271) % 2_147_483_647) % n;
  const random = (length: number, alphabet: string) => Array.from({ length }, () => alphabet[next(alphabet.length)]).join('');

  it('agrees with a brute-force search on short and long needles over small alphabets', () => {
    for (let round = 0; round < 400; round++) {
      const alphabet = ['ab', 'abc', 'a b'][round % 3]!;
      const text = random(200 + next(2_000), alphabet);
      // Needles cut from the text (so they occur), periodic ones, and random ones; some longer than the probe.
      const length = 1 + next(round % 2 ? 120 : 20);
      const at = next(Math.max(1, text.length - length));
      const needle = [text.slice(at, at + length), 'ab'.repeat(1 + (length >> 1)), random(length, alphabet)][round % 3]!;
      const from = next(50);
      const to = text.length - next(50);
      const max = [1, 2, 1_000][round % 3]!;
      expect(occurrences(text, needle, max, from, to)).toEqual(naive(text, needle, max, from, to));
    }
  });

  it('finds every overlapping occurrence in periodic text, past the point where it stops trusting indexOf', () => {
    const text = 'ab'.repeat(5_000);
    const needle = 'ab'.repeat(100);
    expect(occurrences(text, needle, 10_000)).toEqual(naive(text, needle, 10_000));
  });

  it('stays linear where indexOf is not: a long run of one letter against a longer run', () => {
    const text = ('a'.repeat(9_999) + 'b').repeat(50);
    const needle = 'a'.repeat(15_000);
    expect(occurrences(text, needle, 2)).toEqual([]);
    expect(occurrences(text + needle, needle, 2)).toEqual([text.length]);
  });

  it('finds nothing for an empty needle or no room', () => {
    expect(occurrences('abc', '', 5)).toEqual([]);
    expect(occurrences('abc', 'abcd', 5)).toEqual([]);
    expect(occurrences('abcabc', 'abc', 0)).toEqual([]);
  });
});
