/** What the verdicts in a review round decide once enough are in. */
export type RoundOutcome =
  | { kind: 'waiting' }
  | { kind: 'resolved'; rating: string }
  | { kind: 'awaiting-confirmation'; rating: string }
  | { kind: 'disputed' };

/**
 * Fewer verdicts than required: keep waiting. All agree: resolved at once, or waiting for an
 * editor's confirmation when the workspace asks for one. Any difference: disputed.
 */
export function decideRound(ratings: string[], required: number, requireConfirmation: boolean): RoundOutcome {
  if (ratings.length < required) return { kind: 'waiting' };
  const distinct = new Set(ratings);
  if (distinct.size > 1) return { kind: 'disputed' };
  const [rating] = distinct;
  return requireConfirmation ? { kind: 'awaiting-confirmation', rating: rating! } : { kind: 'resolved', rating: rating! };
}
