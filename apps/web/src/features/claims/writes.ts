import { useMemo } from 'react';
import { useMutation, useMutationState, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { Claim, type Article, type CreateClaimBody, type Person } from '@corroborate/contracts';
import { http, isApiError } from '../../lib/http';
import { mutateEach, type Settle } from '../../lib/mutateEach';
import { queryKeys } from '../../lib/queryKeys';
import { uuid } from '../../lib/uuid';
import type { Span } from '../annotations/anchoring';
import { articleSync } from '../live/articleSync';
import { liveWrite } from '../live/liveWrite';
import { removeClaims, upsertClaim } from '../live/reducers/claims';
import { restoreVersioned } from '../live/reducers/versioned';
import { draftClaim, patchedClaim, reattachedClaim, spanOf, type ClaimPatch } from './optimistic';

const enc = encodeURIComponent;

/** A 409 answer's current claim, when it carries one. */
export function conflictClaim(error: unknown): Claim | null {
  if (!isApiError(error, 'CONFLICT')) return null;
  const parsed = Claim.safeParse(error.current);
  return parsed.success ? parsed.data : null;
}

/** Changes the article's cached claims through the claims reducer. */
function updateClaims(queryClient: QueryClient, articleId: string, change: (list: readonly Claim[], deleted: ReadonlySet<string>) => Claim[]) {
  const { deleted } = articleSync(queryClient, articleId);
  queryClient.setQueryData<Claim[]>(queryKeys.articles.claims(articleId), (list) => list && change(list, deleted));
}

/** Workspace lists (table, queue) are not live: refresh them after this user's own changes. */
const refreshWorkspaceLists = (queryClient: QueryClient, workspaceId: string) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.workspaces.claims(workspaceId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.workspaces.queue(workspaceId) }),
  ]);

/** A change to an existing claim: shown at once, replaced by the answer, undone if refused. */
interface ClaimChange {
  before: Claim;
  optimistic: Claim;
  send: () => Promise<Claim>;
}

type Options<V> = Settle<Claim, V>;

function useClaimChange(articleId: string) {
  const queryClient = useQueryClient();
  return useMutation<Claim, Error, ClaimChange>({
    // One at a time per article, so a second edit is sent against the first one's version.
    scope: { id: `claim-writes:${articleId}` },
    mutationFn: (change) => change.send(),
    onMutate: ({ optimistic }) => updateClaims(queryClient, articleId, (list, deleted) => upsertClaim(list, optimistic, deleted)),
    onSuccess: (answer) => {
      updateClaims(queryClient, articleId, (list, deleted) => upsertClaim(list, answer, deleted));
      void refreshWorkspaceLists(queryClient, answer.workspaceId);
    },
    onError: (error, { before, optimistic }) => {
      const current = conflictClaim(error);
      updateClaims(queryClient, articleId, (list, deleted) => {
        const undone = restoreVersioned(list, before, optimistic.version);
        return current ? upsertClaim(undone, current, deleted) : undone;
      });
    },
  });
}

type CreateVars = { body: CreateClaimBody & { id: string }; draft: Claim };

/** True while the claim exists only here: its create has not been answered yet. */
export function useClaimPending(articleId: string, claimId: string): boolean {
  const pending = useMutationState({
    filters: { mutationKey: queryKeys.mutations.claimCreate(articleId), status: 'pending' },
    select: (mutation) => (mutation.state.variables as CreateVars | undefined)?.body.id,
  });
  return pending.includes(claimId);
}

function useCreateClaim(articleId: string) {
  const queryClient = useQueryClient();
  return useMutation<Claim, Error, CreateVars>({
    mutationKey: queryKeys.mutations.claimCreate(articleId),
    scope: { id: `claim-writes:${articleId}` },
    mutationFn: ({ body }) => liveWrite('claim:create', { articleId, body }, { method: 'POST', path: `/articles/${enc(articleId)}/claims` }),
    onMutate: ({ draft }) => updateClaims(queryClient, articleId, (list, deleted) => upsertClaim(list, draft, deleted)),
    onSuccess: (answer) => {
      updateClaims(queryClient, articleId, (list, deleted) => upsertClaim(list, answer, deleted));
      void refreshWorkspaceLists(queryClient, answer.workspaceId);
    },
    onError: (_error, { body }) => updateClaims(queryClient, articleId, (list) => removeClaims(list, [body.id])),
  });
}

function useDeleteClaim(articleId: string) {
  const queryClient = useQueryClient();
  return useMutation<void, Error, Claim>({
    scope: { id: `claim-writes:${articleId}` },
    mutationFn: async (claim) => {
      try {
        await http<void>(`/claims/${enc(claim.id)}`, { method: 'DELETE' });
      } catch (error) {
        // Already gone is what was asked for.
        if (!isApiError(error, 'NOT_FOUND')) throw error;
      }
    },
    onMutate: (claim) => updateClaims(queryClient, articleId, (list) => removeClaims(list, [claim.id])),
    onSuccess: (_void, claim) => {
      articleSync(queryClient, articleId).deleted.add(claim.id);
      void refreshWorkspaceLists(queryClient, claim.workspaceId);
    },
    onError: (_error, claim) => updateClaims(queryClient, articleId, (list, deleted) => upsertClaim(list, claim, deleted)),
  });
}

/**
 * Every claim write of one article, as the user's actions. Ids of new claims are chosen here,
 * so a resend after an unknown outcome is answered with the stored claim, not a duplicate.
 */
export function useClaimActions(article: Article, user: Person | undefined, people: readonly Person[]) {
  const change = useClaimChange(article.id);
  const create = useCreateClaim(article.id);
  const remove = useDeleteClaim(article.id);
  const { mutateAsync: mutateChange } = change;
  const { mutateAsync: mutateCreate } = create;
  const { mutateAsync: mutateRemove } = remove;

  return useMemo(() => {
    const now = () => new Date().toISOString();
    return {
      /** Makes a claim from a passage (or none); returns its id. */
      create(input: { statement: string; claimant?: string; span?: Span }, options?: Options<CreateVars>): string {
        const id = uuid();
        const span = input.span ? spanOf(article, input.span, uuid()) : null;
        const body = {
          id,
          statement: input.statement,
          ...(input.claimant ? { claimant: input.claimant } : {}),
          ...(span ? { target: { selector: span.target.selector } } : {}),
        };
        const draft = draftClaim(article, id, input.statement, input.claimant ?? '', span ? [span] : [], user ?? { id: '', displayName: '' }, now());
        mutateEach(mutateCreate, { body, draft }, options);
        return id;
      },
      update(claim: Claim, patch: ClaimPatch, options?: Options<ClaimChange>): void {
        const { reason, ...fields } = patch;
        mutateEach(
          mutateChange,
          {
            before: claim,
            optimistic: patchedClaim(claim, patch, people, now()),
            send: () =>
              liveWrite(
                'claim:update',
                { claimId: claim.id, body: { ...fields, ...(reason ? { reason } : {}), version: claim.version } },
                { method: 'PATCH', path: `/claims/${enc(claim.id)}` },
              ),
          },
          options,
        );
      },
      take(claim: Claim, options?: Options<ClaimChange>): void {
        if (!user) return;
        mutateEach(
          mutateChange,
          {
            before: claim,
            optimistic: { ...patchedClaim(claim, { assigneeIds: [user.id] }, [user], now()), status: 'assigned' },
            send: () => http<Claim>(`/claims/${enc(claim.id)}/take`, { method: 'POST', body: { version: claim.version } }),
          },
          options,
        );
      },
      /** Points one span at a passage of the latest text. */
      reattach(claim: Claim, spanId: string, span: Span, options?: Options<ClaimChange>): void {
        const moved = spanOf(article, span, spanId);
        mutateEach(
          mutateChange,
          {
            before: claim,
            optimistic: reattachedClaim(claim, moved, now()),
            send: () =>
              http<Claim>(`/claims/${enc(claim.id)}/spans/${enc(spanId)}`, {
                method: 'PATCH',
                body: { version: claim.version, target: { selector: moved.target.selector } },
              }),
          },
          options,
        );
      },
      remove(claim: Claim, options?: Settle<void, Claim>): void {
        mutateEach(mutateRemove, claim, options);
      },
    };
  }, [article, user, people, mutateChange, mutateCreate, mutateRemove]);
}

export type ClaimActions = ReturnType<typeof useClaimActions>;
