import { can, seesVerdicts, type Claim, type ClaimDetail, type Verdict, type WorkspaceRole } from '@corroborate/contracts';

/** "1 of 2 verdicts in": all a blind reviewer learns of the others. */
export function progressText(review: Claim['review']): string {
  return `${review.submitted} of ${review.required} verdict${review.required === 1 ? '' : 's'} in`;
}

/** What the review part of the claim panel offers this member now. */
export interface ReviewView {
  /** The review section is worth showing (the claim is or was in review). */
  visible: boolean;
  /** May give a verdict now: a reviewer, not assigned, none given this round, verdicts still wanted. */
  mayGiveVerdict: boolean;
  /** Why not, when they could otherwise review (assigned to it). */
  refusal: string | null;
  /** Gave a verdict this round. */
  hasSubmitted: boolean;
  /** The others' verdicts may be shown. */
  seesVerdicts: boolean;
  mayAdjudicate: boolean;
  mayConfirm: boolean;
  /** May replace their own verdict, with a reason (while the round is open or disputed). */
  maySupersede: boolean;
}

const REVIEW_STATUSES = new Set(['in_review', 'disputed', 'resolved']);

export function reviewView(claim: Claim, role: WorkspaceRole | null, userId: string | undefined): ReviewView {
  const hasSubmitted = !!userId && claim.review.reviewerIds.includes(userId);
  const reviewer = !!role && can.review(role);
  const assigned = !!userId && claim.assignees.some((a) => a.id === userId);
  const open = claim.status === 'in_review';
  const decider = !!role && can.decide(role);
  return {
    visible: REVIEW_STATUSES.has(claim.status) || claim.review.submitted > 0 || claim.review.round > 1,
    mayGiveVerdict: reviewer && !assigned && open && !hasSubmitted && claim.review.submitted < claim.review.required,
    refusal: reviewer && assigned && open ? 'You are assigned to this claim, so its verdicts come from other reviewers.' : null,
    hasSubmitted,
    seesVerdicts: !!role && seesVerdicts({ role, hasSubmitted, status: claim.status }),
    mayAdjudicate: decider && claim.status === 'disputed',
    // Confirmation is a second pair of eyes: not from one of the agreeing reviewers.
    mayConfirm: decider && open && claim.review.awaitingConfirmation && !hasSubmitted,
    maySupersede: hasSubmitted && reviewer && (open || claim.status === 'disputed'),
  };
}

/** The round's standing verdicts (superseded ones left out), in the order they came. */
export function currentVerdicts(detail: Pick<ClaimDetail, 'verdicts' | 'review'>): Verdict[] {
  return detail.verdicts.filter((v) => v.round === detail.review.round && !v.superseded);
}

/** Earlier verdicts: replaced ones and those of past rounds, for the record. */
export function pastVerdicts(detail: Pick<ClaimDetail, 'verdicts' | 'review'>): Verdict[] {
  return detail.verdicts.filter((v) => v.round !== detail.review.round || v.superseded);
}

/** The rating the standing verdicts agree on, or null when they differ (or there are none). */
export function agreedRating(verdicts: readonly Verdict[]): string | null {
  const ratings = new Set(verdicts.map((v) => v.rating));
  return ratings.size === 1 ? [...ratings][0]! : null;
}
