/// <reference types="jest" />
import { annotation, uuid } from '../../test/fixtures';
import { highlightFills, MAX_FILLS } from './components/HighlightedRange';
import { MOTIVATION_LOOK } from './motivations';

const { fill, faded } = MOTIVATION_LOOK.commenting;
const comment = (n: number, over = {}) => annotation({ id: uuid(n), motivation: 'commenting', ...over });

describe('highlightFills', () => {
  it('layers one fill per note, up to a bound, however many overlap', () => {
    expect(highlightFills([comment(1)])).toEqual([fill]);
    const many = Array.from({ length: 9 }, (_, i) => comment(i + 1));
    expect(highlightFills(many)).toHaveLength(MAX_FILLS);
  });

  it('fades resolved notes and those the filter hides, and puts the shown ones first', () => {
    const shown = comment(1);
    const resolved = comment(2, { resolved: true });
    const hidden = comment(3);
    expect(highlightFills([resolved, hidden, shown], new Set([hidden.id]))).toEqual([fill, faded, faded]);
    const crowd = [comment(4, { resolved: true }), comment(5, { resolved: true }), comment(6, { resolved: true }), shown];
    expect(highlightFills(crowd)[0]).toBe(fill);
  });
});
