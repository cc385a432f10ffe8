/** Needles up to this long are found with indexOf alone: its worst case stays within this many times the text. */
const SHORT = 32;

/**
 * Where `needle` occurs in text[from, to), in order (overlaps included), at most `max` of them.
 *
 * Linear in the text and the needle, whatever they hold. String.prototype.indexOf is fast on
 * prose but can take time proportional to their product on repetitive text (a second for a
 * 15,000-character quote in 500,000 characters): long needles are found by indexOf of their
 * first characters, each candidate checked in full while those checks stay within the length
 * of the text, then by Knuth-Morris-Pratt from where that allowance ran out.
 */
export function occurrences(text: string, needle: string, max: number, from = 0, to = text.length): number[] {
  const found: number[] = [];
  const length = needle.length;
  const last = Math.min(to, text.length) - length;
  if (length === 0 || max <= 0) return found;
  if (length <= SHORT) {
    for (let i = text.indexOf(needle, from); i !== -1 && i <= last && found.length < max; i = text.indexOf(needle, i + 1)) found.push(i);
    return found;
  }
  const probe = needle.slice(0, SHORT);
  let allowance = last - from + length;
  let i = text.indexOf(probe, from);
  for (; i !== -1 && i <= last && found.length < max; i = text.indexOf(probe, i + 1)) {
    allowance -= length;
    if (allowance < 0) return kmp(text, needle, max, i, last, found);
    if (text.startsWith(needle, i)) found.push(i);
  }
  return found;
}

/** Knuth-Morris-Pratt from `from`, for starts up to `last`, adding to `found` up to `max`. */
function kmp(text: string, needle: string, max: number, from: number, last: number, found: number[]): number[] {
  const length = needle.length;
  // border[i]: the length of the longest proper prefix of needle[0..i] that is also its suffix.
  const border = new Int32Array(length);
  for (let i = 1, k = 0; i < length; i++) {
    while (k > 0 && needle.charCodeAt(i) !== needle.charCodeAt(k)) k = border[k - 1]!;
    if (needle.charCodeAt(i) === needle.charCodeAt(k)) k++;
    border[i] = k;
  }
  const end = last + length;
  for (let i = from, k = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    while (k > 0 && c !== needle.charCodeAt(k)) k = border[k - 1]!;
    if (c === needle.charCodeAt(k)) k++;
    if (k === length) {
      found.push(i - length + 1);
      if (found.length >= max) break;
      k = border[k - 1]!;
    }
  }
  return found;
}
