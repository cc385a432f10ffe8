/// <reference types="jest" />
import { OLD_REVISION_ID, REVISION_ID, annotation, at, ids, reply, uuid } from '../../test/fixtures';
import { upsertAnnotation } from '../live/eventApplier';
import { buildThreads, countByStatus, matchesFilter, sameThread, SHOW_ALL, showsNewThread, type Thread, type ThreadFilter } from './threads';

const shape = (threads: Thread[]) => threads.map((t) => [t.root.id, ids(t.replies)]);

describe('buildThreads', () => {
  it('orders threads by where they start in the text', () => {
    const late = annotation({ id: uuid(1), start: 40, end: 45, createdAt: at(1) });
    const early = annotation({ id: uuid(2), start: 3, end: 9, createdAt: at(2) });
    const middle = annotation({ id: uuid(3), start: 20, end: 22, createdAt: at(3) });
    const { anchored, detached } = buildThreads([late, early, middle], REVISION_ID);
    expect(ids(anchored.map((t) => t.root))).toEqual([early.id, middle.id, late.id]);
    expect(detached).toEqual([]);
  });

  it('breaks ties by end, then by creation time', () => {
    const longer = annotation({ id: uuid(1), start: 10, end: 30, createdAt: at(1) });
    const newer = annotation({ id: uuid(2), start: 10, end: 20, createdAt: at(5) });
    const older = annotation({ id: uuid(3), start: 10, end: 20, createdAt: at(2) });
    const { anchored } = buildThreads([longer, newer, older], REVISION_ID);
    expect(ids(anchored.map((t) => t.root))).toEqual([older.id, newer.id, longer.id]);
  });

  it('groups replies under their root, oldest first', () => {
    const a = annotation({ id: uuid(1), start: 0, end: 5 });
    const b = annotation({ id: uuid(2), start: 10, end: 15 });
    const a2 = reply(a, uuid(12), 7);
    const a1 = reply(a, uuid(11), 3);
    const b1 = reply(b, uuid(21), 1);
    const { anchored } = buildThreads([a2, b1, b, a1, a], REVISION_ID);
    expect(shape(anchored)).toEqual([
      [a.id, [a1.id, a2.id]],
      [b.id, [b1.id]],
    ]);
  });

  it('gives a thread without replies an empty list', () => {
    const a = annotation({ id: uuid(1) });
    expect(buildThreads([a], REVISION_ID).anchored).toEqual([{ root: a, replies: [] }]);
  });

  it('sets apart threads anchored to another revision, oldest first, with their replies', () => {
    const current = annotation({ id: uuid(1), start: 50, end: 55 });
    const goneLater = annotation({ id: uuid(2), start: 0, end: 5, revisionId: OLD_REVISION_ID, createdAt: at(9) });
    const goneEarlier = annotation({ id: uuid(3), start: 80, end: 85, revisionId: OLD_REVISION_ID, createdAt: at(4) });
    const r = reply(goneLater, uuid(21), 10);
    const { anchored, detached } = buildThreads([goneLater, current, r, goneEarlier], REVISION_ID);
    expect(shape(anchored)).toEqual([[current.id, []]]);
    expect(shape(detached)).toEqual([
      [goneEarlier.id, []],
      [goneLater.id, [r.id]],
    ]);
  });

  it("keeps a reply under its root whatever the reply's own revision", () => {
    const root = annotation({ id: uuid(1) });
    const r = reply(root, uuid(11), 1, { revisionId: OLD_REVISION_ID });
    const { anchored, detached } = buildThreads([root, r], REVISION_ID);
    expect(shape(anchored)).toEqual([[root.id, [r.id]]]);
    expect(detached).toEqual([]);
  });

  it('shows no reply whose root is not in the list', () => {
    const gone = annotation({ id: uuid(1) });
    const kept = annotation({ id: uuid(2), start: 10, end: 12 });
    const orphan = reply(gone, uuid(11), 1);
    const { anchored, detached } = buildThreads([orphan, kept], REVISION_ID);
    expect(shape(anchored)).toEqual([[kept.id, []]]);
    expect(detached).toEqual([]);
  });

  it('does not reorder the list it is given', () => {
    const a = annotation({ id: uuid(1), start: 9, end: 10 });
    const b = annotation({ id: uuid(2), start: 1, end: 2 });
    const r2 = reply(a, uuid(12), 5);
    const r1 = reply(a, uuid(11), 1);
    const list = Object.freeze([a, r2, r1, b]);
    buildThreads(list, REVISION_ID);
    expect(ids(list)).toEqual([a.id, r2.id, r1.id, b.id]);
  });
});

describe('sameThread', () => {
  it('holds for the threads a new annotation elsewhere leaves alone, and not for the one it joins', () => {
    const a = annotation({ id: uuid(1), start: 0, end: 5 });
    const b = annotation({ id: uuid(2), start: 10, end: 15 });
    const b1 = reply(b, uuid(21), 1);
    const before = buildThreads([a, b, b1], REVISION_ID).anchored;
    const b2 = reply(b, uuid(22), 2);
    const after = buildThreads(upsertAnnotation([a, b, b1], b2, new Set()), REVISION_ID).anchored;
    expect(sameThread(before[0]!, after[0]!)).toBe(true);
    expect(sameThread(before[1]!, after[1]!)).toBe(false);
    // An edited root is a new object: its card shows the change.
    const edited = { ...a, body: 'Changed' };
    expect(sameThread(before[0]!, buildThreads(upsertAnnotation([a, b, b1], edited, new Set()), REVISION_ID).anchored[0]!)).toBe(false);
  });
});

describe('thread filters', () => {
  const open = annotation({ id: uuid(1), motivation: 'commenting' });
  const question = annotation({ id: uuid(2), motivation: 'questioning' });
  const resolved = annotation({ id: uuid(3), motivation: 'commenting', resolved: true, resolvedAt: at(3), resolvedBy: uuid(0xc001) });
  const tag = annotation({ id: uuid(4), motivation: 'tagging', body: null, tags: ['quote'], resolved: true, resolvedAt: at(4), resolvedBy: uuid(0xc001) });
  const threads = buildThreads([open, question, resolved, tag, reply(open, uuid(11), 2)], REVISION_ID).anchored;
  const shown = (filter: ThreadFilter) => ids(threads.filter((t) => matchesFilter(t, filter)).map((t) => t.root));

  it('shows every thread with no filter', () => {
    expect(shown(SHOW_ALL).sort()).toEqual([open.id, question.id, resolved.id, tag.id].sort());
  });

  it('keeps open or resolved threads by their root, whatever the replies', () => {
    expect(shown({ status: 'open', kinds: [] }).sort()).toEqual([open.id, question.id].sort());
    expect(shown({ status: 'resolved', kinds: [] }).sort()).toEqual([resolved.id, tag.id].sort());
  });

  it('keeps the chosen kinds, combined with the status', () => {
    expect(shown({ status: 'all', kinds: ['commenting'] }).sort()).toEqual([open.id, resolved.id].sort());
    expect(shown({ status: 'open', kinds: ['commenting', 'tagging'] })).toEqual([open.id]);
    expect(shown({ status: 'resolved', kinds: ['questioning'] })).toEqual([]);
  });

  it('tells whether a new (open) thread of a kind would be listed', () => {
    expect(showsNewThread(SHOW_ALL, 'tagging')).toBe(true);
    expect(showsNewThread({ status: 'open', kinds: ['tagging'] }, 'tagging')).toBe(true);
    expect(showsNewThread({ status: 'open', kinds: ['commenting'] }, 'tagging')).toBe(false);
    expect(showsNewThread({ status: 'resolved', kinds: [] }, 'commenting')).toBe(false);
  });

  it('counts what each status would show under the chosen kinds', () => {
    expect(countByStatus(threads, [])).toEqual({ open: 2, resolved: 2, all: 4 });
    expect(countByStatus(threads, ['tagging', 'questioning'])).toEqual({ open: 1, resolved: 1, all: 2 });
  });
});
