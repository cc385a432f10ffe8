/// <reference types="jest" />
import { QueryClient } from '@tanstack/react-query';
import type { Annotation } from '@corroborate/contracts';
import { ApiError } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';
import { ARTICLE_ID, USER_ID, annotation, uuid } from '../../test/fixtures';
import { draftStore } from './draftStore';
import { editDraftKey, replyDraftKey } from './drafts';
import type { CreateOp, UpdateOp } from './outbox';
import { failOp } from './writes';

// The browser's stores, in memory: drafts and the outbox would otherwise reach for localStorage.
jest.mock('./draftStore', () => {
  const entries = new Map<string, { text: string; annotation?: unknown }>();
  return {
    draftStore: {
      read: (key: string) => entries.get(key)?.text ?? null,
      write: (key: string, text: string, annotation?: unknown) => void (text.trim() ? entries.set(key, { text, annotation }) : entries.delete(key)),
      remove: (key: string) => void entries.delete(key),
      entry: (key: string) => entries.get(key),
    },
  };
});
jest.mock('./outboxStore', () => ({ outbox: { all: () => [], add: jest.fn(), remove: jest.fn() } }));
jest.mock('../live/socket', () => ({ currentSocket: () => null }));
jest.mock('@mantine/notifications', () => ({ notifications: { show: jest.fn() } }));

const stored = draftStore as typeof draftStore & { entry: (key: string) => { text: string; annotation?: unknown } | undefined };

function update(before: Annotation, change: UpdateOp['body']): UpdateOp {
  return { kind: 'update', opId: uuid(0x900), articleId: ARTICLE_ID, userId: USER_ID, id: before.id, body: change, before };
}

describe('failOp', () => {
  const note = annotation({ id: uuid(1), body: 'Budget figure from 2019' });
  const key = editDraftKey(USER_ID, ARTICLE_ID, note.id);
  let queryClient: QueryClient;
  beforeEach(() => {
    draftStore.remove(key);
    queryClient = new QueryClient();
    queryClient.setQueryData<Annotation[]>(queryKeys.articles.annotations(ARTICLE_ID), [note]);
  });

  it('puts a refused edit back in its edit draft, with the annotation it began from', () => {
    const edited = 'Budget figure from 2019; the 2021 report revises it';
    failOp(queryClient, update(note, { body: edited, version: 1 }), new ApiError(403, 'FORBIDDEN', 'Viewers cannot edit'));
    expect(stored.entry(key)).toEqual({ text: edited, annotation: note });
  });

  it('puts refused tags back as the tag field reads them', () => {
    const tagged = annotation({ id: uuid(2), motivation: 'tagging', body: null, tags: ['budget'] });
    failOp(queryClient, update(tagged, { tags: ['budget', 'stadium'], version: 1 }), new ApiError(500, 'INTERNAL', 'Boom'));
    expect(draftStore.read(editDraftKey(USER_ID, ARTICLE_ID, tagged.id))).toBe('budget, stadium');
  });

  it('keeps a newer draft, and leaves none for a resolve', () => {
    draftStore.write(key, 'typed since');
    failOp(queryClient, update(note, { body: 'older text', version: 1 }), new ApiError(400, 'VALIDATION_FAILED', 'Bad'));
    expect(draftStore.read(key)).toBe('typed since');
    draftStore.remove(key);
    failOp(queryClient, update(note, { resolved: true, version: 1 }), new ApiError(403, 'FORBIDDEN', 'No'));
    expect(draftStore.read(key)).toBeNull();
  });
});

describe('failOp on a refused reply', () => {
  it("puts the reply's text back in its thread's reply draft, where the reply box opens with it", () => {
    const root = annotation({ id: uuid(1) });
    const reply = annotation({ id: uuid(3), motivation: 'replying', replyTo: root.id, body: 'Source: the 2021 audit' });
    const queryClient = new QueryClient();
    queryClient.setQueryData<Annotation[]>(queryKeys.articles.annotations(ARTICLE_ID), [root, reply]);
    const op: CreateOp = {
      kind: 'create',
      opId: uuid(0x901),
      articleId: ARTICLE_ID,
      userId: USER_ID,
      id: reply.id,
      body: { id: reply.id, motivation: 'replying', replyTo: root.id, body: reply.body! },
      draft: reply,
    };
    failOp(queryClient, op, new ApiError(404, 'NOT_FOUND', 'The thread is gone'));
    expect(draftStore.read(replyDraftKey(USER_ID, ARTICLE_ID, root.id))).toBe('Source: the 2021 audit');
    expect(queryClient.getQueryData<Annotation[]>(queryKeys.articles.annotations(ARTICLE_ID))?.map((a) => a.id)).toEqual([root.id]);
  });
});
