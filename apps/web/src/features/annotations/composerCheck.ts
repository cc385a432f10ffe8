import { ANNOTATION_BODY_MAX, TAG_MAX_LENGTH, TAGS_MAX, type Motivation } from '@corroborate/contracts';
import { parseTags } from './motivations';

export interface ComposerCheck {
  /** Characters that would be sent, and the most allowed; null for tags, which are counted as tags. */
  count: number | null;
  limit: number | null;
  /** Why it cannot be sent as it stands, in words; null when nothing is wrong. */
  problem: string | null;
  /** There is something to send and nothing wrong with it. */
  ready: boolean;
}

const number = (n: number) => n.toLocaleString('en-US');

/**
 * Checks a composer's text against the limits the API enforces, before it is sent, so a text
 * that would be refused stays in the composer with the reason beside it.
 */
export function checkComposerText(motivation: Motivation, value: string): ComposerCheck {
  if (motivation === 'tagging') {
    const tags = parseTags(value);
    const long = tags.find((t) => t.length > TAG_MAX_LENGTH);
    const problem =
      tags.length > TAGS_MAX
        ? `At most ${TAGS_MAX} tags; this has ${tags.length}.`
        : long
          ? `A tag can be at most ${TAG_MAX_LENGTH} characters; “${long.slice(0, 20)}…” has ${long.length}.`
          : null;
    return { count: null, limit: null, problem, ready: tags.length > 0 && !problem };
  }
  const count = value.trim().length;
  const over = count - ANNOTATION_BODY_MAX;
  const problem =
    over > 0 ? `Too long to save: at most ${number(ANNOTATION_BODY_MAX)} characters. Remove ${number(over)} to save it.` : null;
  return { count, limit: ANNOTATION_BODY_MAX, problem, ready: count > 0 && !problem };
}

/** "1,234 / 20,000 characters". */
export const formatCount = (check: ComposerCheck) =>
  check.count === null || check.limit === null ? '' : `${number(check.count)} / ${number(check.limit)} characters`;
