/// <reference types="jest" />
import type { Annotation } from '@corroborate/contracts';
import { upsertAnnotation } from '../live/eventApplier';
import { ARTICLE_ID, OTHER_USER_ID, USER_ID, annotation, ids, reply, uuid } from '../../test/fixtures';
import {
  applyOp,
  applyOps,
  dequeue,
  enqueue,
  holdsChange,
  nextOp,
  opsFor,
  parseQueue,
  patched,
  rollbackOp,
  type CreateOp,
  type DeleteOp,
  type OutboxOp,
  type UpdateOp,
} from './outbox';

const NOW = '2025-03-01T12:00:00.000Z';

let opCount = 0;
const base = (id: string, userId = USER_ID, articleId = ARTICLE_ID) => ({ opId: `op-${++opCount}`, articleId, userId, id });

function createOp(draft: Annotation, userId = USER_ID): CreateOp {
  return {
    kind: 'create',
    ...base(draft.id, userId, draft.articleId),
    body: { id: draft.id, motivation: draft.motivation, body: draft.body ?? undefined, target: { selector: draft.target.selector } },
    draft,
  };
}

const updateOp = (before: Annotation, change: Omit<UpdateOp['body'], 'version'>): UpdateOp => ({
  kind: 'update',
  ...base(before.id),
  body: { ...change, version: before.version },
  before,
});

const deleteOp = (root: Annotation, replies: Annotation[] = []): DeleteOp => ({ kind: 'delete', ...base(root.id), before: [root, ...replies] });

const A = annotation({ id: uuid(1), start: 0, end: 4 });
const B = annotation({ id: uuid(2), start: 5, end: 9 });

beforeEach(() => {
  jest.useFakeTimers({ now: new Date(NOW) });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('the queue', () => {
  it('keeps ops in the order they were made, with their client ids', () => {
    const first = createOp(A);
    const second = updateOp(A, { body: 'edited' });
    const third = deleteOp(B);
    const queue = [first, second, third].reduce<OutboxOp[]>(enqueue, []);
    expect(queue.map((op) => [op.kind, op.id, op.opId])).toEqual([
      ['create', A.id, first.opId],
      ['update', A.id, second.opId],
      ['delete', B.id, third.opId],
    ]);
  });

  it('does not change the queue it is given', () => {
    const queue: OutboxOp[] = [createOp(A)];
    const next = enqueue(queue, createOp(B));
    expect(queue).toHaveLength(1);
    expect(next).toHaveLength(2);
    expect(dequeue(next, next[0]!.opId)).toEqual([next[1]]);
    expect(next).toHaveLength(2);
  });

  it('removes one op by opId even when others concern the same annotation', () => {
    const edit1 = updateOp(A, { body: 'one' });
    const edit2 = updateOp({ ...A, version: 2 }, { body: 'two' });
    expect(dequeue([edit1, edit2], edit1.opId)).toEqual([edit2]);
  });

  it("sends the user's oldest op first and never another user's", () => {
    const theirs = createOp(B, OTHER_USER_ID);
    const mine1 = createOp(A);
    const mine2 = updateOp(A, { body: 'x' });
    const queue = [theirs, mine1, mine2];
    expect(nextOp(queue, USER_ID)).toBe(mine1);
    expect(nextOp(queue, OTHER_USER_ID)).toBe(theirs);
    expect(nextOp(dequeue(queue, mine1.opId), USER_ID)).toBe(mine2);
    expect(nextOp([theirs], USER_ID)).toBeUndefined();
  });

  it("lists an article's ops in order", () => {
    const other = createOp(annotation({ id: uuid(9), articleId: uuid(0xa001) }));
    const a = createOp(A);
    const b = createOp(B);
    expect(opsFor([a, other, b], ARTICLE_ID)).toEqual([a, b]);
  });

  it('survives storage: order, op ids and client ids are kept', () => {
    const queue = [createOp(A), updateOp(A, { tags: ['claim'] }), deleteOp(B)];
    const restored = parseQueue(JSON.stringify(queue));
    expect(restored).toEqual(queue);
    expect(restored.map((op) => op.opId)).toEqual(queue.map((op) => op.opId));
  });

  it('drops unreadable storage instead of failing', () => {
    expect(parseQueue(null)).toEqual([]);
    expect(parseQueue('')).toEqual([]);
    expect(parseQueue('{not json')).toEqual([]);
    expect(parseQueue('{"kind":"create"}')).toEqual([]);
    const good = createOp(A);
    const stored = JSON.stringify([{ kind: 'rename', opId: 'x', id: A.id }, { kind: 'create', id: A.id }, null, 7, good]);
    expect(parseQueue(stored)).toEqual([good]);
  });
});

describe('create', () => {
  it('shows the draft optimistically and undoes it on rollback', () => {
    const op = createOp(A);
    const shown = applyOp([B], op);
    expect(shown).toEqual([B, A]);
    expect(rollbackOp(shown, op)).toEqual([B]);
  });

  it('keeps its client id across a retry: a resend neither duplicates nor replaces the answer', () => {
    const op = createOp({ ...A, body: 'draft' });
    const restored = parseQueue(JSON.stringify([op]))[0] as CreateOp;
    expect(restored.body.id).toBe(A.id);
    expect(restored.id).toBe(A.id);
    expect(restored.draft.id).toBe(A.id);

    // The first attempt reached the server; its answer (or event) is already in the list.
    const fromServer = { ...A, body: 'draft', createdAt: '2025-01-01T09:00:01.000Z' };
    const afterAnswer = upsertAnnotation(applyOp([], op), fromServer);
    expect(applyOp(afterAnswer, restored)).toEqual([fromServer]);
  });

  it('takes its replies with it when rolled back', () => {
    const op = createOp(A);
    const r = reply(A, uuid(11), 1);
    expect(rollbackOp([A, r, B], op)).toEqual([B]);
  });
});

describe('update', () => {
  it('applies on top of the version it was made against', () => {
    const op = updateOp(A, { body: 'edited', tags: ['claim'] });
    const [next] = applyOp([A], op);
    expect(next).toEqual({ ...A, body: 'edited', tags: ['claim'], version: 2, updatedAt: NOW, editedAt: NOW });
  });

  it('does nothing on another version or a missing annotation', () => {
    const op = updateOp(A, { body: 'edited' });
    const newer = { ...A, version: 3, body: 'someone else' };
    expect(applyOp([newer], op)).toEqual([newer]);
    expect(applyOp([B], op)).toEqual([B]);
  });

  it('rolls back to the version before it', () => {
    const op = updateOp(A, { body: 'edited' });
    const shown = applyOp([A, B], op);
    expect(rollbackOp(shown, op)).toEqual([A, B]);
  });

  it('leaves a newer server version in place on rollback', () => {
    const op = updateOp(A, { body: 'edited' });
    const server = { ...A, body: 'theirs', version: 3 };
    expect(rollbackOp([server], op)).toEqual([server]);
  });

  it('sets and clears the resolved fields', () => {
    expect(patched(A, { version: 1, resolved: true }, USER_ID, NOW)).toEqual({
      ...A,
      resolved: true,
      resolvedAt: NOW,
      resolvedBy: USER_ID,
      version: 2,
      updatedAt: NOW,
    });
    const resolved = { ...A, resolved: true, resolvedAt: '2025-01-02T00:00:00.000Z', resolvedBy: OTHER_USER_ID };
    expect(patched(resolved, { version: 1, resolved: false }, USER_ID, NOW)).toMatchObject({ resolved: false, resolvedAt: null, resolvedBy: null });
    // Resolving is not an edit, nor is saving the same words.
    expect(patched(A, { version: 1, resolved: true, body: A.body }, USER_ID, NOW).editedAt).toBeNull();
    // Resolving what is already resolved keeps who did it first.
    expect(patched(resolved, { version: 1, resolved: true }, USER_ID, NOW)).toMatchObject({ resolvedBy: OTHER_USER_ID, resolvedAt: '2025-01-02T00:00:00.000Z' });
  });

  it('clears the body with null', () => {
    expect(patched(A, { version: 1, body: null }, USER_ID, NOW).body).toBeNull();
  });

  it('recognises a change that already landed (resend after an unknown outcome)', () => {
    const landed = { ...A, body: 'edited', tags: ['b', 'a'], resolved: true, version: 2 };
    expect(holdsChange(landed, { version: 1, body: 'edited', tags: ['a', 'b'], resolved: true })).toBe(true);
    expect(holdsChange(landed, { version: 1, body: 'other' })).toBe(false);
    expect(holdsChange(landed, { version: 1, tags: ['a'] })).toBe(false);
    expect(holdsChange(landed, { version: 1, resolved: false })).toBe(false);
  });
});

describe('delete', () => {
  const r1 = reply(A, uuid(11), 1);
  const r2 = reply(A, uuid(12), 2);

  it('removes the thread optimistically and restores it on rollback', () => {
    const op = deleteOp(A, [r1, r2]);
    const shown = applyOp([A, r1, B, r2], op);
    expect(shown).toEqual([B]);
    expect(ids(rollbackOp(shown, op))).toEqual([B.id, A.id, r1.id, r2.id]);
  });

  it('restores only what is missing, and nothing the server deleted', () => {
    const op = deleteOp(A, [r1, r2]);
    const newerA = { ...A, body: 'newer', version: 2 };
    const restored = rollbackOp([newerA, B], op, new Set([r2.id]));
    expect(restored).toEqual([newerA, B, r1]);
  });
});

describe('applyOps', () => {
  it('applies queued ops in order: an edit of a draft lands on the draft', () => {
    const create = createOp(A);
    const edit = updateOp(A, { body: 'second thought' });
    const next = applyOps([B], [create, edit]);
    expect(next).toEqual([B, { ...A, body: 'second thought', version: 2, updatedAt: NOW, editedAt: NOW }]);
    // In the wrong order the edit finds nothing to apply to.
    expect(applyOps([B], [edit, create])).toEqual([B, A]);
  });
});
