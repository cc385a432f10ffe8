import { QUOTE_CONTEXT, type Selector } from '@corroborate/contracts';
import { AppError } from '../infra/errors/app-error';
import { occurrences } from './text-search';

export interface Anchor {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

const bad = (message: string) =>
  new AppError('VALIDATION_FAILED', `target.selector: ${message}`, [{ path: 'target.selector', message }]);

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The span with canonical context, as stored and exported. */
export function anchorAt(text: string, start: number, end: number): Anchor {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - QUOTE_CONTEXT), start),
    suffix: text.slice(end, end + QUOTE_CONTEXT),
    start,
    end,
  };
}

/**
 * Resolves W3C selectors against a revision's text. With a position, the quote (and any
 * context given) must match the text there; with only a quote, it must occur exactly once
 * once its prefix and suffix are taken into account.
 */
export function resolveSelectors(text: string, selectors: Selector[]): Anchor {
  const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
  const position = selectors.find((s) => s.type === 'TextPositionSelector');

  let start: number;
  let end: number;
  if (position) {
    ({ start, end } = position);
    if (end > text.length) throw bad(`end ${end} is past the end of the text (${text.length})`);
  } else if (quote) {
    [start, end] = locateQuote(text, quote.exact, quote.prefix, quote.suffix);
  } else {
    throw bad('needs a TextQuoteSelector or a TextPositionSelector');
  }
  if (isLowSurrogate(text.charCodeAt(start)) || isLowSurrogate(text.charCodeAt(end))) {
    throw bad('must not split a character (surrogate pair)');
  }
  if (quote) {
    if (end - start !== quote.exact.length || !text.startsWith(quote.exact, start)) {
      throw bad(`the quote does not match the text at ${start}–${end}`);
    }
    const { prefix, suffix } = quote;
    if (prefix && (start < prefix.length || !text.startsWith(prefix, start - prefix.length))) throw bad('the prefix does not match the text before the quote');
    if (suffix && !text.startsWith(suffix, end)) throw bad('the suffix does not match the text after the quote');
  }
  if (!text.slice(start, end).trim()) throw bad('the span holds only whitespace');
  return anchorAt(text, start, end);
}

/**
 * The one place the quote occurs with its prefix and suffix around it: those three together
 * occur there and nowhere else, so one linear search for them does (and stops at a second).
 */
function locateQuote(text: string, exact: string, prefix: string, suffix: string): [number, number] {
  const matches = occurrences(text, prefix + exact + suffix, 2);
  if (matches.length === 0) throw bad('the quote does not occur in the article');
  if (matches.length > 1) throw bad('the quote occurs more than once; add a prefix, a suffix or a TextPositionSelector');
  const start = matches[0]! + prefix.length;
  return [start, start + exact.length];
}
