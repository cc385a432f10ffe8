import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateWorkspaceBody, Workspace } from '@corroborate/contracts';
import { http } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';

export function useWorkspace(workspaceId: string) {
  return useQuery({
    queryKey: queryKeys.workspaces.detail(workspaceId),
    queryFn: ({ signal }) => http<Workspace>(`/workspaces/${encodeURIComponent(workspaceId)}`, { signal }),
  });
}

export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWorkspaceBody) => http<Workspace>('/workspaces', { method: 'POST', body }),
    onSuccess: async (workspace) => {
      queryClient.setQueryData(queryKeys.workspaces.detail(workspace.id), workspace);
      await queryClient.invalidateQueries({ queryKey: queryKeys.me() });
    },
  });
}
