import { Fragment, memo, useMemo, type CSSProperties, type MouseEvent } from 'react';
import type { Annotation } from '@corroborate/contracts';
import { NOT_TEXT_ATTR } from '../anchoring';
import { lookOf } from '../motivations';
import { segmentRange, type Layer, type Segment } from '../segments';

export const DRAFT_KEY = 'draft';
/** The passage a link pointed at (`?at=`), flashed once. */
export const HIT_KEY = 'search-hit';

/** A claim's passage as the text draws it (drawn by the claims feature, keyed by its layer). */
export interface ClaimMark {
  claimId: string;
  spanId: string;
  /** The status colour of its underline. */
  color: string;
  /** Said on hover: the claim's status. */
  label: string;
  flash: boolean;
}

export interface Decorations {
  layers: Layer[];
  /** Layer key → annotation (the key is the annotation id). */
  annotations: ReadonlyMap<string, Annotation>;
  /** Layer key → a claim's passage. */
  claims?: ReadonlyMap<string, ClaimMark>;
  /** Layer key → another reader's selection. */
  readers: ReadonlyMap<string, { name: string; color: string }>;
  activeId: string | null;
  flashId: string | null;
  /** Layer key → the hash of a suggested claim's sentence (the faint marker). */
  suggestions?: ReadonlyMap<string, string>;
  /** Annotations the threads filter hides: their highlights are dimmed, not dropped. */
  dimmed?: ReadonlySet<string>;
}

export interface HighlightedRangeProps {
  text: string;
  start: number;
  end: number;
  decorations: Decorations;
  /** A highlight was clicked; `ids` are the layer keys (annotations, claims) under the pointer. */
  onPick: (ids: string[]) => void;
  /** A suggested sentence was clicked. */
  onPickSuggestion?: (hash: string) => void;
}

const fill = (color: string) => `linear-gradient(${color}, ${color})`;

/** At most this many fills are layered on one stretch of text; more would darken it past reading. */
export const MAX_FILLS = 3;

/**
 * The fills of the annotations over one stretch of text: resolved and filtered-out ones faded,
 * the shown ones first, and no more than `MAX_FILLS`, so overlaps stay readable.
 */
export function highlightFills(notes: readonly Annotation[], dimmed: ReadonlySet<string> = new Set()): string[] {
  const faded = (a: Annotation) => a.resolved || dimmed.has(a.id);
  return [...notes]
    .sort((a, b) => Number(faded(a)) - Number(faded(b)))
    .slice(0, MAX_FILLS)
    .map((a) => (faded(a) ? lookOf(a).faded : lookOf(a).fill));
}

function segmentStyle(notes: Annotation[], dimmed: ReadonlySet<string> | undefined, readers: { color: string }[], draft: boolean, active: Annotation | undefined): CSSProperties {
  // One translucent layer per annotation (up to MAX_FILLS): overlaps read as darker, each colour still shows.
  const backgrounds = highlightFills(notes, dimmed).map(fill);
  if (draft) backgrounds.push(fill('rgba(100, 116, 139, 0.28)'));
  // Other readers' selections: a thin band each, stacked under the line.
  const shadows = readers.map((r, i) => `inset 0 -${2 * (i + 1)}px 0 ${r.color}`);
  return {
    ...(backgrounds.length ? { backgroundImage: backgrounds.join(', ') } : {}),
    ...(shadows.length ? { boxShadow: shadows.join(', ') } : {}),
    ...(active ? { textDecorationColor: lookOf(active).line } : {}),
  };
}

/** Small labels drawn beside highlights that are not part of the text (the anchoring skips them). */
const notText = { [NOT_TEXT_ATTR]: '' };

/** A flag with another reader's name where their selection starts. */
function ReaderFlags({ segment, decorations }: { segment: Segment; decorations: Decorations }) {
  const starting = segment.keys.flatMap((key) => {
    const reader = decorations.readers.get(key);
    const layer = reader && decorations.layers.find((l) => l.key === key);
    return reader && layer?.start === segment.start ? [reader] : [];
  });
  return starting.map((r) => (
    <span key={r.name} className="reader-flag" style={{ borderLeftColor: r.color }} aria-hidden {...notText}>
      {r.name}
    </span>
  ));
}

function SegmentView({
  segment,
  text,
  decorations,
  onPick,
  onPickSuggestion,
}: {
  segment: Segment;
  text: string;
  decorations: Decorations;
  onPick: (ids: string[]) => void;
  onPickSuggestion?: (hash: string) => void;
}) {
  const content = text.slice(segment.start, segment.end);
  const notes = segment.keys.flatMap((k) => decorations.annotations.get(k) ?? []);
  const readers = segment.keys.flatMap((k) => decorations.readers.get(k) ?? []);
  const claims = segment.keys.flatMap((k) => decorations.claims?.get(k) ?? []);
  const draft = segment.keys.includes(DRAFT_KEY);
  const hit = segment.keys.includes(HIT_KEY);
  const suggestion = segment.keys.map((k) => decorations.suggestions?.get(k)).find((h) => h !== undefined);
  if (!notes.length && !readers.length && !draft && !claims.length) {
    if (!suggestion && !hit) return content;
    const pickSuggestion = (event: MouseEvent) => {
      if (!suggestion || window.getSelection()?.isCollapsed === false) return;
      event.preventDefault();
      onPickSuggestion?.(suggestion);
    };
    return (
      <span className={[suggestion && 'suggested', hit && 'search-hit'].filter(Boolean).join(' ')} data-suggestion={suggestion} onClick={pickSuggestion}>
        {content}
      </span>
    );
  }

  const active = notes.find((a) => a.id === decorations.activeId);
  const style = segmentStyle(notes, decorations.dimmed, readers, draft, active);
  const flags = readers.length > 0 && <ReaderFlags segment={segment} decorations={decorations} />;
  // Many overlapping notes: a count says how many the (bounded) colour stands for.
  const count = notes.length > MAX_FILLS && (
    <sup className="hl-count" aria-hidden {...notText}>
      {notes.length}
    </sup>
  );
  const title = readers.length ? `Selected by ${readers.map((r) => r.name).join(', ')}` : claims.length ? claims.map((c) => c.label).join('; ') : undefined;
  if (!notes.length && !claims.length) {
    return (
      <>
        {flags}
        <span className={draft ? 'hl-draft' : 'reader-selection'} style={style} title={title}>
          {content}
        </span>
      </>
    );
  }
  const ids = notes.map((a) => a.id);
  const flash = (decorations.flashId && ids.includes(decorations.flashId)) || claims.some((c) => c.flash);
  const classes = [
    notes.length && 'hl',
    claims.length && 'claim-hl',
    active && 'is-active',
    flash && 'is-flash',
    notes.length && notes.every((a) => a.resolved) && 'is-resolved',
    notes.length && notes.every((a) => decorations.dimmed?.has(a.id)) && 'is-dimmed',
    hit && 'search-hit',
  ];
  const onClick = (event: MouseEvent) => {
    // The end of a drag that selected text is not a click on the highlight.
    if (window.getSelection()?.isCollapsed === false) return;
    event.preventDefault();
    onPick(segment.keys.filter((k) => decorations.annotations.has(k) || decorations.claims?.has(k)));
  };
  const claimAttrs = claims.length
    ? {
        'data-claim-ids': [...new Set(claims.map((c) => c.claimId))].join(' '),
        'data-span-ids': claims.map((c) => c.spanId).join(' '),
        // The first claim's status colour: its underline (see claims.css).
        style: { ...style, '--claim-color': claims[0]!.color } as CSSProperties,
      }
    : { style };
  return (
    <>
      {flags}
      <mark data-annotation-ids={ids.length ? ids.join(' ') : undefined} className={classes.filter(Boolean).join(' ')} title={title} onClick={onClick} {...claimAttrs}>
        {content}
      </mark>
      {count}
    </>
  );
}

const sameClaimMark = (a: ClaimMark | undefined, b: ClaimMark | undefined) =>
  a === b || (!!a && !!b && a.claimId === b.claimId && a.spanId === b.spanId && a.color === b.color && a.label === b.label && a.flash === b.flash);

/**
 * Whether a paragraph would draw the same: the layers over it, and everything they show, are
 * unchanged. A new comment elsewhere in the article then re-renders its own paragraph only.
 */
export function drawsTheSame(prev: HighlightedRangeProps, next: HighlightedRangeProps): boolean {
  const { start, end } = next;
  if (prev.text !== next.text || prev.start !== start || prev.end !== end || prev.onPick !== next.onPick || prev.onPickSuggestion !== next.onPickSuggestion) return false;
  const [a, b] = [prev.decorations, next.decorations];
  if (a === b) return true;
  const over = (l: Layer) => l.end > l.start && l.start < end && l.end > start;
  const before = a.layers.filter(over);
  const after = b.layers.filter(over);
  if (before.length !== after.length) return false;
  return after.every((l, i) => {
    const k = l.key;
    const p = before[i]!;
    return (
      p.key === k &&
      p.start === l.start &&
      p.end === l.end &&
      a.annotations.get(k) === b.annotations.get(k) &&
      a.readers.get(k)?.name === b.readers.get(k)?.name &&
      a.readers.get(k)?.color === b.readers.get(k)?.color &&
      sameClaimMark(a.claims?.get(k), b.claims?.get(k)) &&
      a.suggestions?.get(k) === b.suggestions?.get(k) &&
      !!a.dimmed?.has(k) === !!b.dimmed?.has(k) &&
      (a.activeId === k) === (b.activeId === k) &&
      (a.flashId === k) === (b.flashId === k)
    );
  });
}

/** One paragraph's text, cut into segments wherever a highlight or selection starts or ends. */
export const HighlightedRange = memo(function HighlightedRange({ text, start, end, decorations, onPick, onPickSuggestion }: HighlightedRangeProps) {
  const segments = useMemo(() => segmentRange(start, end, decorations.layers), [start, end, decorations.layers]);
  return segments.map((segment) => (
    <Fragment key={segment.start}>
      <SegmentView segment={segment} text={text} decorations={decorations} onPick={onPick} onPickSuggestion={onPickSuggestion} />
    </Fragment>
  ));
}, drawsTheSame);
