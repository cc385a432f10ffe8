import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AddMemberBody,
  CreateInviteBody,
  CreatedInvite,
  Invite,
  InvitePreview,
  Member,
  WorkspaceRole,
} from '@corroborate/contracts';
import { http } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';

export interface AcceptedInvite {
  workspaceId: string;
  role: WorkspaceRole;
}

/** The request as sent: `expiresInHours` may be left to the server's default. */
export type CreateInviteInput = z.input<typeof CreateInviteBody>;

const path = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`;

export function useMembers(workspaceId: string) {
  return useQuery({
    queryKey: queryKeys.workspaces.members(workspaceId),
    queryFn: ({ signal }) => http<Member[]>(`${path(workspaceId)}/members`, { signal }),
  });
}

export function useAddMember(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddMemberBody) =>
      http<Member>(`${path(workspaceId)}/members`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspaces.members(workspaceId) }),
  });
}

export function useUpdateMemberRole(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: WorkspaceRole }) =>
      http<Member>(`${path(workspaceId)}/members/${encodeURIComponent(userId)}`, {
        method: 'PATCH',
        body: { role },
      }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.workspaces.members(workspaceId) }),
        // The signed-in user's own role may have changed.
        queryClient.invalidateQueries({ queryKey: queryKeys.me() }),
        queryClient.invalidateQueries({ queryKey: queryKeys.workspaces.detail(workspaceId), exact: true }),
      ]),
  });
}

export function useRemoveMember(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      http<void>(`${path(workspaceId)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.workspaces.members(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.me() }),
      ]),
  });
}

export function useInvites(workspaceId: string) {
  return useQuery({
    queryKey: queryKeys.workspaces.invites(workspaceId),
    queryFn: ({ signal }) => http<Invite[]>(`${path(workspaceId)}/invites`, { signal }),
  });
}

export function useCreateInvite(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInviteInput) =>
      http<CreatedInvite>(`${path(workspaceId)}/invites`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspaces.invites(workspaceId) }),
  });
}

export function useRevokeInvite(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (inviteId: string) =>
      http<void>(`${path(workspaceId)}/invites/${encodeURIComponent(inviteId)}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspaces.invites(workspaceId) }),
  });
}

export function useInvitePreview(token: string | undefined) {
  return useQuery({
    queryKey: queryKeys.invitePreview(token ?? ''),
    queryFn: token
      ? ({ signal }) => http<InvitePreview>(`/invites/${encodeURIComponent(token)}`, { signal })
      : skipToken,
  });
}

export function useAcceptInvite(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => http<AcceptedInvite>(`/invites/${encodeURIComponent(token)}/accept`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.me() }),
  });
}
