/// <reference types="jest" />
import type { Verdict } from '@corroborate/contracts';
import { claim } from '../../test/claimFixtures';
import { at, uuid } from '../../test/fixtures';
import { agreedRating, currentVerdicts, pastVerdicts, progressText, reviewView } from './progress';

const CLAIM = uuid(0x51);
const ME = uuid(0x901);
const OTHER = uuid(0x902);
const review = (submitted: number, reviewerIds: string[] = [], extra = {}) => ({ round: 1, required: 2, submitted, reviewerIds, awaitingConfirmation: false, ...extra });

function verdict(id: number, reviewerId: string, rating: string, extra: Partial<Verdict> = {}): Verdict {
  return {
    id: uuid(id),
    claimId: CLAIM,
    round: 1,
    reviewer: { id: reviewerId, displayName: reviewerId.slice(-3) },
    rating,
    rationale: 'because',
    evidenceIds: [],
    supersedes: null,
    supersedeReason: null,
    superseded: false,
    createdAt: at(id),
    ...extra,
  };
}

describe('progressText', () => {
  it('says how many verdicts are in, never which', () => {
    expect(progressText(review(1))).toBe('1 of 2 verdicts in');
    expect(progressText({ ...review(0), required: 1 })).toBe('0 of 1 verdict in');
  });
});

describe('reviewView', () => {
  it('offers a reviewer the blind form while the claim waits for verdicts', () => {
    const view = reviewView(claim({ id: CLAIM, status: 'in_review', review: review(1, [OTHER]) }), 'reviewer', ME);
    expect(view).toMatchObject({ visible: true, mayGiveVerdict: true, hasSubmitted: false, seesVerdicts: false, mayAdjudicate: false, refusal: null });
  });

  it('does not offer it to assignees (saying why), analysts, or once I have given mine', () => {
    const assigned = claim({ id: CLAIM, status: 'in_review', review: review(0), assignees: [{ id: ME, displayName: 'Me' }] });
    expect(reviewView(assigned, 'editor', ME)).toMatchObject({ mayGiveVerdict: false, refusal: expect.stringMatching(/assigned/) });
    expect(reviewView(claim({ id: CLAIM, status: 'in_review', review: review(0) }), 'analyst', ME).mayGiveVerdict).toBe(false);
    const given = reviewView(claim({ id: CLAIM, status: 'in_review', review: review(1, [ME]) }), 'reviewer', ME);
    expect(given).toMatchObject({ mayGiveVerdict: false, hasSubmitted: true, seesVerdicts: true, maySupersede: true });
  });

  it('does not offer it when all verdicts are in, or before the claim is in review', () => {
    expect(reviewView(claim({ id: CLAIM, status: 'in_review', review: review(2, [OTHER, uuid(3)]) }), 'reviewer', ME).mayGiveVerdict).toBe(false);
    const working = reviewView(claim({ id: CLAIM, status: 'in_progress' }), 'reviewer', ME);
    expect(working).toMatchObject({ visible: false, mayGiveVerdict: false });
  });

  it('lets editors adjudicate a disputed claim and confirm agreement, and see every verdict', () => {
    const disputed = reviewView(claim({ id: CLAIM, status: 'disputed', review: review(2, [OTHER, uuid(3)]) }), 'editor', ME);
    expect(disputed).toMatchObject({ mayAdjudicate: true, mayConfirm: false, seesVerdicts: true });
    expect(reviewView(claim({ id: CLAIM, status: 'disputed', review: review(2, [OTHER, ME]) }), 'reviewer', ME).mayAdjudicate).toBe(false);
    const agreeing = claim({ id: CLAIM, status: 'in_review', review: review(2, [OTHER, uuid(3)], { awaitingConfirmation: true }) });
    expect(reviewView(agreeing, 'owner', ME).mayConfirm).toBe(true);
    expect(reviewView(agreeing, 'reviewer', ME).mayConfirm).toBe(false);
  });

  it('leaves confirming to an editor outside the round, while one who reviewed may still settle a dispute', () => {
    const agreeingWithMe = claim({ id: CLAIM, status: 'in_review', review: review(2, [OTHER, ME], { awaitingConfirmation: true }) });
    expect(reviewView(agreeingWithMe, 'editor', ME).mayConfirm).toBe(false);
    expect(reviewView(agreeingWithMe, 'editor', uuid(3)).mayConfirm).toBe(true);
    expect(reviewView(claim({ id: CLAIM, status: 'disputed', review: review(2, [OTHER, ME]) }), 'editor', ME).mayAdjudicate).toBe(true);
  });

  it('shows a decided claim\'s verdicts to everyone', () => {
    expect(reviewView(claim({ id: CLAIM, status: 'resolved', rating: 'false', review: review(2, [OTHER, uuid(3)]) }), 'viewer', ME).seesVerdicts).toBe(true);
  });
});

describe('the verdicts of a round', () => {
  const mine = verdict(1, ME, 'false', { superseded: true });
  const replacement = verdict(3, ME, 'mostly-false', { supersedes: mine.id, supersedeReason: 'new figures' });
  const theirs = verdict(2, OTHER, 'mixed');
  const old = verdict(0, OTHER, 'true', { round: 0 });
  const detail = { verdicts: [old, mine, theirs, replacement], review: review(2, [OTHER, ME]) };

  it('keeps the standing verdicts in order, and the replaced and earlier ones apart', () => {
    expect(currentVerdicts(detail).map((v) => v.id)).toEqual([theirs.id, replacement.id]);
    expect(pastVerdicts(detail).map((v) => v.id)).toEqual([old.id, mine.id]);
  });

  it('finds the rating they agree on, or none', () => {
    expect(agreedRating(currentVerdicts(detail))).toBeNull();
    expect(agreedRating([theirs, verdict(4, ME, 'mixed')])).toBe('mixed');
    expect(agreedRating([])).toBeNull();
  });
});
