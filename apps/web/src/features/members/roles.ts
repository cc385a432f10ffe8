import { WorkspaceRole } from '@corroborate/contracts';

export const ROLE_LABELS: Record<WorkspaceRole, string> = {
  owner: 'Owner',
  editor: 'Editor',
  analyst: 'Analyst',
  reviewer: 'Reviewer',
  viewer: 'Viewer',
};

/** What each role may do, in words (kept beside `can` in the contracts, which decides it). */
export const ROLE_DESCRIPTIONS: Record<WorkspaceRole, string> = {
  owner: 'Everything an editor can, and manages members, invitations and the rating scale.',
  editor: 'Imports and revises articles, assigns claims, gives and decides verdicts, edits anyone’s notes and sees the activity log.',
  analyst: 'Annotates articles, makes claims, gathers evidence and comments. Cannot give verdicts.',
  reviewer: 'Everything an analyst can, and gives independent verdicts on claims they are not assigned to.',
  viewer: 'Reads articles, notes and claims. Cannot annotate, comment or change anything.',
};

/** Why a role cannot annotate, said where someone tries to. */
export function viewOnlyReason(role: WorkspaceRole | null): string {
  if (!role) return 'You are not a member of this article’s workspace, so it is view-only for you.';
  return `This article is view-only for you: as ${role === 'analyst' || role === 'owner' || role === 'editor' ? 'an' : 'a'} ${ROLE_LABELS[role]} you can read it and its notes, but not annotate. An owner can change your role on the Members page.`;
}

/** Why a member's role or membership cannot change now, or null when it can. */
export function soleOwnerReason(member: { role: WorkspaceRole }, owners: number, isSelf: boolean): string | null {
  if (member.role !== 'owner' || owners > 1) return null;
  return isSelf
    ? 'You are the only owner. Make another member an owner first, then you can change your own role or leave.'
    : 'The only owner. Make another member an owner first.';
}

export const ROLE_OPTIONS = WorkspaceRole.options.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export const INVITE_ROLE_OPTIONS = ROLE_OPTIONS.filter((option) => option.value !== 'owner');

export function isRole(value: string | null): value is WorkspaceRole {
  return WorkspaceRole.safeParse(value).success;
}
