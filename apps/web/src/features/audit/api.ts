import { useInfiniteQuery } from '@tanstack/react-query';
import type { AuditKind, AuditPage } from '@corroborate/contracts';
import { http } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';

const PAGE_SIZE = 50;

export interface AuditFilters {
  actorId?: string;
  kind?: AuditKind;
  articleId?: string;
}

/** Newest first; each page continues before the oldest entry of the previous one. */
export function useAuditLog(workspaceId: string, filters: AuditFilters = {}) {
  return useInfiniteQuery({
    queryKey: queryKeys.workspaces.audit(workspaceId, { ...filters }),
    queryFn: ({ pageParam, signal }) =>
      http<AuditPage>(`/workspaces/${encodeURIComponent(workspaceId)}/audit`, {
        query: { limit: PAGE_SIZE, before: pageParam, ...filters },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextBefore ?? undefined,
  });
}
