import { useQuery } from '@tanstack/react-query';
import type { Source } from '@corroborate/contracts';
import { http } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';

/** Where the workspace's evidence comes from, most cited first. */
export function useSources(workspaceId: string) {
  return useQuery({
    queryKey: queryKeys.workspaces.sources(workspaceId),
    queryFn: ({ signal }) => http<Source[]>(`/workspaces/${encodeURIComponent(workspaceId)}/sources`, { signal }),
  });
}
