import { RatingScale, type Rating } from '@corroborate/contracts';

/** A rating key made from a label: "Partly false" → "partly-false"; unique within the scale. */
export function keyFromLabel(label: string, taken: readonly string[]): string {
  const words = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]/)
    .filter(Boolean);
  const base = words.join('-').slice(0, 36).split('-').filter(Boolean).join('-') || 'rating';
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}-${n}`;
  return key;
}

/** A new rating at the end of the scale, on the same schema.org range as the others. */
export function newRating(scale: readonly Rating[], label: string): Rating {
  const best = scale[0]?.bestRating ?? 5;
  const worst = scale[0]?.worstRating ?? 1;
  const trimmed = label.trim();
  return {
    key: keyFromLabel(trimmed, scale.map((r) => r.key)),
    label: trimmed,
    colour: '#495057',
    description: '',
    ratingValue: Math.round((best + worst) / 2),
    bestRating: best,
    worstRating: worst,
    alternateName: trimmed,
  };
}

/** The scale with one rating moved by `by` places (clamped at the ends). */
export function moveRating(scale: readonly Rating[], index: number, by: number): Rating[] {
  const to = Math.max(0, Math.min(scale.length - 1, index + by));
  const next = [...scale];
  const [moved] = next.splice(index, 1);
  next.splice(to, 0, moved!);
  return next;
}

export const replaceRating = (scale: readonly Rating[], index: number, patch: Partial<Rating>): Rating[] =>
  scale.map((r, i) => (i === index ? { ...r, ...patch } : r));

/** Problems the API would refuse, per field path ("3.colour"), checked with the contract. */
export function scaleErrors(scale: readonly Rating[]): Record<string, string> {
  const parsed = RatingScale.safeParse(scale);
  if (parsed.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.') || 'scale';
    errors[path] ??= issue.message;
  }
  return errors;
}
