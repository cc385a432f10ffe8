import { cohenKappa, fleissKappa, percentAgreement } from './agreement';

/** Rows of category counts → one list of ratings per item. */
const fromCounts = (rows: number[][]) => rows.map((row) => row.flatMap((count, category) => Array<string>(count).fill(`c${category + 1}`)));

describe('agreement figures', () => {
  // Cohen (1960) as worked in the Wikipedia article "Cohen's kappa": 50 proposals read by
  // two readers; both yes 20, A yes B no 5, A no B yes 10, both no 15. po = 0.7, pe = 0.5, κ = 0.4.
  const proposals: [string, string][] = [
    ...Array<[string, string]>(20).fill(['yes', 'yes']),
    ...Array<[string, string]>(5).fill(['yes', 'no']),
    ...Array<[string, string]>(10).fill(['no', 'yes']),
    ...Array<[string, string]>(15).fill(['no', 'no']),
  ];

  it("computes Cohen's kappa of the worked example (0.4)", () => {
    expect(cohenKappa(proposals)).toBe(0.4);
  });

  it('computes the percentage agreement of the worked example (0.7)', () => {
    expect(percentAgreement(proposals)).toBe(0.7);
  });

  // Fleiss (1971) as worked in the Wikipedia article "Fleiss' kappa": 10 subjects, 14 raters,
  // 5 categories; P̄ = 0.378, P̄e = 0.213, κ = 0.210.
  const fleiss = fromCounts([
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ]);

  it("computes Fleiss' kappa of the worked example (0.210)", () => {
    expect(fleissKappa(fleiss)).toBe(0.21);
  });

  it('computes its mean agreement P̄ (0.378)', () => {
    expect(percentAgreement(fleiss)).toBe(0.378);
  });

  it('is undefined where the figures are', () => {
    expect(cohenKappa([])).toBeNull();
    expect(cohenKappa([['a', 'a']])).toBeNull();
    expect(fleissKappa([['a', 'b'], ['a', 'b', 'c']])).toBeNull();
    expect(percentAgreement([['a']])).toBeNull();
  });

  it('is 1 for perfect agreement and negative below chance', () => {
    expect(cohenKappa([['a', 'a'], ['b', 'b']])).toBe(1);
    expect(cohenKappa([['a', 'b'], ['b', 'a']])).toBe(-1);
  });
});
