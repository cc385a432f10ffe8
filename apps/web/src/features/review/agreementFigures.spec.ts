/// <reference types="jest" />
import { confusionGrid, formatKappa, formatPercent, kappaReading } from './agreementFigures';

describe('agreement figures', () => {
  it('formats shares and kappas, with a dash where a figure is undefined', () => {
    expect(formatPercent(0.7)).toBe('70.0%');
    expect(formatPercent(0.378)).toBe('37.8%');
    expect(formatPercent(null)).toBe('—');
    expect(formatKappa(0.4)).toBe('0.400');
    expect(formatKappa(null)).toBe('—');
  });

  it('reads kappa on the Landis and Koch bands', () => {
    expect(kappaReading(-0.1)).toBe('poor');
    expect(kappaReading(0.2)).toBe('slight');
    expect(kappaReading(0.4)).toBe('fair');
    expect(kappaReading(0.61)).toBe('substantial');
    expect(kappaReading(1)).toBe('almost perfect');
    expect(kappaReading(null)).toBeNull();
  });

  it('lays unordered pairs out at or above the diagonal, in scale order, leaving out unused ratings', () => {
    const grid = confusionGrid(
      [
        { a: 'true', b: 'true', count: 3 },
        { a: 'true', b: 'false', count: 2 },
        { a: 'false', b: 'satire', count: 1 },
      ],
      ['true', 'mostly-true', 'false'],
    );
    expect(grid.keys).toEqual(['true', 'false', 'satire']);
    expect(grid.counts).toEqual([
      [3, 2, 0],
      [0, 0, 1],
      [0, 0, 0],
    ]);
  });

  it('puts a pair given in scale-reverse order in the same cell', () => {
    expect(confusionGrid([{ a: 'false', b: 'true', count: 1 }], ['true', 'false']).counts).toEqual([
      [0, 1],
      [0, 0],
    ]);
  });
});
