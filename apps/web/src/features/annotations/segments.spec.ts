/// <reference types="jest" />
import { segmentRange, type Layer, type Segment } from './segments';

const layer = (key: string, start: number, end: number): Layer => ({ key, start, end });
const seg = (start: number, end: number, ...keys: string[]): Segment => ({ start, end, keys });

describe('segmentRange', () => {
  it('is one plain segment when nothing covers the range', () => {
    expect(segmentRange(0, 10, [])).toEqual([seg(0, 10)]);
  });

  it('cuts around a layer inside the range', () => {
    expect(segmentRange(0, 10, [layer('a', 3, 6)])).toEqual([seg(0, 3), seg(3, 6, 'a'), seg(6, 10)]);
  });

  it('splits overlapping layers so each part knows every layer over it', () => {
    expect(segmentRange(0, 10, [layer('a', 2, 6), layer('b', 4, 9)])).toEqual([
      seg(0, 2),
      seg(2, 4, 'a'),
      seg(4, 6, 'a', 'b'),
      seg(6, 9, 'b'),
      seg(9, 10),
    ]);
  });

  it('splits nested layers', () => {
    expect(segmentRange(0, 10, [layer('outer', 0, 10), layer('inner', 3, 5)])).toEqual([
      seg(0, 3, 'outer'),
      seg(3, 5, 'outer', 'inner'),
      seg(5, 10, 'outer'),
    ]);
  });

  it('lists keys in the order the layers were given', () => {
    const [, middle] = segmentRange(0, 10, [layer('inner', 3, 5), layer('outer', 0, 10)]);
    expect(middle).toEqual(seg(3, 5, 'inner', 'outer'));
  });

  it('handles several layers sharing boundaries without empty segments', () => {
    expect(segmentRange(0, 8, [layer('a', 2, 6), layer('b', 2, 6), layer('c', 6, 8)])).toEqual([
      seg(0, 2),
      seg(2, 6, 'a', 'b'),
      seg(6, 8, 'c'),
    ]);
  });

  it('clips layers to the range and ignores those outside or empty', () => {
    // A paragraph at [100, 120) of the text.
    const layers = [layer('before', 80, 100), layer('across', 90, 105), layer('after', 120, 130), layer('empty', 110, 110), layer('tail', 115, 140)];
    expect(segmentRange(100, 120, layers)).toEqual([seg(100, 105, 'across'), seg(105, 115), seg(115, 120, 'tail')]);
  });

  it('covers the range exactly, one segment after the other', () => {
    const layers = [layer('a', 1, 7), layer('b', 3, 4), layer('c', 5, 12), layer('d', 0, 2)];
    const segments = segmentRange(0, 12, layers);
    expect(segments[0]!.start).toBe(0);
    expect(segments.at(-1)!.end).toBe(12);
    for (let i = 1; i < segments.length; i += 1) expect(segments[i]!.start).toBe(segments[i - 1]!.end);
    expect(segments.every((s) => s.end > s.start)).toBe(true);
    expect(segments.map((s) => s.start)).toEqual([0, 1, 2, 3, 4, 5, 7]);
  });

  it('works in UTF-16 code units, so emoji stay whole', () => {
    const text = 'Fire 🔥 in 📍 Paris';
    const fire = text.indexOf('🔥');
    const pin = text.indexOf('📍');
    expect([fire, pin]).toEqual([5, 11]);
    const layers = [layer('fire', fire, fire + 2), layer('from-fire', fire, pin + 2), layer('pin', pin, pin + 2)];
    const segments = segmentRange(0, text.length, layers);
    expect(segments).toEqual([
      seg(0, 5),
      seg(5, 7, 'fire', 'from-fire'),
      seg(7, 11, 'from-fire'),
      seg(11, 13, 'from-fire', 'pin'),
      seg(13, 19),
    ]);
    const pieces = segments.map((s) => text.slice(s.start, s.end));
    expect(pieces).toEqual(['Fire ', '🔥', ' in ', '📍', ' Paris']);
    expect(pieces.join('')).toBe(text);
  });

  it('is empty for an empty range', () => {
    expect(segmentRange(5, 5, [layer('a', 0, 10)])).toEqual([]);
  });
});
