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
/** Room left on each side of where a quote is expected, beyond a quarter of its length (its most errors). */
const WINDOW_SLACK = 256;
/** Shorter context is too common to say where a quote went. */
const MIN_CONTEXT = 8;
/** How far from where a quote is expected its old context is looked for. */
const CONTEXT_REACH = 32_768;
/** The most one search of the whole text may cost (a 500-character quote in the longest article). */
const MAX_WHOLE_TEXT_COST = 8_000_000;
/** Occurrences looked at when searching a quote or its context exactly. */
const MAX_HITS = 1_000;
/** Equally good matches whose start is worked out (those nearest where the quote is expected). */
const MAX_CANDIDATES = 4;
/** Bits per block of the quote in the approximate search. */
const W = 32;

/** The work of an approximate search: characters of text read times 32-character blocks of the quote. */
export const searchCost = (textLength: number, quoteLength: number) => textLength * Math.ceil(quoteLength / W);

/**
 * The approximate-matching work one revision may spend on all its annotations together, in
 * `searchCost` units (10^8 take up to about half a second of one core). Searches near where a quote
 * is expected draw on all of it; searches of the whole text stop once half is spent, so the
 * annotations still to come keep theirs. What is not found within it is orphaned.
 */
export class MatchBudget {
  static readonly DEFAULT = 200_000_000;
  private left: number;

  constructor(readonly total = MatchBudget.DEFAULT) {
    this.left = total;
  }

  get remaining(): number {
    return this.left;
  }

  /** Takes `units` if at least `keep` remain afterwards. */
  take(units: number, keep = 0): boolean {
    if (this.left - units < keep) return false;
    this.left -= units;
    return true;
  }
}

/** A quote prepared for Myers' bit-vector search: per character, a bit mask per block of where it occurs. */
interface Pattern {
  length: number;
  blocks: number;
  ascii: Int32Array[];
  other: Map<number, Int32Array>;
  none: Int32Array;
}

function compile(quote: string, backwards: boolean): Pattern {
  const blocks = Math.ceil(quote.length / W);
  const none = new Int32Array(blocks);
  const ascii = new Array<Int32Array>(256).fill(none);
  const other = new Map<number, Int32Array>();
  for (let i = 0; i < quote.length; i++) {
    const code = quote.charCodeAt(backwards ? quote.length - 1 - i : i);
    let masks = code < 256 ? ascii[code] : other.get(code);
    if (!masks || masks === none) {
      masks = new Int32Array(blocks);
      if (code < 256) ascii[code] = masks;
      else other.set(code, masks);
    }
    masks[(i / W) | 0]! |= 1 << i % W;
  }
  return { length: quote.length, blocks, ascii, other, none };
}

/**
 * Edit distances (Levenshtein) between the quote and text read from `from` to `to`, or from
 * `to` back to `from`: entry j is the distance for the text's first j + 1 characters read,
 * or maxErrors + 1 for any distance above maxErrors. Free start (the quote may begin
 * anywhere) unless `anchored` (it begins where reading does). Myers' bit-vector algorithm
 * (1999), block by block, skipping the blocks that cannot come within maxErrors (Ukkonen);
 * costs at most `searchCost(to - from, quote)`.
 */
function distances(p: Pattern, text: string, from: number, to: number, backwards: boolean, anchored: boolean, maxErrors: number): Int32Array {
  const last = p.blocks - 1;
  const lastRow = (p.length - 1) % W;
  // Vertical deltas (+1 and -1 bits) of each block's column, and the distance at its bottom row.
  const pv = new Int32Array(p.blocks);
  const mv = new Int32Array(p.blocks);
  const bottom = new Int32Array(p.blocks);
  // Blocks past `y` hold only distances above maxErrors and are skipped.
  let y = Math.min(last, Math.max(0, Math.ceil(maxErrors / W) - 1));
  for (let b = 0; b <= y; b++) {
    pv[b] = ~0;
    bottom[b] = (b + 1) * W;
  }
  bottom[last] = p.length;
  const out = new Int32Array(to - from);
  for (let j = 0; j < out.length; j++) {
    const code = text.charCodeAt(backwards ? to - 1 - j : from + j);
    const masks = code < 256 ? p.ascii[code]! : (p.other.get(code) ?? p.none);
    // Horizontal delta (-1, 0 or 1) entering the block's top row: for the first row, 0 when
    // the quote may start anywhere, 1 per character read when anchored.
    let carry = anchored ? 1 : 0;
    let grow = 0;
    for (let b = 0; b <= y + grow; b++) {
      if (b > y) {
        // The next block may come within maxErrors: it joins, from the most pessimistic state.
        pv[b] = ~0;
        mv[b] = 0;
        bottom[b] = bottom[b - 1]! - carry + (b === last ? lastRow + 1 : W);
      }
      const pvb = pv[b]!;
      const mvb = mv[b]!;
      const negative = carry >>> 31;
      const eq = masks[b]! | negative;
      const xv = eq | mvb;
      const xh = (((eq & pvb) + pvb) ^ pvb) | eq;
      const ph = mvb | ~(xh | pvb);
      const mh = pvb & xh;
      const row = b === last ? lastRow : W - 1;
      const phs = (ph << 1) | (-carry >>> 31);
      const mhs = (mh << 1) | negative;
      pv[b] = mhs | ~(xv | phs);
      mv[b] = phs & xv;
      carry = ((ph >>> row) & 1) - ((mh >>> row) & 1);
      bottom[b] = bottom[b]! + carry;
      if (b === y && y < last && bottom[y]! - carry <= maxErrors && (masks[y + 1]! & 1 || carry < 0)) grow = 1;
    }
    if (grow) y += 1;
    else while (y > 0 && bottom[y]! >= maxErrors + W) y -= 1;
    out[j] = y === last ? bottom[last]! : maxErrors + 1;
  }
  return out;
}

interface Match {
  start: number;
  end: number;
  errors: number;
}

/**
 * The best approximate matches of the quote ending in text[from, to): their fewest errors
 * (at most `maxErrors`), for at most MAX_CANDIDATES ends nearest `expectedEnd`, each with
 * the start that makes the longest match. Empty when nothing is close enough or the budget
 * cannot pay for the search.
 */
function approximate(quote: string, suffix: string, text: string, from: number, to: number, maxErrors: number, expectedEnd: number, budget: MatchBudget, keep = 0): Match[] {
  if (to - from < quote.length - maxErrors || !budget.take(searchCost(to - from, quote.length), keep)) return [];
  const forward = distances(compile(quote, false), text, from, to, false, false, maxErrors);
  let fewest = maxErrors + 1;
  let ends: number[] = [];
  for (let j = 0; j < forward.length; j++) {
    const errors = forward[j]!;
    if (errors < fewest) {
      fewest = errors;
      ends = [];
    }
    if (errors === fewest) ends.push(from + j + 1);
  }
  if (fewest > maxErrors) return [];
  // A run of adjacent ends is one match: its first end (the shortest match) stands for it, with any followed by the old suffix.
  const runs = ends.filter((end, i) => i === 0 || ends[i - 1] !== end - 1 || (suffix && text.startsWith(suffix, end)));
  // The runs nearest expectedEnd, widening from where it falls among them (they are in order).
  let lo = runs.findIndex((end) => end >= expectedEnd);
  if (lo === -1) lo = runs.length;
  let hi = lo;
  while (hi - lo < MAX_CANDIDATES && (lo > 0 || hi < runs.length)) {
    if (hi === runs.length || (lo > 0 && expectedEnd - runs[lo - 1]! <= runs[hi]! - expectedEnd)) lo -= 1;
    else hi += 1;
  }
  const chosen = runs.slice(lo, hi);
  const backward = compile(quote, true);
  const matches: Match[] = [];
  for (const end of chosen) {
    // Reading back from the end, the quote must start right there: the farthest point within `fewest` errors is the start.
    const earliest = Math.max(0, end - quote.length - fewest);
    if (!budget.take(searchCost(end - earliest, quote.length))) break;
    const back = distances(backward, text, earliest, end, true, true, fewest);
    let read = 0;
    for (let j = back.length - 1; j >= 0; j--) {
      if (back[j] === fewest) {
        read = j + 1;
        break;
      }
    }
    matches.push({ start: end - read, end, errors: fewest });
  }
  return matches;
}

/** Where `needle` occurs nearest `near` and within CONTEXT_REACH of it, or -1. */
function nearest(text: string, needle: string, near: number): number {
  const from = Math.max(0, near - CONTEXT_REACH);
  const region = text.slice(from, near + CONTEXT_REACH + needle.length);
  let found = -1;
  for (let i = region.indexOf(needle), hits = 0; i !== -1 && hits < MAX_HITS; i = region.indexOf(needle, i + 1), hits++) {
    if (found === -1 || Math.abs(from + i - near) < Math.abs(found - near)) found = from + i;
    if (from + i > near) break;
  }
  return found;
}

/**
 * Stretches of the new text where the quote is expected: around its old offset, that offset
 * scaled to the new length, and after its old prefix or before its old suffix where those
 * still occur; each with room for the quote's edits and some drift. Sorted, overlaps merged.
 */
function windows(old: Anchor, text: string, expectedStart: number): [number, number][] {
  const length = old.exact.length;
  const starts = [expectedStart, old.start];
  if (old.prefix.length >= MIN_CONTEXT) {
    const at = nearest(text, old.prefix, expectedStart - old.prefix.length);
    if (at !== -1) starts.push(at + old.prefix.length);
  }
  if (old.suffix.length >= MIN_CONTEXT) {
    const at = nearest(text, old.suffix, expectedStart + length);
    if (at !== -1) starts.push(at - length);
  }
  const pad = Math.ceil(length / 4) + WINDOW_SLACK;
  const ranges = starts
    .map((s): [number, number] => [Math.max(0, s - pad), Math.min(text.length, s + length + pad)])
    .filter(([from, to]) => from < to)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const previous = merged.at(-1);
    if (previous && range[0] <= previous[1]) previous[1] = Math.max(previous[1], range[1]);
    else merged.push(range);
  }
  return merged;
}

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
 *
 * Exact searches cover the whole text. Approximate ones look first where the quote is
 * expected, then in the whole text, each only as far as `budget` allows, so a revision's
 * matching work stays bounded however large the text and its annotations.
 */
export function reanchor(old: Anchor, oldLength: number, text: string, budget = new MatchBudget()): Reanchored {
  if (text.slice(old.start, old.end) === old.exact) {
    return { outcome: 'exact', score: 1, anchor: anchorAt(text, old.start, old.end) };
  }
  // Where the span would sit if the text had grown or shrunk evenly.
  const expectedStart = Math.round((old.start / Math.max(1, oldLength)) * text.length);

  const exactHits: { start: number; end: number }[] = [];
  for (let i = text.indexOf(old.exact); i !== -1 && exactHits.length < MAX_HITS; i = text.indexOf(old.exact, i + 1)) {
    exactHits.push({ start: i, end: i + old.exact.length });
  }
  if (exactHits.length) {
    const hit = best(exactHits, text, old, expectedStart);
    return { outcome: 'moved', score: 1, anchor: anchorAt(text, hit.start, hit.end) };
  }

  const length = old.exact.length;
  if (length < 4 || length > MAX_FUZZY_LENGTH) return { outcome: 'orphaned' };
  const maxErrors = Math.floor(length * (1 - MIN_FUZZY_SCORE));
  const expectedEnd = expectedStart + length;
  const near = windows(old, text, expectedStart);
  let matches = near.flatMap(([from, to]) => approximate(old.exact, old.suffix, text, from, to, maxErrors, expectedEnd, budget));
  const coversText = near.length === 1 && near[0]![0] === 0 && near[0]![1] === text.length;
  if (!matches.length && !coversText && searchCost(text.length, length) <= MAX_WHOLE_TEXT_COST) {
    matches = approximate(old.exact, old.suffix, text, 0, text.length, maxErrors, expectedEnd, budget, budget.total / 2);
  }
  if (!matches.length) return { outcome: 'orphaned' };
  const match = best(matches, text, old, expectedStart, (m) => m.errors);
  const score = 1 - match.errors / length;
  if (!text.slice(match.start, match.end).trim()) return { outcome: 'orphaned' };
  return { outcome: 'fuzzy', score: Math.round(score * 1000) / 1000, anchor: anchorAt(text, match.start, match.end) };
}
