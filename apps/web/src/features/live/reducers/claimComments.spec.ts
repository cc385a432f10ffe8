/// <reference types="jest" />
import { claimComment, commentEvent } from '../../../test/claimFixtures';
import { ids, uuid } from '../../../test/fixtures';
import { applyClaimCommentEvent } from './claimComments';

const CLAIM = uuid(1);
const root = claimComment({ id: uuid(0x201), claimId: CLAIM });
const reply = claimComment({ id: uuid(0x202), claimId: CLAIM, replyTo: root.id });
const other = claimComment({ id: uuid(0x203), claimId: CLAIM });

describe('applyClaimCommentEvent', () => {
  it('adds a comment once and ignores another claim’s', () => {
    const once = applyClaimCommentEvent([root], commentEvent.created(2, reply), CLAIM);
    expect(applyClaimCommentEvent(once, commentEvent.created(2, reply), CLAIM)).toEqual([root, reply]);
    const elsewhere = claimComment({ id: uuid(0x301), claimId: uuid(2) });
    expect(applyClaimCommentEvent([root], commentEvent.created(3, elsewhere), CLAIM)).toEqual([root]);
  });

  it('keeps the newest version of an edit', () => {
    const v3 = { ...root, body: 'third', version: 3 };
    expect(applyClaimCommentEvent([v3], commentEvent.updated(4, { ...root, body: 'second', version: 2 }), CLAIM)).toEqual([v3]);
    expect(applyClaimCommentEvent([root], commentEvent.updated(4, v3), CLAIM)).toEqual([v3]);
  });

  it('removes a thread with its replies, even those deletedIds does not list', () => {
    expect(ids(applyClaimCommentEvent([root, reply, other], commentEvent.deleted(5, root, []), CLAIM))).toEqual([other.id]);
  });

  it('keeps a deleted comment away', () => {
    expect(applyClaimCommentEvent([other], commentEvent.created(6, root), CLAIM, new Set([root.id]))).toEqual([other]);
  });
});
