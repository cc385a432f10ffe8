import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClaimComment } from '@corroborate/contracts';
import { http } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';
import { articleSync } from '../live/articleSync';

/** A claim's comments, oldest first, kept current by the article's live events. */
export function useClaimComments(articleId: string, claimId: string, enabled = true) {
  const queryClient = useQueryClient();
  const key = queryKeys.articles.claimComments(articleId, claimId);
  return useQuery({
    enabled,
    queryKey: key,
    queryFn: ({ signal }) =>
      articleSync(queryClient, articleId).load(key, () => http<ClaimComment[]>(`/claims/${encodeURIComponent(claimId)}/comments`, { signal })),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}
