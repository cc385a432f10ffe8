/// <reference types="jest" />
import { claim, claimComment, claimEvent, commentEvent, evidence, evidenceEvent } from '../../../test/claimFixtures';
import { event, ids, uuid } from '../../../test/fixtures';
import { addChildId, applyClaimEvent, removeChildIds, reorderIds, upsertClaim } from './claims';

const A = uuid(1);
const B = uuid(2);
const E1 = uuid(0x101);
const E2 = uuid(0x102);
const E3 = uuid(0x103);

describe('applyClaimEvent', () => {
  const a = claim({ id: A });
  const b = claim({ id: B });

  it('adds a created claim once, however often its event comes', () => {
    const once = applyClaimEvent([a], claimEvent.created(2, b));
    expect(applyClaimEvent(once, claimEvent.created(2, b))).toEqual([a, b]);
  });

  it('replaces an updated claim in place', () => {
    const a2 = { ...a, status: 'assigned' as const, version: 2 };
    const next = applyClaimEvent([a, b], claimEvent.updated(3, a2));
    expect(next).toEqual([a2, b]);
    expect(next[1]).toBe(b);
  });

  it('never lets an older version overwrite a newer one', () => {
    const a3 = { ...a, statement: 'third', version: 3 };
    expect(applyClaimEvent([a3], claimEvent.updated(4, { ...a, statement: 'second', version: 2 }))).toEqual([a3]);
  });

  it('removes a deleted claim, and a deleted id never comes back', () => {
    expect(ids(applyClaimEvent([a, b], claimEvent.deleted(5, a)))).toEqual([B]);
    expect(applyClaimEvent([b], claimEvent.created(6, a), new Set([A]))).toEqual([b]);
    expect(applyClaimEvent([b], claimEvent.updated(6, { ...a, version: 2 }), new Set([A]))).toEqual([b]);
  });

  it('adds created evidence to its claim’s evidenceIds once, without a new version', () => {
    const e = evidence({ id: E1, claimId: A });
    const once = applyClaimEvent([a, b], evidenceEvent.created(2, e));
    const twice = applyClaimEvent(once, evidenceEvent.created(2, e));
    expect(twice[0]!.evidenceIds).toEqual([E1]);
    expect(twice[0]!.version).toBe(1);
    expect(twice[1]).toBe(b);
  });

  it('does not count evidence that was deleted meanwhile', () => {
    const e = evidence({ id: E1, claimId: A });
    expect(applyClaimEvent([a], evidenceEvent.created(2, e), new Set([E1]))[0]!.evidenceIds).toEqual([]);
  });

  it('drops deleted evidence from the count and reorders the ids', () => {
    const withThree = { ...a, evidenceIds: [E1, E2, E3] };
    const reordered = applyClaimEvent([withThree], evidenceEvent.reordered(3, A, [E3, E1, E2]));
    expect(reordered[0]!.evidenceIds).toEqual([E3, E1, E2]);
    const removed = applyClaimEvent(reordered, evidenceEvent.deleted(4, evidence({ id: E1, claimId: A })));
    expect(removed[0]!.evidenceIds).toEqual([E3, E2]);
  });

  it('counts comments, and a deleted thread takes its replies from the count', () => {
    const root = claimComment({ id: uuid(0x201), claimId: A });
    const reply = claimComment({ id: uuid(0x202), claimId: A, replyTo: root.id });
    let list = applyClaimEvent([a], commentEvent.created(2, root));
    list = applyClaimEvent(list, commentEvent.created(3, reply));
    list = applyClaimEvent(list, commentEvent.created(3, reply));
    expect(list[0]!.commentIds).toEqual([root.id, reply.id]);
    list = applyClaimEvent(list, commentEvent.deleted(4, root, [root.id, reply.id]));
    expect(list[0]!.commentIds).toEqual([]);
  });

  it('leaves the list as it was for malformed data and events about other things', () => {
    const list = [a, b];
    expect(applyClaimEvent(list, event(3, 'claim.created', { id: A }))).toEqual(list);
    expect(applyClaimEvent(list, event(3, 'evidence.reordered', { claimId: A, ids: 'nope' }))).toEqual(list);
    expect(applyClaimEvent(list, event(3, 'annotation.deleted', { id: A }))).toEqual(list);
  });

  it('never mutates the list it is given', () => {
    const frozen = Object.freeze([Object.freeze({ ...a, evidenceIds: [E1] })]);
    applyClaimEvent(frozen, evidenceEvent.created(2, evidence({ id: E2, claimId: A })));
    applyClaimEvent(frozen, evidenceEvent.reordered(2, A, [E1]));
    applyClaimEvent(frozen, claimEvent.updated(2, { ...a, version: 2 }));
    expect(frozen[0]!.evidenceIds).toEqual([E1]);
  });
});

describe('upsertClaim', () => {
  const a = claim({ id: A });

  it('keeps evidence an event added when an answer of the same version predates it', () => {
    // The PATCH answer (v2) was read before the evidence was added; its event came first.
    const live = { ...a, version: 2, status: 'in_progress' as const, evidenceIds: [E1] };
    const answer = { ...a, version: 2, status: 'in_progress' as const, evidenceIds: [] };
    expect(upsertClaim([live], answer)[0]!.evidenceIds).toEqual([E1]);
  });

  it('lets a newer version drop only what is known to be deleted', () => {
    const live = { ...a, evidenceIds: [E1, E2] };
    const newer = { ...a, version: 2, evidenceIds: [E2] };
    expect(upsertClaim([live], newer, new Set([E1]))[0]!.evidenceIds).toEqual([E2]);
  });
});

describe('child ids', () => {
  const a = claim({ id: A, evidenceIds: [E1] });

  it('returns the same claim object when nothing changes', () => {
    expect(addChildId([a], A, 'evidenceIds', E1)[0]).toBe(a);
    expect(removeChildIds([a], A, 'evidenceIds', [E2])[0]).toBe(a);
  });

  it('reorders by the given order, keeping ids it does not name after them and ignoring ids that are gone', () => {
    expect(reorderIds([E1, E2, E3], [E3, E2, E1])).toEqual([E3, E2, E1]);
    expect(reorderIds([E1, E2, E3], [E2, uuid(0x999)])).toEqual([E2, E1, E3]);
  });
});
