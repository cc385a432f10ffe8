/// <reference types="jest" />
import { DEFAULT_RATING_SCALE } from '@corroborate/contracts';
import { keyFromLabel, moveRating, newRating, replaceRating, scaleErrors } from './scaleEditor';

const keys = (list: { key: string }[]) => list.map((r) => r.key);

describe('the scale editor', () => {
  it('makes a key from a label, unique within the scale', () => {
    expect(keyFromLabel('Partly false', [])).toBe('partly-false');
    expect(keyFromLabel('  Élan & Co!  ', [])).toBe('elan-co');
    expect(keyFromLabel('False', ['false', 'false-2'])).toBe('false-3');
    expect(keyFromLabel('!!!', [])).toBe('rating');
    expect(keyFromLabel('a'.repeat(30) + ' ' + 'b'.repeat(30), []).length).toBeLessThanOrEqual(36);
  });

  it('adds a rating on the same schema.org range, valid for the API', () => {
    const added = newRating(DEFAULT_RATING_SCALE, ' Satire ');
    expect(added).toMatchObject({ key: 'satire', label: 'Satire', alternateName: 'Satire', bestRating: 5, worstRating: 1, ratingValue: 3 });
    expect(scaleErrors([...DEFAULT_RATING_SCALE, added])).toEqual({});
  });

  it('moves a rating, clamped at the ends', () => {
    expect(keys(moveRating(DEFAULT_RATING_SCALE, 1, -1)).slice(0, 2)).toEqual(['mostly-true', 'true']);
    expect(keys(moveRating(DEFAULT_RATING_SCALE, 0, -1))).toEqual(keys(DEFAULT_RATING_SCALE));
    expect(keys(moveRating(DEFAULT_RATING_SCALE, 6, 1))).toEqual(keys(DEFAULT_RATING_SCALE));
  });

  it('names what the API would refuse, by field', () => {
    const bad = replaceRating(DEFAULT_RATING_SCALE, 2, { colour: 'orange', label: '' });
    expect(Object.keys(scaleErrors(bad)).sort()).toEqual(['2.colour', '2.label']);
    expect(scaleErrors([DEFAULT_RATING_SCALE[0]!])).toEqual({ scale: 'a scale needs at least two ratings' });
    expect(scaleErrors([DEFAULT_RATING_SCALE[0]!, DEFAULT_RATING_SCALE[0]!])).toEqual({ scale: 'keys must be unique' });
  });
});
