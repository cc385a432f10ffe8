/// <reference types="jest" />
import { QueryClient } from '@tanstack/react-query';
import type { ClaimComment } from '@corroborate/contracts';
import { queryKeys } from '../../lib/queryKeys';
import { claimComment } from '../../test/claimFixtures';
import { ARTICLE_ID, USER_ID, uuid } from '../../test/fixtures';
import { hookResult } from '../../test/hook';
import { useClaimCommentActions } from './writes';

// No live socket: writes go over REST, to the fake `fetch` below.
jest.mock('../live/socket', () => ({ currentSocket: () => null }));

const CLAIM_ID = uuid(1);
const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('useClaimCommentActions', () => {
  it('hands a refused comment back to its own form, though another was sent before the answer', async () => {
    let refuse!: () => void;
    const firstAnswered = new Promise<void>((resolve) => (refuse = resolve));
    const sent: string[] = [];
    globalThis.fetch = (async (_url: string, init: RequestInit) => {
      const { id, body } = JSON.parse(String(init.body)) as { id: string; body: string };
      sent.push(body);
      if (sent.length === 1) {
        await firstAnswered;
        return json(403, { error: { code: 'FORBIDDEN', message: 'Your role no longer allows comments', details: [] } });
      }
      return json(201, claimComment({ id, claimId: CLAIM_ID, body }));
    }) as typeof fetch;

    const queryClient = new QueryClient();
    queryClient.setQueryData<ClaimComment[]>(queryKeys.articles.claimComments(ARTICLE_ID, CLAIM_ID), []);
    const actions = hookResult(queryClient, () => useClaimCommentActions(ARTICLE_ID, CLAIM_ID, { id: USER_ID, displayName: 'Ada' }));

    const refused = jest.fn();
    const keptSecond = jest.fn();
    actions.add('First thoughts on the source', null, { onError: (error) => refused(error.message) });
    actions.add('A second comment', null, { onSuccess: keptSecond });
    refuse();

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toEqual(['First thoughts on the source', 'A second comment']);
    expect(refused).toHaveBeenCalledWith('Your role no longer allows comments');
    expect(keptSecond).toHaveBeenCalledTimes(1);
    const list = queryClient.getQueryData<ClaimComment[]>(queryKeys.articles.claimComments(ARTICLE_ID, CLAIM_ID));
    expect(list?.map((c) => c.body)).toEqual(['A second comment']);
  });
});
