import { keepPreviousData, queryOptions, skipToken, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Claim, ClaimantCount, ClaimHistoryEntry, ClaimListItem, ClaimsQuery } from '@corroborate/contracts';
import { http } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';
import { articleSync } from '../live/articleSync';

const enc = encodeURIComponent;

/** Workspace-wide claim lists are not on any article's event stream: they refresh on focus, on this timer and on notifications. */
export const WORKSPACE_REFRESH_MS = 30_000;

/** The article's claims, kept current by its live events (see `useArticleLive`), never by polling. */
export const articleClaimsQuery = (queryClient: QueryClient, articleId: string) =>
  queryOptions({
    queryKey: queryKeys.articles.claims(articleId),
    queryFn: ({ signal }) =>
      articleSync(queryClient, articleId).load(queryKeys.articles.claims(articleId), () => http<Claim[]>(`/articles/${enc(articleId)}/claims`, { signal })),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

export function useClaims(articleId: string) {
  const queryClient = useQueryClient();
  return useQuery(articleClaimsQuery(queryClient, articleId));
}

/** One claim of the article, from the article's list (null once it is gone). */
export function useClaim(articleId: string, claimId: string) {
  const queryClient = useQueryClient();
  return useQuery({ ...articleClaimsQuery(queryClient, articleId), select: (list) => list.find((c) => c.id === claimId) ?? null });
}

export function useClaimHistory(articleId: string, claimId: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: queryKeys.articles.claimHistory(articleId, claimId),
    queryFn: ({ signal }) => http<ClaimHistoryEntry[]>(`/claims/${enc(claimId)}/history`, { signal }),
  });
}

/** Filters of the workspace claims table, as the API takes them. */
export type ClaimFilters = ClaimsQuery;

export function useWorkspaceClaims(workspaceId: string, filters: ClaimFilters) {
  return useQuery({
    queryKey: queryKeys.workspaces.claims(workspaceId, filters),
    queryFn: ({ signal }) =>
      http<ClaimListItem[]>(`/workspaces/${enc(workspaceId)}/claims`, {
        query: filters,
        signal,
      }),
    placeholderData: keepPreviousData,
    refetchInterval: WORKSPACE_REFRESH_MS,
  });
}

export function useQueue(workspaceId: string) {
  return useQuery({
    queryKey: queryKeys.workspaces.queue(workspaceId),
    queryFn: ({ signal }) => http<ClaimListItem[]>(`/workspaces/${enc(workspaceId)}/queue`, { signal }),
    refetchInterval: WORKSPACE_REFRESH_MS,
  });
}

/** Claimants already named in the workspace, most used first. */
export function useClaimants(workspaceId: string | undefined, q: string) {
  return useQuery({
    queryKey: queryKeys.workspaces.claimants(workspaceId ?? '', q),
    queryFn: workspaceId
      ? ({ signal }) => http<ClaimantCount[]>(`/workspaces/${enc(workspaceId)}/claimants`, { query: { q }, signal })
      : skipToken,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}
