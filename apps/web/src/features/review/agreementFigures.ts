import type { Agreement } from '@corroborate/contracts';

/** A share as a percentage with one decimal ("83.3%"); none when there is nothing to measure. */
export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

export function formatKappa(value: number | null): string {
  return value === null ? '—' : value.toFixed(3);
}

/** Landis and Koch's words for a kappa, the usual reading in content-analysis reports. */
export function kappaReading(kappa: number | null): string | null {
  if (kappa === null) return null;
  if (kappa < 0) return 'poor';
  if (kappa <= 0.2) return 'slight';
  if (kappa <= 0.4) return 'fair';
  if (kappa <= 0.6) return 'moderate';
  if (kappa <= 0.8) return 'substantial';
  return 'almost perfect';
}

/**
 * The confusion pairs as a square table over the scale's keys (in scale order, then any
 * rating no longer on the scale). Pairs are unordered, so each count sits once, at or above
 * the diagonal; the diagonal holds the agreements.
 */
export function confusionGrid(confusion: Agreement['confusion'], scaleKeys: readonly string[]): { keys: string[]; counts: number[][] } {
  const keys = [...scaleKeys];
  for (const { a, b } of confusion) for (const k of [a, b]) if (!keys.includes(k)) keys.push(k);
  const counts = keys.map(() => keys.map(() => 0));
  for (const { a, b, count } of confusion) {
    const [i, j] = [keys.indexOf(a), keys.indexOf(b)].sort((x, y) => x - y) as [number, number];
    counts[i]![j]! += count;
  }
  // Ratings nobody gave are left out, so the table stays readable on a long scale.
  const used = keys.map((_, i) => counts[i]!.some((c) => c > 0) || counts.some((row) => row[i]! > 0));
  const keep = keys.flatMap((_, i) => (used[i] ? [i] : []));
  return { keys: keep.map((i) => keys[i]!), counts: keep.map((i) => keep.map((j) => counts[i]![j]!)) };
}
