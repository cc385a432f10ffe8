import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ChangePasswordBody,
  ChangePasswordResponse,
  LoginBody,
  MeResponse,
  RegisterBody,
  UserResponse,
} from '@corroborate/contracts';
import { ApiError, http, isApiError } from '../../lib/http';
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

/** The message for a sign-up whose cookie signs nobody in. */
export const ACCOUNT_MAY_EXIST = 'If you already have an account with this address, sign in instead.';

/**
 * The API answers sign-up alike whether or not the address already has an account (so that
 * nobody can probe for accounts); only the session it starts tells the two apart.
 */
export function useRegister() {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: async (body: RegisterBody) => {
      const created = await http<UserResponse>('/auth/register', { method: 'POST', body });
      if (!(await startSession())) throw new ApiError(401, 'UNAUTHENTICATED', ACCOUNT_MAY_EXIST);
      return created;
    },
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

/** Also signs out the user's other sessions and revokes their API tokens. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => http<ChangePasswordResponse>('/auth/password', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens() }),
  });
}
