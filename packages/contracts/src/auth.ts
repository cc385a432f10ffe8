import { z } from 'zod';
import { Email, IsoDate, Name, Uuid } from './common';
import { WorkspaceRole } from './workspaces';

export const Password = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters');

export const User = z.object({
  id: Uuid,
  email: z.string(),
  displayName: z.string(),
  createdAt: IsoDate,
});
export type User = z.infer<typeof User>;

export const RegisterBody = z.object({
  email: Email,
  password: Password,
  displayName: Name(80),
  inviteToken: z.string().min(1).max(200).optional(),
});
export type RegisterBody = z.infer<typeof RegisterBody>;

export const LoginBody = z.object({
  email: Email,
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: Password,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

/** What a password change ended besides the session it was made in. */
export const ChangePasswordResponse = z.object({
  /** The user's other sessions, now signed out. */
  revokedSessions: z.number().int().min(0),
  /** The user's API tokens, now revoked. */
  revokedTokens: z.number().int().min(0),
});
export type ChangePasswordResponse = z.infer<typeof ChangePasswordResponse>;

export const UserResponse = z.object({ user: User });
export type UserResponse = z.infer<typeof UserResponse>;

export const MeResponse = z.object({
  user: User,
  workspaces: z.array(z.object({ id: Uuid, name: z.string(), role: WorkspaceRole })),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const CreateTokenBody = z.object({ name: Name(80) });
export type CreateTokenBody = z.infer<typeof CreateTokenBody>;

export const ApiToken = z.object({
  id: Uuid,
  name: z.string(),
  createdAt: IsoDate,
  lastUsedAt: IsoDate.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

/** The only time the secret is shown. */
export const CreatedToken = z.object({ id: Uuid, name: z.string(), token: z.string() });
export type CreatedToken = z.infer<typeof CreatedToken>;
