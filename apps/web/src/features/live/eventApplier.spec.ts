/// <reference types="jest" />
import { claim, claimComment, claimEvent, commentEvent, evidence, evidenceEvent } from '../../test/claimFixtures';
import { annotation, ARTICLE_ID, at, created, deleted, event, ids, reply, updated, uuid } from '../../test/fixtures';
import { queryKeys } from '../../lib/queryKeys';
import { applyEvent, applyEvents, changesOf, claimOf, classify, deletedIdsOf, isLiveList, removeAnnotations, upsertAnnotation } from './eventApplier';

const A = uuid(1);
const B = uuid(2);
const C = uuid(3);

describe('classify', () => {
  it('applies exactly the next seq', () => {
    expect(classify(1, 0)).toBe('apply');
    expect(classify(8, 7)).toBe('apply');
  });

  it('reports a gap for any later seq', () => {
    expect(classify(9, 7)).toBe('gap');
    expect(classify(100, 0)).toBe('gap');
  });

  it('treats a seq at or below lastSeq as a duplicate', () => {
    expect(classify(7, 7)).toBe('duplicate');
    expect(classify(3, 7)).toBe('duplicate');
  });
});

describe('applyEvent', () => {
  const a = annotation({ id: A, start: 0, end: 4 });
  const b = annotation({ id: B, start: 10, end: 14 });

  it('appends a created annotation', () => {
    const c = annotation({ id: C, start: 20, end: 24 });
    expect(applyEvent([a, b], created(3, c))).toEqual([a, b, c]);
  });

  it('replaces an updated annotation in place', () => {
    const a2 = { ...a, body: 'edited', version: 2 };
    const next = applyEvent([a, b], updated(4, a2));
    expect(ids(next)).toEqual([A, B]);
    expect(next[0]).toEqual(a2);
    expect(next[1]).toBe(b);
  });

  it('removes a deleted annotation', () => {
    expect(ids(applyEvent([a, b], deleted(5, a)))).toEqual([B]);
  });

  it("replaces the writer's own optimistic entry by id instead of adding a second one", () => {
    const draft = { ...a, body: 'typed offline', updatedAt: '2025-01-01T09:00:00.500Z' };
    const fromServer = { ...a, body: 'typed offline', updatedAt: '2025-01-01T09:00:01.000Z' };
    const next = applyEvent([b, draft], created(6, fromServer));
    expect(next).toHaveLength(2);
    expect(next[1]).toEqual(fromServer);
  });

  it('ignores a repeated created event', () => {
    const once = applyEvent([b], created(2, a));
    const twice = applyEvent(once, created(2, a));
    expect(twice).toEqual([b, a]);
  });

  it('keeps a newer version when an older one arrives late', () => {
    const a3 = { ...a, body: 'third', version: 3 };
    const a2 = { ...a, body: 'second', version: 2 };
    expect(applyEvent([a3], updated(7, a2))).toEqual([a3]);
  });

  it('does not bring back an id that was deleted', () => {
    expect(applyEvent([b], created(8, a), new Set([A]))).toEqual([b]);
    expect(applyEvent([b], updated(8, { ...a, version: 2 }), new Set([A]))).toEqual([b]);
  });

  it('removes the replies listed in deletedIds together with their root', () => {
    const r1 = reply(a, uuid(11), 1);
    const r2 = reply(a, uuid(12), 2);
    const other = reply(b, uuid(13), 3);
    const next = applyEvent([a, r1, b, r2, other], deleted(9, a, [A, r1.id, r2.id]));
    expect(ids(next)).toEqual([B, other.id]);
  });

  it('removes replies of the deleted root even when deletedIds does not list them', () => {
    const r1 = reply(a, uuid(11), 1);
    expect(ids(applyEvent([a, r1, b], deleted(9, a, [])))).toEqual([B]);
  });

  it('deletes a single reply without touching its thread', () => {
    const r1 = reply(a, uuid(11), 1);
    const r2 = reply(a, uuid(12), 2);
    expect(ids(applyEvent([a, r1, r2], deleted(9, r1)))).toEqual([A, r2.id]);
  });

  it('leaves the list as it was for malformed data and unrelated events', () => {
    const list = [a, b];
    expect(applyEvent(list, event(3, 'annotation.created', { id: C }))).toEqual(list);
    expect(applyEvent(list, event(3, 'annotation.deleted', 'nonsense'))).toEqual(list);
    expect(applyEvent(list, event(3, 'article.revised', { revisionId: uuid(99) }))).toEqual(list);
  });

  it('never mutates the list it is given', () => {
    const list = [a, b];
    const frozen = Object.freeze([...list]);
    applyEvent(frozen, created(3, annotation({ id: C })));
    applyEvent(frozen, updated(3, { ...a, version: 2 }));
    applyEvent(frozen, deleted(3, a));
    expect(frozen).toEqual(list);
  });
});

describe('deletedIdsOf', () => {
  const a = annotation({ id: A });

  it('lists the root first and each id once', () => {
    expect(deletedIdsOf(deleted(1, a, [A, uuid(11)]))).toEqual([A, uuid(11)]);
    expect(deletedIdsOf(deleted(1, a, [uuid(11)]))).toEqual([A, uuid(11)]);
  });

  it('tolerates a missing or invalid deletedIds', () => {
    expect(deletedIdsOf(event(1, 'annotation.deleted', { id: A }))).toEqual([A]);
    expect(deletedIdsOf(event(1, 'annotation.deleted', { id: A, deletedIds: [1, 2] }))).toEqual([A]);
  });

  it('is empty for other event types', () => {
    expect(deletedIdsOf(created(1, a))).toEqual([]);
  });
});

describe('applyEvents', () => {
  it('applies events in seq order whatever order they come in', () => {
    const a = annotation({ id: A });
    const b = annotation({ id: B });
    const c = annotation({ id: C });
    const next = applyEvents([], [created(4, c), created(2, a), created(3, b)]);
    expect(ids(next)).toEqual([A, B, C]);
  });

  it('ends with the last update and without what was deleted', () => {
    const a = annotation({ id: A });
    const b = annotation({ id: B });
    const events = [updated(4, { ...a, body: 'final', version: 3 }), created(1, a), created(2, b), updated(3, { ...a, body: 'mid', version: 2 }), deleted(5, b)];
    const next = applyEvents([], events);
    expect(next).toEqual([{ ...a, body: 'final', version: 3 }]);
  });
});

describe('upsertAnnotation / removeAnnotations', () => {
  const a = annotation({ id: A });

  it('replaces an equal version (the server answer for an optimistic entry)', () => {
    const answer = { ...a, body: 'server' };
    expect(upsertAnnotation([a], answer)).toEqual([answer]);
  });

  it('ignores unknown ids when removing', () => {
    expect(removeAnnotations([a], [uuid(404)])).toEqual([a]);
  });
});

describe('changesOf', () => {
  const keys = queryKeys.articles;
  const CLAIM = uuid(0x51);
  const c = claim({ id: CLAIM });
  const e = evidence({ id: uuid(0x61), claimId: CLAIM });
  const note = claimComment({ id: uuid(0x71), claimId: CLAIM });
  const keysOf = (ev: ReturnType<typeof event>) => changesOf(ARTICLE_ID, ev, new Set()).map((x) => x.key);

  it('sends each kind of event to the lists it changes', () => {
    expect(keysOf(created(1, annotation({ id: A })))).toEqual([keys.annotations(ARTICLE_ID)]);
    expect(keysOf(claimEvent.updated(1, c))).toEqual([keys.claims(ARTICLE_ID)]);
    expect(keysOf(evidenceEvent.created(1, e))).toEqual([keys.claims(ARTICLE_ID), keys.claimEvidence(ARTICLE_ID, CLAIM)]);
    expect(keysOf(evidenceEvent.reordered(1, CLAIM, [e.id]))).toEqual([keys.claims(ARTICLE_ID), keys.claimEvidence(ARTICLE_ID, CLAIM)]);
    expect(keysOf(commentEvent.created(1, note))).toEqual([keys.claims(ARTICLE_ID), keys.claimComments(ARTICLE_ID, CLAIM)]);
    expect(keysOf(event(1, 'article.revised', {}))).toEqual([]);
  });

  it('applies each list’s own reducer', () => {
    const [toClaims, toEvidence] = changesOf(ARTICLE_ID, evidenceEvent.created(2, e), new Set());
    expect(toClaims!.update([c])).toEqual([{ ...c, evidenceIds: [e.id] }]);
    expect(toEvidence!.update([])).toEqual([e]);
  });

  it('names every live list of the article, and nothing else', () => {
    expect(isLiveList(ARTICLE_ID, keys.claimComments(ARTICLE_ID, CLAIM))).toBe(true);
    expect(isLiveList(ARTICLE_ID, keys.presence(ARTICLE_ID))).toBe(false);
    expect(isLiveList(ARTICLE_ID, keys.claims(uuid(0xa999)))).toBe(false);
  });
});

describe('deletedIdsOf and claimOf across kinds', () => {
  const CLAIM = uuid(0x51);
  const root = claimComment({ id: uuid(0x71), claimId: CLAIM });

  it('lists the ids each delete removes', () => {
    expect(deletedIdsOf(claimEvent.deleted(1, claim({ id: CLAIM })))).toEqual([CLAIM]);
    expect(deletedIdsOf(evidenceEvent.deleted(1, evidence({ id: uuid(0x61), claimId: CLAIM })))).toEqual([uuid(0x61)]);
    expect(deletedIdsOf(commentEvent.deleted(1, root, [uuid(0x72)]))).toEqual([root.id, uuid(0x72)]);
  });

  it('names the claim an event is about', () => {
    expect(claimOf(claimEvent.updated(1, claim({ id: CLAIM })))).toBe(CLAIM);
    expect(claimOf(evidenceEvent.reordered(1, CLAIM, []))).toBe(CLAIM);
    expect(claimOf(commentEvent.created(1, root))).toBe(CLAIM);
    expect(claimOf(created(1, annotation({ id: A })))).toBeNull();
  });

  it('names the claim of a verdict notice, which changes no cached list (blind: the record is fetched again)', () => {
    const notice = event(1, 'verdict.created', { id: uuid(0x81), claimId: CLAIM, round: 1, reviewerId: uuid(0x82), submitted: 1 });
    expect(claimOf(notice)).toBe(CLAIM);
    expect(changesOf(ARTICLE_ID, notice, new Set())).toEqual([]);
  });

  it('carries a resolution (status and final rating) into the cached claim', () => {
    const inReview = claim({ id: CLAIM, status: 'disputed', version: 4 });
    const resolved = claim({ id: CLAIM, status: 'resolved', rating: 'false', resolvedAt: at(5), version: 5 });
    const [change] = changesOf(ARTICLE_ID, claimEvent.updated(2, resolved), new Set());
    expect(change!.update([inReview])).toEqual([resolved]);
  });
});
