/**
 * Where a keyboard caret lands in the article text when moved by a word or a sentence. Offsets
 * are into the revision text (UTF-16 code units), as annotations use.
 */

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}\p{M}_'’-]/u.test(c);
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
const TERMINATORS = '.!?…';
/** Closing quotes and brackets that may follow a sentence's full stop. */
const CLOSERS = '"”’\')]»';

/** The end of the word at or after `from` (the caret jumps over the gap, then the word). */
export function nextWordEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isWordChar(text[i])) i += 1;
  while (i < text.length && isWordChar(text[i])) i += 1;
  return i;
}

/** The start of the word at or before `from`. */
export function previousWordStart(text: string, from: number): number {
  let i = from;
  while (i > 0 && !isWordChar(text[i - 1])) i -= 1;
  while (i > 0 && isWordChar(text[i - 1])) i -= 1;
  return i;
}

/** Whether a sentence starts at `i`: the text's start, a new line, or after a full stop and a space. */
function startsSentence(text: string, i: number): boolean {
  if (i <= 0) return true;
  if (text[i - 1] === '\n') return true;
  if (!isSpace(text[i - 1])) return false;
  let j = i - 1;
  while (j > 0 && isSpace(text[j - 1]) && text[j - 1] !== '\n') j -= 1;
  if (j > 0 && text[j - 1] === '\n') return true;
  while (j > 0 && CLOSERS.includes(text[j - 1]!)) j -= 1;
  return j > 0 && TERMINATORS.includes(text[j - 1]!);
}

/** The end of the sentence at or after `from`: after its full stop (and any closing quote), or at the line's end. */
export function nextSentenceEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text[i])) i += 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') return i;
    i += 1;
    if (TERMINATORS.includes(c)) {
      while (i < text.length && (TERMINATORS.includes(text[i]!) || CLOSERS.includes(text[i]!))) i += 1;
      if (i >= text.length || isSpace(text[i])) return i;
    }
  }
  return text.length;
}

/** The start of the sentence before `from` (of the current one when `from` is inside it). */
export function previousSentenceStart(text: string, from: number): number {
  let i = Math.min(from, text.length);
  while (i > 0 && isSpace(text[i - 1])) i -= 1;
  if (i > 0) i -= 1;
  while (i > 0 && !startsSentence(text, i)) i -= 1;
  while (i < from && isSpace(text[i])) i += 1;
  return i;
}
