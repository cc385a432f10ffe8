import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiToken, CreateTokenBody, CreatedToken } from '@corroborate/contracts';
import { http } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';

export function useTokens() {
  return useQuery({
    queryKey: queryKeys.tokens(),
    queryFn: ({ signal }) => http<ApiToken[]>('/tokens', { signal }),
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTokenBody) => http<CreatedToken>('/tokens', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens() }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => http<void>(`/tokens/${encodeURIComponent(tokenId)}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens() }),
  });
}
