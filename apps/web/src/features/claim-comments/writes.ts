import { useMemo } from 'react';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ClaimComment, type Claim, type Person } from '@corroborate/contracts';
import { http, isApiError } from '../../lib/http';
import { mutateEach, type Settle } from '../../lib/mutateEach';
import { queryKeys } from '../../lib/queryKeys';
import { byCreatedAt } from '../../lib/time';
import { uuid } from '../../lib/uuid';
import { articleSync } from '../live/articleSync';
import { liveWrite } from '../live/liveWrite';
import { removeClaimComments, upsertClaimComment } from '../live/reducers/claimComments';
import { addChildId, removeChildIds } from '../live/reducers/claims';
import { restoreVersioned } from '../live/reducers/versioned';

const enc = encodeURIComponent;

export function conflictComment(error: unknown): ClaimComment | null {
  if (!isApiError(error, 'CONFLICT')) return null;
  const parsed = ClaimComment.safeParse(error.current);
  return parsed.success ? parsed.data : null;
}

function updateCaches(
  queryClient: QueryClient,
  articleId: string,
  claimId: string,
  comments: (list: readonly ClaimComment[], deleted: ReadonlySet<string>) => ClaimComment[],
  claims?: (list: readonly Claim[], deleted: ReadonlySet<string>) => Claim[],
) {
  const { deleted } = articleSync(queryClient, articleId);
  queryClient.setQueryData<ClaimComment[]>(queryKeys.articles.claimComments(articleId, claimId), (list) => list && comments(list, deleted));
  if (claims) queryClient.setQueryData<Claim[]>(queryKeys.articles.claims(articleId), (list) => list && claims(list, deleted));
}

type UpdateVars = { before: ClaimComment; body: string };
type RemoveVars = { comment: ClaimComment; thread: ClaimComment[] };

/** Comment writes on one claim, optimistic like annotations; the caller keeps the typed text until the answer. */
export function useClaimCommentActions(articleId: string, claimId: string, user: Person | undefined) {
  const queryClient = useQueryClient();
  const scope = { id: `claim-comment-writes:${claimId}` };

  const create = useMutation<ClaimComment, Error, ClaimComment>({
    scope,
    mutationFn: (draft) =>
      liveWrite(
        'claim-comment:create',
        { claimId, body: { id: draft.id, body: draft.body, ...(draft.replyTo ? { replyTo: draft.replyTo } : {}) } },
        { method: 'POST', path: `/claims/${enc(claimId)}/comments` },
      ),
    onMutate: (draft) =>
      updateCaches(queryClient, articleId, claimId, (l, d) => upsertClaimComment(l, draft, d), (l, d) => addChildId(l, claimId, 'commentIds', draft.id, d)),
    onSuccess: (answer) => updateCaches(queryClient, articleId, claimId, (l, d) => upsertClaimComment(l, answer, d)),
    onError: (_e, draft) =>
      updateCaches(queryClient, articleId, claimId, (l) => removeClaimComments(l, [draft.id]), (l) => removeChildIds(l, claimId, 'commentIds', [draft.id])),
  });

  const update = useMutation<ClaimComment, Error, UpdateVars>({
    scope,
    mutationFn: ({ before, body }) =>
      liveWrite('claim-comment:update', { commentId: before.id, body: { body, version: before.version } }, { method: 'PATCH', path: `/claim-comments/${enc(before.id)}` }),
    onMutate: ({ before, body }) =>
      updateCaches(queryClient, articleId, claimId, (l, d) => upsertClaimComment(l, { ...before, body, version: before.version + 1 }, d)),
    onSuccess: (answer) => updateCaches(queryClient, articleId, claimId, (l, d) => upsertClaimComment(l, answer, d)),
    onError: (error, { before }) => {
      const current = conflictComment(error);
      updateCaches(queryClient, articleId, claimId, (l, d) => {
        const undone = restoreVersioned(l, before, before.version + 1);
        return current ? upsertClaimComment(undone, current, d) : undone;
      });
    },
  });

  const remove = useMutation<void, Error, RemoveVars>({
    scope,
    mutationFn: async ({ comment }) => {
      try {
        await http<void>(`/claim-comments/${enc(comment.id)}`, { method: 'DELETE' });
      } catch (error) {
        if (!isApiError(error, 'NOT_FOUND')) throw error;
      }
    },
    onMutate: ({ comment, thread }) =>
      updateCaches(queryClient, articleId, claimId, (l) => removeClaimComments(l, [comment.id]), (l) => removeChildIds(l, claimId, 'commentIds', thread.map((c) => c.id))),
    onSuccess: (_v, { thread }) => {
      for (const c of thread) articleSync(queryClient, articleId).deleted.add(c.id);
    },
    onError: (_e, { thread }) =>
      updateCaches(
        queryClient,
        articleId,
        claimId,
        (l, d) => thread.reduce((acc, c) => upsertClaimComment(acc, c, d), [...l]).sort(byCreatedAt),
        (l, d) => thread.reduce((acc, c) => addChildId(acc, claimId, 'commentIds', c.id, d), [...l]),
      ),
  });

  const { mutateAsync: mutateCreate } = create;
  const { mutateAsync: mutateUpdate } = update;
  const { mutateAsync: mutateRemove } = remove;

  return useMemo(
    () => ({
      add(body: string, replyTo: string | null, options?: Settle<ClaimComment, ClaimComment>): string {
        const now = new Date().toISOString();
        const draft: ClaimComment = {
          id: uuid(),
          claimId,
          articleId,
          body,
          replyTo,
          author: user ?? { id: '', displayName: '' },
          version: 1,
          createdAt: now,
          updatedAt: now,
        };
        mutateEach(mutateCreate, draft, options);
        return draft.id;
      },
      update(before: ClaimComment, body: string, options?: Settle<ClaimComment, UpdateVars>): void {
        mutateEach(mutateUpdate, { before, body }, options);
      },
      /** Removes a comment; a thread's root takes its replies with it. */
      remove(comment: ClaimComment, replies: readonly ClaimComment[], options?: Settle<void, RemoveVars>): void {
        mutateEach(mutateRemove, { comment, thread: [comment, ...replies] }, options);
      },
    }),
    [articleId, claimId, user, mutateCreate, mutateUpdate, mutateRemove],
  );
}

export type ClaimCommentActions = ReturnType<typeof useClaimCommentActions>;
