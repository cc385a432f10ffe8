import { z } from 'zod';
import { Email, IsoDate, Name, Uuid } from './common';

export const WorkspaceRole = z.enum(['owner', 'editor', 'analyst', 'reviewer', 'viewer']);
export type WorkspaceRole = z.infer<typeof WorkspaceRole>;

export const CreateWorkspaceBody = z.object({ id: Uuid.optional(), name: Name(120) });
export type CreateWorkspaceBody = z.infer<typeof CreateWorkspaceBody>;

export const Workspace = z.object({
  id: Uuid,
  name: z.string(),
  role: WorkspaceRole.optional(),
  createdAt: IsoDate,
});
export type Workspace = z.infer<typeof Workspace>;

export const Member = z.object({
  userId: Uuid,
  email: z.string(),
  displayName: z.string(),
  role: WorkspaceRole,
  joinedAt: IsoDate,
});
export type Member = z.infer<typeof Member>;

export const AddMemberBody = z.object({ email: Email, role: WorkspaceRole });
export type AddMemberBody = z.infer<typeof AddMemberBody>;

export const UpdateMemberBody = z.object({ role: WorkspaceRole });
export type UpdateMemberBody = z.infer<typeof UpdateMemberBody>;

export const CreateInviteBody = z.object({
  role: WorkspaceRole.exclude(['owner']),
  /** Hours until the link stops working; a week by default. */
  expiresInHours: z.number().int().min(1).max(24 * 30).default(24 * 7),
});
export type CreateInviteBody = z.infer<typeof CreateInviteBody>;

export const Invite = z.object({
  id: Uuid,
  role: WorkspaceRole,
  expiresAt: IsoDate,
  createdAt: IsoDate,
});
export type Invite = z.infer<typeof Invite>;

/** The token appears only in the answer to its creation. */
export const CreatedInvite = Invite.extend({ token: z.string(), url: z.string() });
export type CreatedInvite = z.infer<typeof CreatedInvite>;

export const InvitePreview = z.object({
  workspaceName: z.string(),
  role: WorkspaceRole,
  expiresAt: IsoDate,
});
export type InvitePreview = z.infer<typeof InvitePreview>;

/** The workspace an accepted invite joined, and the role it gave. */
export const AcceptedInvite = z.object({ workspaceId: Uuid, role: WorkspaceRole });
export type AcceptedInvite = z.infer<typeof AcceptedInvite>;

/** Who may do what, checked by the API and mirrored by the web client. */
export const can = {
  manageMembers: (role: WorkspaceRole) => role === 'owner',
  importArticles: (role: WorkspaceRole) => role === 'owner' || role === 'editor',
  readAudit: (role: WorkspaceRole) => role === 'owner' || role === 'editor',
  annotate: (role: WorkspaceRole) => role !== 'viewer',
  /** Edit or delete other people's annotations, claims, evidence and comments. */
  moderate: (role: WorkspaceRole) => role === 'owner' || role === 'editor',
  /** Create claims, comment on them, gather evidence; be assigned claims. */
  analyse: (role: WorkspaceRole) => role !== 'viewer',
  /** Assign claims to members and set their due dates. */
  assignClaims: (role: WorkspaceRole) => role === 'owner' || role === 'editor',
  /** Give independent verdicts on claims (never on a claim one is assigned to). */
  review: (role: WorkspaceRole) => role === 'owner' || role === 'editor' || role === 'reviewer',
  /** Adjudicate disputed claims and confirm agreeing verdicts. */
  decide: (role: WorkspaceRole) => role === 'owner' || role === 'editor',
  /** Edit the rating scale and review settings. */
  manageReview: (role: WorkspaceRole) => role === 'owner',
  /** Register webhook endpoints and read their deliveries. */
  manageWebhooks: (role: WorkspaceRole) => role === 'owner',
};
