import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ChangePasswordBody,
  LoginBody,
  MeResponse,
  RegisterBody,
  UserResponse,
} from '@corroborate/contracts';
import { http, isApiError } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';

/** `null` means signed out; any other failure stays an error. */
export const meQuery = queryOptions({
  queryKey: queryKeys.me(),
  queryFn: async ({ signal }): Promise<MeResponse | null> => {
    try {
      return await http<MeResponse>('/me', { signal });
    } catch (error) {
      if (isApiError(error, 'UNAUTHENTICATED')) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

export function useMe() {
  return useQuery(meQuery);
}

/** Drops everything cached for the previous user and loads the new session. */
function useStartSession() {
  const queryClient = useQueryClient();
  return async () => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me()[0] });
    return queryClient.fetchQuery({ ...meQuery, staleTime: 0 });
  };
}

export function useLogin() {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: (body: LoginBody) => http<UserResponse>('/auth/login', { method: 'POST', body }),
    onSuccess: () => startSession(),
  });
}

export function useRegister() {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: (body: RegisterBody) => http<UserResponse>('/auth/register', { method: 'POST', body }),
    onSuccess: () => startSession(),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await http<void>('/auth/logout', { method: 'POST' });
      } catch (error) {
        // An expired session is already signed out.
        if (!isApiError(error, 'UNAUTHENTICATED')) throw error;
      }
    },
    onSuccess: () => queryClient.setQueryData(queryKeys.me(), null),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => http<void>('/auth/password', { method: 'POST', body }),
  });
}
