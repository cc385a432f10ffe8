import { useRef } from 'react';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { AdjudicationBody, Claim, ConfirmationBody, CreateVerdictBody, Rating, ReviewSettings, UpdateReviewSettingsBody, Verdict } from '@corroborate/contracts';
import { http, isApiError } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';
import { uuid } from '../../lib/uuid';
import { draftStore } from '../annotations/draftStore';
import { conflictClaim } from '../claims/writes';
import { articleSync } from '../live/articleSync';
import { upsertClaim } from '../live/reducers/claims';

const enc = encodeURIComponent;

/** A claim from an answer (or a 409's current claim) into the article's list, through the claims reducer. */
function storeClaim(queryClient: QueryClient, claim: Claim) {
  const { deleted } = articleSync(queryClient, claim.articleId);
  queryClient.setQueryData<Claim[]>(queryKeys.articles.claims(claim.articleId), (list) => list && upsertClaim(list, claim, deleted));
}

/** After any review write: the claim's record as I may now see it, and the workspace lists. */
function refreshAfter(queryClient: QueryClient, claim: Pick<Claim, 'id' | 'articleId' | 'workspaceId'>) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.articles.claimReview(claim.articleId, claim.id) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.workspaces.reviewQueue(claim.workspaceId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.workspaces.claims(claim.workspaceId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.workspaces.queue(claim.workspaceId) }),
  ]);
}

/** A refusal that carries the current claim puts it in place, so the panel shows what changed. */
function onRefused(queryClient: QueryClient, error: unknown) {
  const current = conflictClaim(error);
  if (current) {
    storeClaim(queryClient, current);
    void refreshAfter(queryClient, current);
  }
}

/**
 * Gives (or supersedes) my verdict. The id is chosen here and kept while the answer is unknown
 * (no network), so sending again is answered with the stored verdict rather than a second one.
 * The draft goes only once the server has the verdict; this runs even if the form has gone
 * (the live event can close it before the answer arrives).
 */
export function useGiveVerdict(claim: Pick<Claim, 'id' | 'articleId' | 'workspaceId'>) {
  const queryClient = useQueryClient();
  const id = useRef<string | null>(null);
  return useMutation<Verdict, Error, { body: CreateVerdictBody; draftKey: string }>({
    mutationFn: ({ body }) => {
      id.current ??= uuid();
      return http<Verdict>(`/claims/${enc(claim.id)}/verdicts`, { method: 'POST', body: { ...body, id: id.current } });
    },
    onSuccess: (_verdict, { draftKey }) => {
      id.current = null;
      draftStore.remove(draftKey);
      void refreshAfter(queryClient, claim);
    },
    onError: (error) => {
      if (!isApiError(error, 'NETWORK')) id.current = null;
      onRefused(queryClient, error);
    },
  });
}

type Decision = ({ kind: 'adjudication'; body: AdjudicationBody } | { kind: 'confirmation'; body: ConfirmationBody }) & { draftKey?: string };

/** An editor's adjudication or confirmation; the answer is the resolved claim. */
export function useDecide(claim: Pick<Claim, 'id' | 'articleId' | 'workspaceId'>) {
  const queryClient = useQueryClient();
  return useMutation<Claim, Error, Decision>({
    mutationFn: ({ kind, body }) => http<Claim>(`/claims/${enc(claim.id)}/${kind}`, { method: 'POST', body }),
    onSuccess: (answer, { draftKey }) => {
      if (draftKey) draftStore.remove(draftKey);
      storeClaim(queryClient, answer);
      void refreshAfter(queryClient, answer);
    },
    onError: (error) => onRefused(queryClient, error),
  });
}

export function useSaveScale(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation<Rating[], Error, Rating[]>({
    mutationFn: (ratings) => http<Rating[]>(`/workspaces/${enc(workspaceId)}/rating-scale`, { method: 'PUT', body: { ratings } }),
    onSuccess: (scale) => queryClient.setQueryData(queryKeys.workspaces.ratingScale(workspaceId), scale),
  });
}

export function useSaveReviewSettings(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation<ReviewSettings, Error, UpdateReviewSettingsBody>({
    mutationFn: (body) => http<ReviewSettings>(`/workspaces/${enc(workspaceId)}/review-settings`, { method: 'PATCH', body }),
    onSuccess: (settings) => queryClient.setQueryData(queryKeys.workspaces.reviewSettings(workspaceId), settings),
  });
}
