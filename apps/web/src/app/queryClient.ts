import { QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../lib/http';
import { queryKeys } from '../lib/queryKeys';

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        // A session that expires mid-use: mark the user signed out so the app sends them to /login.
        if (isApiError(error, 'UNAUTHENTICATED') && query.queryKey[0] !== queryKeys.me()[0]) {
          queryClient.setQueryData(queryKeys.me(), null);
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => {
          if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
