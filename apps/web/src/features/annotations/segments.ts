import type { Span } from './anchoring';

/** Something drawn over a span of the text: an annotation, someone's selection, a draft. */
export interface Layer extends Span {
  key: string;
}

/** A piece of a paragraph covered by the same layers throughout. */
export interface Segment extends Span {
  /** Keys of the layers covering it, in the order the layers were given. */
  keys: string[];
}

/**
 * Cuts [start, end) at every layer boundary inside it, so overlapping layers each stay
 * visible: every segment knows exactly which layers cover it.
 */
export function segmentRange(start: number, end: number, layers: readonly Layer[]): Segment[] {
  const inside = layers.filter((l) => l.end > l.start && l.start < end && l.end > start);
  const cuts = new Set([start, end]);
  for (const l of inside) {
    if (l.start > start) cuts.add(l.start);
    if (l.end < end) cuts.add(l.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const a = points[i]!;
    const b = points[i + 1]!;
    segments.push({ start: a, end: b, keys: inside.filter((l) => l.start < b && l.end > a).map((l) => l.key) });
  }
  return segments;
}
