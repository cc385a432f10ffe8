import { nextStep } from './useProgressiveCount';

describe('nextStep', () => {
  it('sizes the next step to the budget from what the last one cost', () => {
    // 12 items took 48 ms (4 ms each): 4 fit in 16 ms.
    expect(nextStep(12, 48, 16, 60)).toBe(4);
    // 4 items took 4 ms: the next could hold 16, but grows at most twofold.
    expect(nextStep(4, 4, 16, 60)).toBe(8);
  });

  it('never drops below one item, nor goes beyond the cap', () => {
    expect(nextStep(1, 500, 16, 60)).toBe(1);
    expect(nextStep(50, 1, 16, 60)).toBe(60);
  });

  it('doubles when the step took no measurable time', () => {
    expect(nextStep(6, 0, 16, 60)).toBe(12);
  });
});
