/**
 * Inter-rater agreement over claims, each rated by several reviewers with categorical ratings.
 * Figures follow Cohen (1960) and Fleiss (1971); `null` where a figure is undefined.
 */

/** One claim's ratings, by reviewer. */
export type RatedItem = Map<string, string>;

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Mean share of agreeing rater pairs per item (Fleiss' P̄): for two raters, the share of items
 * they agree on.
 */
export function percentAgreement(items: string[][]): number | null {
  const usable = items.filter((ratings) => ratings.length >= 2);
  if (!usable.length) return null;
  let total = 0;
  for (const ratings of usable) {
    const counts = countBy(ratings);
    const n = ratings.length;
    let pairs = 0;
    for (const c of counts.values()) pairs += c * (c - 1);
    total += pairs / (n * (n - 1));
  }
  return round3(total / usable.length);
}

/** Cohen's kappa for two raters who rated the same items: `pairs[i] = [rater A's rating, rater B's]`. */
export function cohenKappa(pairs: [string, string][]): number | null {
  if (!pairs.length) return null;
  const n = pairs.length;
  const observed = pairs.filter(([a, b]) => a === b).length / n;
  const a = countBy(pairs.map(([x]) => x));
  const b = countBy(pairs.map(([, y]) => y));
  let expected = 0;
  for (const [category, countA] of a) expected += (countA / n) * ((b.get(category) ?? 0) / n);
  if (expected === 1) return null;
  return round3((observed - expected) / (1 - expected));
}

/** Fleiss' kappa for items each rated by the same number of raters (not necessarily the same people). */
export function fleissKappa(items: string[][]): number | null {
  if (!items.length) return null;
  const n = items[0]!.length;
  if (n < 2 || items.some((ratings) => ratings.length !== n)) return null;
  const N = items.length;
  const totals = new Map<string, number>();
  let pBar = 0;
  for (const ratings of items) {
    const counts = countBy(ratings);
    let agree = 0;
    for (const [category, c] of counts) {
      agree += c * (c - 1);
      totals.set(category, (totals.get(category) ?? 0) + c);
    }
    pBar += agree / (n * (n - 1));
  }
  pBar /= N;
  let pe = 0;
  for (const count of totals.values()) pe += (count / (N * n)) ** 2;
  if (pe === 1) return null;
  return round3((pBar - pe) / (1 - pe));
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}
