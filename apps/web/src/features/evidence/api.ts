import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Evidence } from '@corroborate/contracts';
import { http } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';
import { articleSync } from '../live/articleSync';

/** A claim's evidence in the desk's order, kept current by the article's live events. */
export function useEvidence(articleId: string, claimId: string, enabled = true) {
  const queryClient = useQueryClient();
  const key = queryKeys.articles.claimEvidence(articleId, claimId);
  return useQuery({
    enabled,
    queryKey: key,
    queryFn: ({ signal }) =>
      articleSync(queryClient, articleId).load(key, () => http<Evidence[]>(`/claims/${encodeURIComponent(claimId)}/evidence`, { signal })),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}
