import { Fragment, memo, useMemo, type CSSProperties, type MouseEvent } from 'react';
import type { Annotation } from '@corroborate/contracts';
import { lookOf } from '../motivations';
import { segmentRange, type Layer, type Segment } from '../segments';

export const DRAFT_KEY = 'draft';
/** The passage a link pointed at (`?at=`), flashed once. */
export const HIT_KEY = 'search-hit';

export interface Decorations {
  layers: Layer[];
  /** Layer key → annotation (the key is the annotation id). */
  annotations: ReadonlyMap<string, Annotation>;
  /** Layer key → another reader's selection. */
  readers: ReadonlyMap<string, { name: string; color: string }>;
  activeId: string | null;
  flashId: string | null;
  /** Layer key → the hash of a suggested claim's sentence (the faint marker). */
  suggestions?: ReadonlyMap<string, string>;
}

interface HighlightedRangeProps {
  text: string;
  start: number;
  end: number;
  decorations: Decorations;
  /** A highlight was clicked; `ids` are the annotations under the pointer. */
  onPick: (ids: string[]) => void;
  /** A suggested sentence was clicked. */
  onPickSuggestion?: (hash: string) => void;
}

const fill = (color: string) => `linear-gradient(${color}, ${color})`;

function segmentStyle(notes: Annotation[], readers: { color: string }[], draft: boolean, active: Annotation | undefined): CSSProperties {
  // One translucent layer per annotation: overlaps read as darker, each colour still shows.
  const backgrounds = notes.map((a) => fill(a.resolved ? lookOf(a).faded : lookOf(a).fill));
  if (draft) backgrounds.push(fill('rgba(100, 116, 139, 0.28)'));
  // Other readers' selections: a thin band each, stacked under the line.
  const shadows = readers.map((r, i) => `inset 0 -${2 * (i + 1)}px 0 ${r.color}`);
  return {
    ...(backgrounds.length ? { backgroundImage: backgrounds.join(', ') } : {}),
    ...(shadows.length ? { boxShadow: shadows.join(', ') } : {}),
    ...(active ? { textDecorationColor: lookOf(active).line } : {}),
  };
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
  const draft = segment.keys.includes(DRAFT_KEY);
  const hit = segment.keys.includes(HIT_KEY);
  const suggestion = segment.keys.map((k) => decorations.suggestions?.get(k)).find((h) => h !== undefined);
  if (!notes.length && !readers.length && !draft) {
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
  const style = segmentStyle(notes, readers, draft, active);
  const title = readers.length ? `Selected by ${readers.map((r) => r.name).join(', ')}` : undefined;
  if (!notes.length) {
    return (
      <span className={draft ? 'hl-draft' : 'reader-selection'} style={style} title={title}>
        {content}
      </span>
    );
  }
  const ids = notes.map((a) => a.id);
  const classes = ['hl', active && 'is-active', decorations.flashId && ids.includes(decorations.flashId) && 'is-flash', notes.every((a) => a.resolved) && 'is-resolved', hit && 'search-hit'];
  const onClick = (event: MouseEvent) => {
    // The end of a drag that selected text is not a click on the highlight.
    if (window.getSelection()?.isCollapsed === false) return;
    event.preventDefault();
    onPick(ids);
  };
  return (
    <mark data-annotation-ids={ids.join(' ')} className={classes.filter(Boolean).join(' ')} style={style} title={title} onClick={onClick}>
      {content}
    </mark>
  );
}

/** One paragraph's text, cut into segments wherever a highlight or selection starts or ends. */
export const HighlightedRange = memo(function HighlightedRange({ text, start, end, decorations, onPick, onPickSuggestion }: HighlightedRangeProps) {
  const segments = useMemo(() => segmentRange(start, end, decorations.layers), [start, end, decorations.layers]);
  return segments.map((segment) => (
    <Fragment key={segment.start}>
      <SegmentView segment={segment} text={text} decorations={decorations} onPick={onPick} onPickSuggestion={onPickSuggestion} />
    </Fragment>
  ));
});
