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

/**
 * What an API token may do, on top of its user's role: `read` everything the user may read,
 * `write` annotations, claims, evidence, verdicts and reports, `admin` members, invites,
 * settings and webhooks. Each route and socket event needs one of them (see `SOCKET_EVENT_SCOPES`).
 */
export const TokenScope = z.enum(['read', 'write', 'admin']);
export type TokenScope = z.infer<typeof TokenScope>;

export const CreateTokenBody = z.object({
  name: Name(80),
  /** Without it, a token may do everything its user may (as tokens made before scopes could). */
  scopes: z
    .array(TokenScope)
    .min(1, 'choose at least one scope')
    .transform((scopes) => TokenScope.options.filter((s) => scopes.includes(s)))
    .default(['read', 'write', 'admin']),
  /** Only this workspace; the creator must be a member of it. */
  workspaceId: Uuid.nullable().default(null),
  /** Days until the token stops working; never when null. */
  expiresInDays: z.number().int().min(1).max(366).nullable().default(null),
});
export type CreateTokenBody = z.input<typeof CreateTokenBody>;

export const ApiToken = z.object({
  id: Uuid,
  name: z.string(),
  scopes: z.array(TokenScope),
  workspace: z.object({ id: Uuid, name: z.string() }).nullable(),
  expiresAt: IsoDate.nullable(),
  createdAt: IsoDate,
  lastUsedAt: IsoDate.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

/** The only time the secret is shown. */
export const CreatedToken = z.object({ id: Uuid, name: z.string(), token: z.string() });
export type CreatedToken = z.infer<typeof CreatedToken>;
