/**
 * Text that Markdown renders as exactly one paragraph of itself: a single trimmed line that
 * starts with a letter or digit (not "1." or "1)", a list), of letters, digits, spaces and
 * punctuation that means nothing to CommonMark. Emphasis (* _), code (`), links and images
 * ([ ]), HTML and autolinks (< >), entities (&), escapes (\), quotes (>), strikethrough (~)
 * and tables (|) all fall outside. A heading's # and a list's + only count at the start of a
 * line, which is always a letter or digit here, so "issue #12 + notes" is plain. Anything
 * else is left to the parser.
 */
const INERT = String.raw`\p{L}\p{N}\p{M}.,;:?!'"()/%@$€£…‘’“”–—#+=\-`;
const PLAIN = new RegExp(String.raw`^(?!\d+[.)](?: |$))[\p{L}\p{N}](?:[${INERT} ]*[${INERT}])?$`, 'u');

export const isPlainText = (source: string): boolean => PLAIN.test(source);
