import { workerTask } from '../infra/workers/task';
import { anchorAt, type Anchor } from './anchoring';
import { occurrences } from './text-search';

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
/** Characters of the quote per machine word in the approximate search. */
const W = 32;

/** The work of an approximate search: characters of text read times 32-character blocks of the quote. */
export const searchCost = (textLength: number, quoteLength: number) => textLength * Math.ceil(quoteLength / W);

/**
 * The approximate-matching work one revision may spend on all its annotations together, in
 * `searchCost` units (10^8 take up to about half a second of one core). Searches near where a quote
 * is expected draw on all of it; searches of the whole text stop once half is spent, so the
 * annotations still to come keep theirs. What is not found within it is orphaned.
 *
 * The units cannot foresee text so repetitive that a quote matches equally well almost
 * everywhere (the search then works out a start for every match), so the budget also ends
 * after `seconds` of wall time.
 */
export class MatchBudget {
  static readonly DEFAULT = 200_000_000;
  static readonly DEFAULT_SECONDS = 10;
  private left: number;
  private readonly deadline: number;

  constructor(
    readonly total = MatchBudget.DEFAULT,
    seconds = MatchBudget.DEFAULT_SECONDS,
  ) {
    this.left = total;
    this.deadline = performance.now() + seconds * 1_000;
  }

  /** A budget carried on from `state` (perhaps made on another thread); its time runs again from now. */
  static resume(state: BudgetState): MatchBudget {
    const budget = new MatchBudget(state.total, state.seconds);
    budget.left = state.left;
    return budget;
  }

  /** What is left, to go on with later or on another thread. */
  state(): BudgetState {
    return { total: this.total, left: this.left, seconds: Math.max(0, this.deadline - performance.now()) / 1_000 };
  }

  get remaining(): number {
    return this.left;
  }

  /** Takes `units` if at least `keep` remain afterwards and time is left. */
  take(units: number, keep = 0): boolean {
    if (this.left - units < keep || performance.now() >= this.deadline) return false;
    this.left -= units;
    return true;
  }
}

/**
 * A MatchBudget as passed between threads. Its time counts only while matching runs, not while
 * the work waits for a free worker.
 */
export interface BudgetState {
  total: number;
  left: number;
  seconds: number;
}

type FuzzySearch = (text: string, pattern: string, maxErrors: number) => Match[];
let fuzzySearch: Promise<FuzzySearch> | undefined;
// approx-string-match (Myers' bit-vector algorithm) is ESM-only; a dynamic import keeps this module CommonJS.
const loadFuzzySearch = () => (fuzzySearch ??= import('approx-string-match').then((m) => m.default as FuzzySearch));

interface Match {
  start: number;
  end: number;
  errors: number;
}

/**
 * The closest approximate matches (at most `maxErrors` errors) of the quote in text[from, to),
 * or none when the stretch is too short or the budget cannot pay for the search.
 */
async function approximate(quote: string, text: string, from: number, to: number, maxErrors: number, budget: MatchBudget, keep = 0): Promise<Match[]> {
  if (to - from < quote.length - maxErrors || !budget.take(searchCost(to - from, quote.length), keep)) return [];
  const search = await loadFuzzySearch();
  return search(text.slice(from, to), quote, maxErrors).map((m) => ({ start: from + m.start, end: from + m.end, errors: m.errors }));
}

/** Where `needle` occurs nearest `near` and within CONTEXT_REACH of it, or -1. */
function nearest(text: string, needle: string, near: number): number {
  const from = Math.max(0, near - CONTEXT_REACH);
  const region = text.slice(from, near + CONTEXT_REACH + needle.length);
  let found = -1;
  for (const i of occurrences(region, needle, MAX_HITS)) {
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
  if (old.prefix && start >= old.prefix.length && text.startsWith(old.prefix, start - old.prefix.length)) score += 1;
  if (old.suffix && text.startsWith(old.suffix, end)) score += 1;
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
export async function reanchor(old: Anchor, oldLength: number, text: string, budget = new MatchBudget()): Promise<Reanchored> {
  if (text.slice(old.start, old.end) === old.exact) {
    return { outcome: 'exact', score: 1, anchor: anchorAt(text, old.start, old.end) };
  }
  // Where the span would sit if the text had grown or shrunk evenly.
  const expectedStart = Math.round((old.start / Math.max(1, oldLength)) * text.length);

  const exactHits = occurrences(text, old.exact, MAX_HITS).map((start) => ({ start, end: start + old.exact.length }));
  if (exactHits.length) {
    const hit = best(exactHits, text, old, expectedStart);
    return { outcome: 'moved', score: 1, anchor: anchorAt(text, hit.start, hit.end) };
  }

  const length = old.exact.length;
  if (length < 4 || length > MAX_FUZZY_LENGTH) return { outcome: 'orphaned' };
  const maxErrors = Math.floor(length * (1 - MIN_FUZZY_SCORE));
  const near = windows(old, text, expectedStart);
  let matches: Match[] = [];
  for (const [from, to] of near) matches.push(...(await approximate(old.exact, text, from, to, maxErrors, budget)));
  const coversText = near.length === 1 && near[0]![0] === 0 && near[0]![1] === text.length;
  if (!matches.length && !coversText && searchCost(text.length, length) <= MAX_WHOLE_TEXT_COST) {
    matches = await approximate(old.exact, text, 0, text.length, maxErrors, budget, budget.total / 2);
  }
  if (!matches.length) return { outcome: 'orphaned' };
  const match = best(matches, text, old, expectedStart, (m) => m.errors);
  const score = 1 - match.errors / length;
  if (!text.slice(match.start, match.end).trim()) return { outcome: 'orphaned' };
  return { outcome: 'fuzzy', score: Math.round(score * 1000) / 1000, anchor: anchorAt(text, match.start, match.end) };
}

export interface ReanchorJob {
  text: string;
  /** Each anchor with the length of the text it was anchored in. */
  anchors: { id: string; anchor: Anchor; oldLength: number }[];
  budget: BudgetState;
}

export interface ReanchorResults {
  results: [id: string, result: Reanchored][];
  budget: BudgetState;
}

/** Moves many anchors onto `text`, in order, sharing one budget: the whole of a revision's matching, run on the worker pool. */
export async function reanchorAll(job: ReanchorJob): Promise<ReanchorResults> {
  const budget = MatchBudget.resume(job.budget);
  const results: [string, Reanchored][] = [];
  for (const { id, anchor, oldLength } of job.anchors) results.push([id, await reanchor(anchor, oldLength, job.text, budget)]);
  return { results, budget: budget.state() };
}

export const reanchorTask = workerTask<ReanchorJob, ReanchorResults>(__filename, 'reanchorAll');
