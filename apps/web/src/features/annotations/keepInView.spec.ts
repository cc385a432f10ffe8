/// <reference types="jest" />
import { horizontalShift } from './keepInView';

describe('horizontalShift', () => {
  it('leaves a box that fits where it is', () => {
    expect(horizontalShift(20, 300, 390)).toBe(0);
  });

  it('moves a box cut off on the left or the right back inside, 8 px from the edge', () => {
    expect(horizontalShift(-60, 220, 390)).toBe(68);
    expect(horizontalShift(200, 450, 390)).toBe(-68);
  });

  it('puts a box wider than the window at its left edge', () => {
    expect(horizontalShift(-10, 500, 390)).toBe(18);
  });
});
