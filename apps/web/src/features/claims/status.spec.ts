/// <reference types="jest" />
import { allowedTransitions } from '@corroborate/contracts';
import { claim } from '../../test/claimFixtures';
import { at, OTHER_USER_ID, USER_ID, uuid } from '../../test/fixtures';
import { abilitiesFor, isOverdue } from './status';

const ME = OTHER_USER_ID;
const assigned = claim({ id: uuid(1), status: 'assigned', assignees: [{ id: ME, displayName: 'Bo' }] });

describe('abilitiesFor', () => {
  it('gives an assigned analyst the workflow table’s moves and the right to edit', () => {
    const mine = abilitiesFor(assigned, 'analyst', ME);
    expect(mine.transitions).toEqual(allowedTransitions('assigned', { role: 'analyst', isAssignee: true }));
    expect(mine.transitions.map((t) => t.to)).toEqual(['in_progress']);
    expect(mine).toMatchObject({ edit: true, assign: false, remove: false });
  });

  it('lets an analyst who is not involved comment and add evidence, but not move or edit', () => {
    const theirs = abilitiesFor(assigned, 'analyst', uuid(0xc099));
    expect(theirs).toMatchObject({ transitions: [], edit: false, comment: true, addEvidence: true });
  });

  it('lets editors assign, dismiss and delete', () => {
    const editor = abilitiesFor(assigned, 'editor', uuid(0xc099));
    expect(editor).toMatchObject({ assign: true, remove: true, edit: true });
    expect(editor.transitions.map((t) => t.to)).toContain('dismissed');
  });

  it('offers "Take it" only on an open claim nobody is assigned to', () => {
    expect(abilitiesFor(claim({ id: uuid(2) }), 'analyst', ME).take).toBe(true);
    expect(abilitiesFor(assigned, 'analyst', ME).take).toBe(false);
  });

  it('leaves a viewer, or nobody signed in, read-only', () => {
    const viewer = abilitiesFor(claim({ id: uuid(3), createdBy: { id: USER_ID, displayName: 'Ada' } }), 'viewer', USER_ID);
    expect(viewer).toMatchObject({ edit: false, remove: false, take: false, comment: false, addEvidence: false, transitions: [] });
    expect(abilitiesFor(assigned, null, undefined).transitions).toEqual([]);
  });
});

describe('isOverdue', () => {
  const now = Date.parse(at(30));
  it('is a past due date on a claim still being worked on', () => {
    expect(isOverdue({ dueAt: at(10), status: 'in_progress' }, now)).toBe(true);
    expect(isOverdue({ dueAt: at(40), status: 'in_progress' }, now)).toBe(false);
    expect(isOverdue({ dueAt: at(10), status: 'resolved' }, now)).toBe(false);
    expect(isOverdue({ dueAt: null, status: 'open' }, now)).toBe(false);
  });
});
