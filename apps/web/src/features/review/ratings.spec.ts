/// <reference types="jest" />
import { DEFAULT_RATING_SCALE } from '@corroborate/contracts';
import { contrastRatio, finalRating, ratingLook, textOn } from './ratings';

describe('ratingLook', () => {
  it('reads a rating from the scale, and shows an unknown key plainly', () => {
    expect(ratingLook(DEFAULT_RATING_SCALE, 'mostly-false')).toMatchObject({ label: 'Mostly false', colour: '#d9480f' });
    expect(ratingLook(DEFAULT_RATING_SCALE, 'satire')).toEqual({ key: 'satire', label: 'satire', colour: '#495057', description: '' });
    expect(ratingLook(undefined, 'false').label).toBe('false');
  });
});

describe('textOn', () => {
  it('picks black on light colours and white on dark ones', () => {
    expect(textOn('#ffffff')).toBe('#000000');
    expect(textOn('#ffd43b')).toBe('#000000');
    expect(textOn('#000000')).toBe('#ffffff');
    expect(textOn('#862e9c')).toBe('#ffffff');
  });

  it('always reaches WCAG AA (4.5:1), for every default rating and colours across the range', () => {
    const colours = [...DEFAULT_RATING_SCALE.map((r) => r.colour), '#777777', '#808080', '#e67700', '#00ff00', '#ff0000', '#0000ff'];
    for (const c of colours) expect(contrastRatio(c, textOn(c))).toBeGreaterThanOrEqual(4.5);
  });

  it('computes the contrast ratio of the WCAG definition', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});

describe('finalRating', () => {
  it('is the rating of a resolved claim only', () => {
    expect(finalRating({ status: 'resolved', rating: 'false' }, DEFAULT_RATING_SCALE)?.label).toBe('False');
    expect(finalRating({ status: 'in_review', rating: null }, DEFAULT_RATING_SCALE)).toBeNull();
    // Reopened for review: the old rating no longer stands.
    expect(finalRating({ status: 'in_review', rating: 'false' }, DEFAULT_RATING_SCALE)).toBeNull();
  });
});
