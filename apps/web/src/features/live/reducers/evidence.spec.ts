/// <reference types="jest" />
import { evidence, evidenceEvent } from '../../../test/claimFixtures';
import { event, ids, uuid } from '../../../test/fixtures';
import { applyEvidenceEvent, reorderEvidence } from './evidence';

const CLAIM = uuid(1);
const OTHER_CLAIM = uuid(2);
const e1 = evidence({ id: uuid(0x101), claimId: CLAIM });
const e2 = evidence({ id: uuid(0x102), claimId: CLAIM });
const e3 = evidence({ id: uuid(0x103), claimId: CLAIM });

describe('applyEvidenceEvent', () => {
  it('adds evidence of its own claim once, and ignores another claim’s', () => {
    const once = applyEvidenceEvent([e1], evidenceEvent.created(2, e2), CLAIM);
    expect(applyEvidenceEvent(once, evidenceEvent.created(2, e2), CLAIM)).toEqual([e1, e2]);
    const elsewhere = evidence({ id: uuid(0x201), claimId: OTHER_CLAIM });
    expect(applyEvidenceEvent([e1], evidenceEvent.created(3, elsewhere), CLAIM)).toEqual([e1]);
  });

  it('replaces an update in place and never goes back a version', () => {
    const e1v2 = { ...e1, stance: 'refutes' as const, version: 2 };
    const next = applyEvidenceEvent([e1, e2], evidenceEvent.updated(3, e1v2), CLAIM);
    expect(next).toEqual([e1v2, e2]);
    expect(applyEvidenceEvent(next, evidenceEvent.updated(4, e1), CLAIM)).toEqual([e1v2, e2]);
  });

  it('removes deleted evidence and does not bring it back', () => {
    const next = applyEvidenceEvent([e1, e2], evidenceEvent.deleted(3, e1), CLAIM);
    expect(ids(next)).toEqual([e2.id]);
    expect(applyEvidenceEvent(next, evidenceEvent.updated(4, { ...e1, version: 2 }), CLAIM, new Set([e1.id]))).toEqual(next);
  });

  it('follows a reorder, keeping items added since after the named ones', () => {
    const next = applyEvidenceEvent([e1, e2, e3], evidenceEvent.reordered(5, CLAIM, [e3, e1].map((e) => e.id)), CLAIM);
    expect(ids(next)).toEqual([e3.id, e1.id, e2.id]);
    expect(applyEvidenceEvent([e1, e2], evidenceEvent.reordered(5, OTHER_CLAIM, [e2.id, e1.id]), CLAIM)).toEqual([e1, e2]);
  });

  it('ignores malformed data', () => {
    expect(applyEvidenceEvent([e1], event(2, 'evidence.created', { id: uuid(9), claimId: CLAIM }), CLAIM)).toEqual([e1]);
    expect(applyEvidenceEvent([e1], event(2, 'evidence.reordered', { claimId: CLAIM, ids: [1] }), CLAIM)).toEqual([e1]);
  });
});

describe('reorderEvidence', () => {
  it('does not bring in ids it names that are not in the list', () => {
    expect(ids(reorderEvidence([e1, e2], [uuid(0x999), e2.id, e1.id]))).toEqual([e2.id, e1.id]);
  });
});
