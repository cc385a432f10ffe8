import { annotation, ARTICLE_ID, OTHER_USER_ID, USER_ID, uuid } from '../../test/fixtures';
import { DRAFT_TTL_MS, type DraftStorage, draftOfCreate, editDraftKey, editDrafts, newDraftKey, pruneDrafts, readDraft, removeDraft, replyDraftKey, writeDraft } from './drafts';
import type { CreateOp } from './outbox';

/** An in-memory Web Storage. */
function memoryStorage(): DraftStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getItem: (k) => entries.get(k) ?? null,
    setItem: (k, v) => void entries.set(k, String(v)),
    removeItem: (k) => void entries.delete(k),
    key: (i) => [...entries.keys()][i] ?? null,
    get length() {
      return entries.size;
    },
  };
}

const NOW = Date.UTC(2025, 0, 1);
const span = { start: 10, end: 25 };

describe('drafts', () => {
  it('keeps a draft per user, article, passage and kind', () => {
    const storage = memoryStorage();
    const key = newDraftKey(USER_ID, ARTICLE_ID, 'commenting', span);
    writeDraft(storage, key, 'Which report?', undefined, NOW);
    expect(readDraft(storage, key, NOW + 1000)).toBe('Which report?');
    expect(readDraft(storage, newDraftKey(OTHER_USER_ID, ARTICLE_ID, 'commenting', span), NOW)).toBeNull();
    expect(readDraft(storage, newDraftKey(USER_ID, ARTICLE_ID, 'commenting', { start: 10, end: 26 }), NOW)).toBeNull();
    expect(readDraft(storage, newDraftKey(USER_ID, ARTICLE_ID, 'questioning', span), NOW)).toBeNull();
    expect(readDraft(storage, newDraftKey(USER_ID, uuid(0xa001), 'commenting', span), NOW)).toBeNull();
  });

  it('removes a draft when it is emptied or discarded', () => {
    const storage = memoryStorage();
    const key = newDraftKey(USER_ID, ARTICLE_ID, 'commenting', span);
    writeDraft(storage, key, 'half a thought', undefined, NOW);
    writeDraft(storage, key, '   ', undefined, NOW);
    expect(storage.entries.size).toBe(0);
    writeDraft(storage, key, 'again', undefined, NOW);
    removeDraft(storage, key);
    expect(readDraft(storage, key, NOW)).toBeNull();
  });

  it('forgets drafts past their time to live, and ignores what it cannot read', () => {
    const storage = memoryStorage();
    const old = newDraftKey(USER_ID, ARTICLE_ID, 'commenting', span);
    const fresh = newDraftKey(USER_ID, ARTICLE_ID, 'questioning', span);
    writeDraft(storage, old, 'old', undefined, NOW - DRAFT_TTL_MS);
    writeDraft(storage, fresh, 'fresh', undefined, NOW - 1000);
    storage.setItem(newDraftKey(USER_ID, ARTICLE_ID, 'tagging', span), '{not json');
    storage.setItem('unrelated', 'kept');
    expect(readDraft(storage, old, NOW)).toBeNull();
    pruneDrafts(storage, NOW);
    expect([...storage.entries.keys()].sort()).toEqual([fresh, 'unrelated'].sort());
  });

  it('lists this user’s edits in progress on an article with the annotation each began from', () => {
    const storage = memoryStorage();
    const a = annotation({ id: uuid(1) });
    const b = annotation({ id: uuid(2) });
    writeDraft(storage, editDraftKey(USER_ID, ARTICLE_ID, a.id), 'my edit', a, NOW);
    writeDraft(storage, editDraftKey(USER_ID, uuid(0xa001), b.id), 'elsewhere', b, NOW);
    writeDraft(storage, editDraftKey(OTHER_USER_ID, ARTICLE_ID, b.id), 'theirs', b, NOW);
    expect(editDrafts(storage, USER_ID, ARTICLE_ID, NOW)).toEqual([{ key: editDraftKey(USER_ID, ARTICLE_ID, a.id), text: 'my edit', annotation: a }]);
  });

  it('keeps working when storage refuses', () => {
    const broken: DraftStorage = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('blocked');
      },
      key: () => null,
      get length(): number {
        throw new Error('blocked');
      },
    };
    const key = newDraftKey(USER_ID, ARTICLE_ID, 'commenting', span);
    expect(() => writeDraft(broken, key, 'text', undefined, NOW)).not.toThrow();
    expect(readDraft(broken, key, NOW)).toBeNull();
    expect(editDrafts(broken, USER_ID, ARTICLE_ID, NOW)).toEqual([]);
  });

  const op = (draft: ReturnType<typeof annotation>): CreateOp => ({
    kind: 'create',
    opId: uuid(9),
    articleId: ARTICLE_ID,
    userId: USER_ID,
    id: draft.id,
    body: { id: draft.id, motivation: draft.motivation },
    draft,
  });

  it('finds the passage draft a create was written in, so a refusal can put the text back', () => {
    const comment = annotation({ id: uuid(3), start: 10, end: 25, body: 'Which report?' });
    expect(draftOfCreate(op(comment))).toEqual({ key: newDraftKey(USER_ID, ARTICLE_ID, 'commenting', span), text: 'Which report?' });
    const tags = annotation({ id: uuid(4), start: 10, end: 25, motivation: 'tagging', body: null, tags: ['budget', 'stadium'] });
    expect(draftOfCreate(op(tags))).toEqual({ key: newDraftKey(USER_ID, ARTICLE_ID, 'tagging', span), text: 'budget, stadium' });
    expect(draftOfCreate(op(annotation({ id: uuid(6), motivation: 'highlighting', body: null })))).toBeNull();
  });

  it("finds a reply's draft by its thread, so a refused reply gets its text back", () => {
    const reply = annotation({ id: uuid(5), motivation: 'replying', replyTo: uuid(3), body: 'The 2021 audit says otherwise' });
    expect(draftOfCreate(op(reply))).toEqual({ key: replyDraftKey(USER_ID, ARTICLE_ID, uuid(3)), text: 'The 2021 audit says otherwise' });
    // Kept, and pruned, like the other drafts.
    const storage = memoryStorage();
    writeDraft(storage, replyDraftKey(USER_ID, ARTICLE_ID, uuid(3)), 'unsent', undefined, NOW - DRAFT_TTL_MS);
    pruneDrafts(storage, NOW);
    expect(storage.entries.size).toBe(0);
  });
});
