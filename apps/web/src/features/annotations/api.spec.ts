/// <reference types="jest" />
import { QueryClient } from '@tanstack/react-query';
import type { Annotation, Article } from '@corroborate/contracts';
import { ApiError } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';
import { ARTICLE_ID, REVISION_ID, USER_ID, annotation, uuid } from '../../test/fixtures';
import { hookResult } from '../../test/hook';
import { useAnnotationActions } from './api';
import { draftStore } from './draftStore';
import { replyDraftKey } from './drafts';
import { submitOp } from './writes';

// The browser's stores, in memory.
jest.mock('./draftStore', () => {
  const entries = new Map<string, string>();
  return {
    draftStore: {
      read: (key: string) => entries.get(key) ?? null,
      write: (key: string, text: string) => void (text.trim() ? entries.set(key, text) : entries.delete(key)),
      remove: (key: string) => void entries.delete(key),
    },
  };
});
jest.mock('./outboxStore', () => ({ outbox: { all: () => [], add: jest.fn(), remove: jest.fn() }, useOutbox: () => [] }));
jest.mock('../live/socket', () => ({ currentSocket: () => null }));
jest.mock('@mantine/notifications', () => ({ notifications: { show: jest.fn() } }));
// Sending is held until the test answers it.
jest.mock('./writes', () => ({ ...jest.requireActual<object>('./writes'), submitOp: jest.fn() }));

const article = { id: ARTICLE_ID, revision: { id: REVISION_ID, text: 'x'.repeat(40) } } as Article;

describe('a refused reply', () => {
  const root = annotation({ id: uuid(1) });
  const key = replyDraftKey(USER_ID, ARTICLE_ID, root.id);

  it('leaves the text typed in the reply box since, and hands the refused text to the form that sent it', async () => {
    let answer!: () => void;
    jest.mocked(submitOp).mockImplementation(
      () => new Promise((_resolve, reject) => (answer = () => reject(new ApiError(403, 'FORBIDDEN', 'Viewers cannot reply')))),
    );
    const queryClient = new QueryClient();
    queryClient.setQueryData<Annotation[]>(queryKeys.articles.annotations(ARTICLE_ID), [root]);
    const actions = hookResult(queryClient, () => useAnnotationActions(article, { id: USER_ID, displayName: 'Ada' }));

    const heard = jest.fn();
    actions.reply(root, 'Source: the 2021 audit', { onError: (error) => heard(error.message) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The box was emptied on send; the user goes on typing in it.
    draftStore.write(key, 'Also the 2019 one');
    answer();
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(draftStore.read(key)).toBe('Also the 2019 one');
    expect(heard).toHaveBeenCalledWith('Viewers cannot reply');
  });

  it('goes back to the reply draft when nothing was typed since', async () => {
    jest.mocked(submitOp).mockRejectedValue(new ApiError(403, 'FORBIDDEN', 'Viewers cannot reply'));
    draftStore.remove(key);
    const queryClient = new QueryClient();
    queryClient.setQueryData<Annotation[]>(queryKeys.articles.annotations(ARTICLE_ID), [root]);
    const actions = hookResult(queryClient, () => useAnnotationActions(article, { id: USER_ID, displayName: 'Ada' }));

    actions.reply(root, 'Source: the 2021 audit');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(draftStore.read(key)).toBe('Source: the 2021 audit');
  });
});
