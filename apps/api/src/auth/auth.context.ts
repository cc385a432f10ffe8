import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { TokenScope } from '@corroborate/contracts';
import type { Request } from 'express';

/** Who is asking, and through which credential. */
export interface AuthContext {
  userId: string;
  email: string;
  displayName: string;
  sessionId?: string;
  tokenId?: string;
  /** What an API token may do (a session may do everything its user's role allows). */
  scopes?: TokenScope[];
  /** The one workspace an API token is bound to, if any. */
  workspaceId?: string | null;
  /** When the session or API token ends. */
  expiresAt?: Date;
}

export type AuthedRequest = Request & { auth?: AuthContext };

export const IS_PUBLIC = 'corroborate:public';
/** Marks a route that answers without credentials. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const SESSION_ONLY = 'corroborate:session-only';
/**
 * Marks a route that needs a person signed in with a session, not an API token: what it does
 * (a new token, a new password) would outlive the revocation of a leaked token.
 * `what` names the action in the 403 ("Creating API tokens").
 */
export const SessionOnly = (what: string) => SetMetadata(SESSION_ONLY, what);

export const REQUIRED_SCOPE = 'corroborate:scope';
/**
 * The scope an API token needs for a route. Without this mark, reads (GET, HEAD) need `read`
 * and everything else `write`; members, invites, settings and webhooks are marked `admin`.
 */
export const RequiresScope = (scope: TokenScope) => SetMetadata(REQUIRED_SCOPE, scope);

export const ANY_WORKSPACE = 'corroborate:any-workspace';
/**
 * Marks a route that a token bound to one workspace may not call at all, because it reaches
 * beyond a single workspace (creating a workspace). `what` names the action in the 403.
 */
export const UnboundTokenOnly = (what: string) => SetMetadata(ANY_WORKSPACE, what);

/** The caller of an authenticated route. */
export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const auth = ctx.switchToHttp().getRequest<AuthedRequest>().auth;
  if (!auth) throw new Error('Auth() used on a public route');
  return auth;
});

export const SESSION_COOKIE = 'cb_session';
