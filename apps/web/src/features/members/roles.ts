import { WorkspaceRole } from '@corroborate/contracts';

export const ROLE_LABELS: Record<WorkspaceRole, string> = {
  owner: 'Owner',
  editor: 'Editor',
  analyst: 'Analyst',
  reviewer: 'Reviewer',
  viewer: 'Viewer',
};

export const ROLE_OPTIONS = WorkspaceRole.options.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export const INVITE_ROLE_OPTIONS = ROLE_OPTIONS.filter((option) => option.value !== 'owner');

export function isRole(value: string | null): value is WorkspaceRole {
  return WorkspaceRole.safeParse(value).success;
}
