import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import type { SearchPage } from '@corroborate/contracts';
import { http } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';

/** What the search page keeps in its URL, as sent to the API. */
export interface SearchParams {
  q: string;
  type?: string;
  status?: string;
  author?: string;
  articleId?: string;
  from?: string;
  to?: string;
  offset?: number;
  limit?: number;
}

export function useSearch(workspaceId: string | null, params: SearchParams) {
  const q = params.q.trim();
  const query = { ...params, q };
  return useQuery({
    queryKey: queryKeys.discovery.search(workspaceId ?? '', query),
    queryFn: workspaceId && q ? ({ signal }) => http<SearchPage>(`/workspaces/${encodeURIComponent(workspaceId)}/search`, { signal, query: { ...query } }) : skipToken,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}
