import type { Annotation, Motivation } from '@corroborate/contracts';

type ThreadMotivation = Exclude<Motivation, 'replying'>;

interface MotivationLook {
  /** The toolbar action and the label of the thread's badge. */
  label: string;
  /** Mantine colour for badges. */
  color: string;
  /** Highlight fill; several overlapping ones mix, so each stays see-through. */
  fill: string;
  /** Fill once the thread is resolved: still there, but out of the way. */
  faded: string;
  /** Underline of the thread in focus. */
  line: string;
}

export const MOTIVATION_LOOK: Record<ThreadMotivation, MotivationLook> = {
  highlighting: { label: 'Highlight', color: 'yellow', fill: 'rgba(250, 204, 21, 0.42)', faded: 'rgba(250, 204, 21, 0.14)', line: '#b08800' },
  commenting: { label: 'Comment', color: 'blue', fill: 'rgba(59, 130, 246, 0.24)', faded: 'rgba(59, 130, 246, 0.09)', line: '#1d4ed8' },
  questioning: { label: 'Question', color: 'orange', fill: 'rgba(249, 115, 22, 0.28)', faded: 'rgba(249, 115, 22, 0.1)', line: '#c2410c' },
  tagging: { label: 'Tag', color: 'green', fill: 'rgba(34, 197, 94, 0.28)', faded: 'rgba(34, 197, 94, 0.1)', line: '#15803d' },
};

export function lookOf(annotation: Annotation): MotivationLook {
  return MOTIVATION_LOOK[annotation.motivation === 'replying' ? 'commenting' : annotation.motivation];
}

/** The text field each kind of new annotation asks for. */
export const COMPOSER_FIELD: Record<ThreadMotivation, { label: string; placeholder: string } | null> = {
  highlighting: null,
  commenting: { label: 'Comment', placeholder: 'What should others know about this passage? Markdown works.' },
  questioning: { label: 'Question', placeholder: 'What needs checking here?' },
  tagging: { label: 'Tags', placeholder: 'e.g. statistic, quote, needs-source' },
};

/** Tags typed as a comma-separated list. */
export function parseTags(input: string): string[] {
  return [...new Set(input.split(',').map((t) => t.trim()).filter(Boolean))];
}

export const spanOf = (a: Annotation) => ({ start: a.target.selector[1].start, end: a.target.selector[1].end });
