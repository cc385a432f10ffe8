import type { Snippet } from '@corroborate/contracts';

/**
 * ts_headline marks matches with these control characters, which no canonical text holds and
 * no HTML means anything by: the snippet is then split on them, so the markup around the
 * matches is built here, from escaped text, never taken from the database.
 */
export const START = '\u0002';
export const STOP = '\u0003';

/** ts_headline's options: matches between the markers, up to two fragments of about 30 words. */
export const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
/** For short texts (a claim's statement): the whole text, matches marked. */
export const HEADLINE_ALL = `StartSel=${START}, StopSel=${STOP}, HighlightAll=true`;

/**
 * A headline with markers → plain text on one line (runs of whitespace made one space) and
 * the ranges of its matches; a stray marker is dropped.
 */
export function parseHeadline(marked: string): Snippet {
  let text = '';
  const highlights: Snippet['highlights'] = [];
  let open: number | null = null;
  for (const ch of marked) {
    if (ch === START) open ??= text.length;
    else if (ch === STOP) {
      if (open !== null && text.length > open) highlights.push({ start: open, end: text.length });
      open = null;
    } else if (/\s/.test(ch)) {
      if (text.length && !text.endsWith(' ')) text += ' ';
    } else text += ch;
  }
  if (open !== null && text.length > open) highlights.push({ start: open, end: text.length });
  const trimmed = text.trimEnd();
  for (const h of highlights) h.end = Math.min(h.end, trimmed.length);
  return { text: trimmed, highlights: highlights.filter((h) => h.end > h.start) };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The snippet as HTML: every character escaped, each match in <mark>. */
export function snippetHtml({ text, highlights }: Snippet): string {
  let html = '';
  let at = 0;
  for (const { start, end } of highlights) {
    html += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return html + escapeHtml(text.slice(at));
}

/** How much text around the first match is handed to ts_headline for a long article. */
export const WINDOW_CHARS = 1_200;
/** Stems a window is looked for with: each one more is another pass over up to 500,000 characters. */
export const WINDOW_STEMS = 10;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Where in a long text the first match of the query's stemmed words (`lexemes`, as
 * PostgreSQL's English stemmer gives them) probably is: a stem is nearly always the start of
 * its word ("unbalanc" of "unbalanced"; a final i may have been y). Headlining a window
 * around it costs a fraction of headlining 50,000 characters, and PostgreSQL still decides
 * what matches inside it. Offsets are UTF-16, into `text`; `match` is null when no word
 * was found (the window is then the text's start). Only the first WINDOW_STEMS stems are
 * looked for, which keeps a query of many words from holding up the event loop.
 */
export function windowAround(text: string, lexemes: string[], size = WINDOW_CHARS): { start: number; end: number; match: { start: number; end: number } | null } {
  const stems = lexemes
    .filter((l) => /^[\p{L}\p{N}]/u.test(l))
    .slice(0, WINDOW_STEMS)
    .map((l) => escapeRegExp(l).replace(/i$/, '[iy]'));
  let match: { start: number; end: number } | null = null;
  if (stems.length) {
    const found = new RegExp(`(?<![\\p{L}\\p{N}])(?:${stems.join('|')})[\\p{L}\\p{N}]*`, 'iu').exec(text);
    if (found) match = { start: found.index, end: found.index + found[0].length };
  }
  const at = match?.start ?? 0;
  let start = Math.max(0, at - Math.floor(size / 3));
  let end = Math.min(text.length, start + size);
  // Whole words at both ends (which also keeps surrogate pairs whole).
  while (start > 0 && /\S/.test(text[start - 1]!) && at - start < size) start--;
  while (end < text.length && /\S/.test(text[end]!) && end - start < 2 * size) end++;
  return { start, end, match };
}
