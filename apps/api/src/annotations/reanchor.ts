import { anchorAt, type Anchor } from './anchoring';

export type AnchorOutcome = 'exact' | 'moved' | 'fuzzy' | 'orphaned';

export interface Reanchored {
  outcome: AnchorOutcome;
  /** Share of the quote that matched (1 for exact and moved). */
  score?: number;
  anchor?: Anchor;
}

/** Fuzzy matches must keep at least this share of the quote. */
const MIN_FUZZY_SCORE = 0.75;
/** Longer quotes are only matched exactly: approximate search cost grows with the quote. */
const MAX_FUZZY_LENGTH = 2_000;

type Search = (text: string, pattern: string, maxErrors: number) => { start: number; end: number; errors: number }[];
let search: Promise<Search> | undefined;
// approx-string-match is ESM-only; a dynamic import keeps this module CommonJS.
const loadSearch = () => (search ??= import('approx-string-match').then((m) => m.default as Search));

function contextScore(text: string, start: number, end: number, old: Anchor): number {
  let score = 0;
  if (old.prefix && text.slice(0, start).endsWith(old.prefix)) score += 1;
  if (old.suffix && text.slice(end).startsWith(old.suffix)) score += 1;
  return score;
}

/** Picks the candidate with the best context, then the one nearest where the span used to be. */
function best<T extends { start: number; end: number }>(candidates: T[], text: string, old: Anchor, expectedStart: number, rank: (c: T) => number = () => 0): T {
  return [...candidates].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      contextScore(text, b.start, b.end, old) - contextScore(text, a.start, a.end, old) ||
      Math.abs(a.start - expectedStart) - Math.abs(b.start - expectedStart),
  )[0]!;
}

/**
 * Finds an anchor's span in a new revision of the text: unchanged (exact), the same quote
 * elsewhere (moved), an approximate quote (fuzzy), or nowhere (orphaned).
 */
export async function reanchor(old: Anchor, oldLength: number, text: string): Promise<Reanchored> {
  if (text.slice(old.start, old.end) === old.exact) {
    return { outcome: 'exact', score: 1, anchor: anchorAt(text, old.start, old.end) };
  }
  // Where the span would sit if the text had grown or shrunk evenly.
  const expectedStart = Math.round((old.start / Math.max(1, oldLength)) * text.length);

  const exactHits: { start: number; end: number }[] = [];
  for (let i = text.indexOf(old.exact); i !== -1 && exactHits.length < 1_000; i = text.indexOf(old.exact, i + 1)) {
    exactHits.push({ start: i, end: i + old.exact.length });
  }
  if (exactHits.length) {
    const hit = best(exactHits, text, old, expectedStart);
    return { outcome: 'moved', score: 1, anchor: anchorAt(text, hit.start, hit.end) };
  }

  if (old.exact.length < 4 || old.exact.length > MAX_FUZZY_LENGTH) return { outcome: 'orphaned' };
  const maxErrors = Math.floor(old.exact.length * (1 - MIN_FUZZY_SCORE));
  const matches = (await loadSearch())(text, old.exact, maxErrors);
  if (!matches.length) return { outcome: 'orphaned' };
  const match = best(matches, text, old, expectedStart, (m) => m.errors);
  const score = 1 - match.errors / old.exact.length;
  if (!text.slice(match.start, match.end).trim()) return { outcome: 'orphaned' };
  return { outcome: 'fuzzy', score: Math.round(score * 1000) / 1000, anchor: anchorAt(text, match.start, match.end) };
}
