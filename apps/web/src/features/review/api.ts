import { useQuery } from '@tanstack/react-query';
import type { Agreement, ClaimDetail, ClaimListItem, Rating, ReviewSettings } from '@corroborate/contracts';
import { http } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';
import { WORKSPACE_REFRESH_MS } from '../claims/api';

const enc = encodeURIComponent;

/** The workspace's rating scale, in order; it changes rarely (only owners edit it). */
export function useRatingScale(workspaceId: string | undefined) {
  return useQuery({
    enabled: !!workspaceId,
    queryKey: queryKeys.workspaces.ratingScale(workspaceId ?? ''),
    queryFn: ({ signal }) => http<Rating[]>(`/workspaces/${enc(workspaceId!)}/rating-scale`, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useReviewSettings(workspaceId: string) {
  return useQuery({
    queryKey: queryKeys.workspaces.reviewSettings(workspaceId),
    queryFn: ({ signal }) => http<ReviewSettings>(`/workspaces/${enc(workspaceId)}/review-settings`, { signal }),
    staleTime: 60_000,
  });
}

/** Claims awaiting my verdict, longest in review first (the server's order). */
export function useReviewQueue(workspaceId: string) {
  return useQuery({
    queryKey: queryKeys.workspaces.reviewQueue(workspaceId),
    queryFn: ({ signal }) => http<ClaimListItem[]>(`/workspaces/${enc(workspaceId)}/review-queue`, { signal }),
    refetchInterval: WORKSPACE_REFRESH_MS,
  });
}

export function useAgreement(workspaceId: string, articleId: string | null) {
  return useQuery({
    queryKey: queryKeys.workspaces.agreement(workspaceId, articleId ?? undefined),
    queryFn: ({ signal }) => http<Agreement>(`/workspaces/${enc(workspaceId)}/agreement`, { query: { articleId }, signal }),
  });
}

/**
 * One claim with its verdicts and decisions as I may see them. The server decides what a blind
 * reviewer sees; this is refetched after every event about the claim (see `articleSync`).
 */
export function useClaimReview(articleId: string, claimId: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: queryKeys.articles.claimReview(articleId, claimId),
    queryFn: ({ signal }) => http<ClaimDetail>(`/claims/${enc(claimId)}`, { signal }),
  });
}
