import { NEVER_FINAL } from './lexicon';
import type { Reading, Token } from './nlp';

/** A sentence as token indexes [first, last] and its place in the text [start, end). */
export interface Sentence {
  first: number;
  last: number;
  start: number;
  end: number;
}

const isSpace = (t: Token) => t.type === 'tabCRLF' || t.pos === 'SPACE' || !t.value.trim();
const TERMINAL = /[.!?…]["'”’)\]]*$/;
const OPENING_QUOTES = new Set(['“', '«']);
const CLOSING_QUOTES = new Set(['”', '»']);

/** How many double quotes are left open at the end of [first, last] (curly ones counted, straight ones paired). */
function openQuotes(tokens: Token[], first: number, last: number, depth: number): number {
  for (let i = first; i <= last; i++) {
    const v = tokens[i]!.value;
    for (const ch of v) {
      if (OPENING_QUOTES.has(ch)) depth += 1;
      else if (CLOSING_QUOTES.has(ch)) depth = Math.max(0, depth - 1);
      else if (ch === '"') depth = depth > 0 ? depth - 1 : depth + 1;
    }
  }
  return depth;
}

const samePassage = (text: string, a: Sentence, b: Sentence) => !text.slice(a.end, b.start).includes('\n');

/** The sentence's last word before its final full stop, lower-cased ("dr" in "Dr."). */
function finalWord(tokens: Token[], s: Sentence): string {
  let i = s.last;
  if (tokens[i]?.value === '.') i -= 1;
  return (tokens[i]?.lower ?? '').replace(/\.$/, '');
}

/**
 * The tagger's sentences, mended where it cuts too soon: inside a quotation ("We are done.
 * Completely done," she said), after an abbreviation it does not know (Ph.D.), and where a
 * line break fell mid-sentence (the next part starts in lower case after no full stop).
 * Leading and trailing whitespace tokens are left out of each sentence.
 */
export function sentencesOf(text: string, reading: Reading): Sentence[] {
  const { tokens } = reading;
  const trimmed: Sentence[] = [];
  for (const [a, b] of reading.sentences) {
    let first = a;
    let last = b;
    while (first <= last && isSpace(tokens[first]!)) first++;
    while (last >= first && isSpace(tokens[last]!)) last--;
    if (first > last) continue;
    trimmed.push({ first, last, start: tokens[first]!.start, end: tokens[last]!.end });
  }

  const merged: Sentence[] = [];
  let depth = 0;
  for (const s of trimmed) {
    const prev = merged.at(-1);
    if (prev) {
      const prevText = text.slice(prev.start, prev.end);
      const startsLower = /^[a-z]/.test(text.slice(s.start, s.start + 1));
      const inQuote = depth > 0 && samePassage(text, prev, s);
      const abbreviation = prevText.endsWith('.') && NEVER_FINAL.has(finalWord(tokens, prev)) && samePassage(text, prev, s);
      const runsOn = startsLower && (!TERMINAL.test(prevText) || samePassage(text, prev, s));
      if (inQuote || abbreviation || runsOn) {
        prev.last = s.last;
        prev.end = s.end;
        depth = openQuotes(tokens, s.first, s.last, depth);
        continue;
      }
    }
    depth = openQuotes(tokens, s.first, s.last, 0);
    merged.push({ ...s });
  }
  return merged;
}
