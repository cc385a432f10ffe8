import { createHash } from 'node:crypto';
import type { CandidatePenalty, CandidateReason } from '@corroborate/contracts';
import { workerTask } from '../infra/workers/task';
import { featuresOf } from './features';
import { read } from './nlp';
import { sentencesOf } from './sentences';

/** A check-worthy sentence, before the article's claims and the workspace's dismissals are known. */
export interface ScoredSentence {
  sentence: string;
  start: number;
  end: number;
  score: number;
  reasons: CandidateReason[];
  penalties: CandidatePenalty[];
  hash: string;
}

/** Sentences scoring below this are not suggested (about one positive sign outweighing the negatives). */
export const MIN_SCORE = 0.27;
/** How far past its start a slice of text is cut, at the next paragraph break. */
export const SLICE_CHARS = 6_000;

/** The same sentence whatever its spacing, quote marks or letter case: what a dismissal is keyed on. */
export function sentenceHash(sentence: string): string {
  const normal = sentence
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[“”«»„]/g, '"')
    .replace(/[‘’‚]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  return createHash('sha256').update(normal).digest('hex');
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** A headline or label: every letter upper-case, or a line of its own with no full stop. */
function isHeading(text: string, start: number, end: number): boolean {
  const sentence = text.slice(start, end);
  const letters = sentence.replace(/[^a-z]/gi, '');
  if (letters.length > 3 && letters === letters.toUpperCase()) return true;
  const ownLine = (start === 0 || text[start - 1] === '\n') && (end === text.length || text[end] === '\n');
  return ownLine && !/[.!?…]["'”’)]*$/.test(sentence);
}

/**
 * Scores the sentences of `text.slice(from, to)`: each positive sign adds its weight, each
 * sign of opinion or rhetoric takes some away, and the sum goes through a logistic curve
 * so the score reads as 0–1. Offsets are into the whole `text`. Sentences with no positive
 * sign at all, and headings, are never listed.
 */
export function scoreRange(text: string, from = 0, to = text.length, minScore = MIN_SCORE): ScoredSentence[] {
  const reading = read(text, from, to);
  const out: ScoredSentence[] = [];
  for (const s of sentencesOf(text, reading)) {
    const sentence = text.slice(s.start, s.end);
    const { reasons, penalties } = featuresOf(reading.tokens, s);
    if (reasons.size === 0 || isHeading(text, s.start, s.end)) continue;
    const gain = [...reasons.values()].reduce((a, b) => a + b, 0);
    const loss = [...penalties.values()].reduce((a, b) => a + b, 0);
    const score = logistic(gain - loss - 2);
    if (score < minScore) continue;
    const byWeight = <K>(m: Map<K, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
    out.push({
      sentence,
      start: s.start,
      end: s.end,
      score: Math.round(score * 1000) / 1000,
      reasons: byWeight(reasons),
      penalties: byWeight(penalties),
      hash: sentenceHash(sentence),
    });
  }
  return out;
}

/**
 * Where to cut a long text so each slice can be analysed on its own: at a paragraph break
 * at least `size` characters after the slice's start (sentences do not cross those).
 */
export function slices(text: string, size = SLICE_CHARS): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf('\n\n', from + size);
    to = to === -1 ? text.length : to + 2;
    out.push([from, to]);
    from = to;
  }
  return out;
}

/** Best first; equal scores in reading order. */
export const bestFirst = (a: ScoredSentence, b: ScoredSentence) => b.score - a.score || a.start - b.start;

/**
 * The check-worthy sentences of an article's canonical text, best first. A pure function of
 * the text (no I/O), so it can run wherever there is time for it: in the request, or in a
 * worker thread.
 */
export function candidates(text: string): ScoredSentence[] {
  return slices(text)
    .flatMap(([from, to]) => scoreRange(text, from, to))
    .sort(bestFirst);
}

/** Runs `candidates` on the worker pool: the tagger takes a large article's text for a few hundred milliseconds of CPU. */
export const candidatesTask = workerTask<string, ScoredSentence[]>(__filename, 'candidates');
