import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

/** Who is asking, and through which credential. */
export interface AuthContext {
  userId: string;
  email: string;
  displayName: string;
  sessionId?: string;
  tokenId?: string;
  /** When the session ends (API tokens do not expire). */
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

/** The caller of an authenticated route. */
export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const auth = ctx.switchToHttp().getRequest<AuthedRequest>().auth;
  if (!auth) throw new Error('Auth() used on a public route');
  return auth;
});

export const SESSION_COOKIE = 'cb_session';
