import type { Claim, Rating } from '@corroborate/contracts';

/** How a rating key is drawn: from the workspace's scale, or plainly when the scale no longer has it. */
export interface RatingLook {
  key: string;
  label: string;
  colour: string;
  description: string;
}

const UNKNOWN_COLOUR = '#495057';

export function ratingLook(scale: readonly Rating[] | undefined, key: string): RatingLook {
  const rating = scale?.find((r) => r.key === key);
  return rating
    ? { key, label: rating.label, colour: rating.colour, description: rating.description }
    : { key, label: key, colour: UNKNOWN_COLOUR, description: '' };
}

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Black or white, whichever reads better on `background`. Owners pick any colour for a rating;
 * one of the two always reaches 4.5:1, so a badge filled with it stays legible.
 */
export function textOn(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}

/** A resolved claim's final rating, as its highlight and card show it; null while undecided. */
export function finalRating(claim: Pick<Claim, 'status' | 'rating'>, scale: readonly Rating[] | undefined): RatingLook | null {
  return claim.status === 'resolved' && claim.rating ? ratingLook(scale, claim.rating) : null;
}
