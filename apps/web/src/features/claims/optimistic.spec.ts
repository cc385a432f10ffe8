/// <reference types="jest" />
import type { Article } from '@corroborate/contracts';
import { claim } from '../../test/claimFixtures';
import { ARTICLE_ID, at, REVISION_ID, uuid } from '../../test/fixtures';
import { claimStart, draftClaim, patchedClaim, reattachedClaim, spanOf } from './optimistic';

const text = 'The river is cleaner than it has been in a century.';
const article = { id: ARTICLE_ID, workspaceId: uuid(0xd001), revision: { id: REVISION_ID, text } } as Article;
const ana = { id: uuid(0xc010), displayName: 'Ana' };

describe('optimistic claims', () => {
  it('shows a change at the next version until the answer replaces it', () => {
    const before = claim({ id: uuid(1) });
    const after = patchedClaim(before, { statement: 'Reworded', assigneeIds: [ana.id], dueAt: '2025-12-03', status: 'dismissed', reason: 'opinion' }, [ana], at(5));
    expect(after).toMatchObject({ statement: 'Reworded', assignees: [ana], dueAt: '2025-12-03T00:00:00.000Z', status: 'dismissed', statusReason: 'opinion', version: 2, updatedAt: at(5) });
    expect(before.version).toBe(1);
  });

  it('leaves out assignees it cannot name rather than inventing them', () => {
    expect(patchedClaim(claim({ id: uuid(1) }), { assigneeIds: [uuid(0xc999)] }, [ana], at(5)).assignees).toEqual([]);
  });

  it('anchors a new claim to the selection with both selectors', () => {
    const span = spanOf(article, { start: 4, end: 9 }, uuid(0x51));
    expect(span.target.selector[0].exact).toBe('river');
    expect(span.target.selector[1]).toEqual({ type: 'TextPositionSelector', start: 4, end: 9 });
    const draft = draftClaim(article, uuid(2), 'The river is cleaner', '', [span], ana, at(1));
    expect(draft).toMatchObject({ status: 'open', claimant: null, spans: [span], evidenceIds: [], version: 1 });
  });

  it('moves one span and finds the claim’s place in reading order from its anchored spans', () => {
    const c = claim({ id: uuid(3) });
    const moved = reattachedClaim(c, spanOf(article, { start: 13, end: 20 }, c.spans[0]!.id), at(2));
    expect(moved.spans[0]!.target.selector[1].start).toBe(13);
    expect(claimStart(moved)).toBe(13);
    expect(claimStart({ ...moved, spans: [{ ...moved.spans[0]!, orphaned: true }] })).toBe(Number.POSITIVE_INFINITY);
  });
});
