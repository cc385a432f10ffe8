import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { TokenScope } from '@corroborate/contracts';
import { forbidden, notFound, unauthenticated } from '../infra/errors/app-error';
import { ANY_WORKSPACE, AuthedRequest, IS_PUBLIC, REQUIRED_SCOPE, SESSION_COOKIE, SESSION_ONLY } from './auth.context';
import { CredentialsService, presentedCredential, type Presented } from './credentials.service';
import { TokenBoundaryService } from './token-boundary.service';

const REFUSAL: Record<Presented['kind'], string> = {
  malformed: 'The Authorization header must be "Bearer <API token>"',
  token: 'API token is invalid, expired or revoked',
  session: 'Sign in first',
  none: 'Sign in first',
};

/** The scope a route needs of an API token: its mark, else `read` for reads and `write` for the rest. */
export function requiredScope(method: string, marked: TokenScope | undefined): TokenScope {
  return marked ?? (method === 'GET' || method === 'HEAD' ? 'read' : 'write');
}

/**
 * Global guard: every route needs a valid session or API token unless marked @Public(), and
 * a @SessionOnly() route a session. An API token also needs the route's scope, and a token
 * bound to one workspace reaches nothing outside it (404, as for a non-member).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: CredentialsService,
    private readonly boundary: TokenBoundaryService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    // Public routes never look the caller up: health checks must not wait on the database.
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const presented = presentedCredential(req.headers.authorization, req.cookies?.[SESSION_COOKIE]);
    const auth = await this.credentials.resolve(presented);
    if (!auth) throw unauthenticated(REFUSAL[presented.kind]);
    req.auth = auth;
    const sessionOnly = this.reflector.getAllAndOverride<string | undefined>(SESSION_ONLY, targets);
    if (sessionOnly && !auth.sessionId) throw forbidden(`${sessionOnly} needs a signed-in session; an API token cannot do it`);
    if (auth.tokenId) {
      const scope = requiredScope(req.method, this.reflector.getAllAndOverride<TokenScope | undefined>(REQUIRED_SCOPE, targets));
      if (!auth.scopes?.includes(scope)) throw forbidden(`This API token lacks the "${scope}" scope this needs`);
      if (auth.workspaceId) {
        const beyond = this.reflector.getAllAndOverride<string | undefined>(ANY_WORKSPACE, targets);
        if (beyond) throw forbidden(`${beyond} needs an API token that is not bound to one workspace`);
        const outside = await this.boundary.outside(auth.workspaceId, req.params as Record<string, string>);
        // Named as the route would name a thing it cannot find ("claimId" → "Claim").
        if (outside) throw notFound(outside.charAt(0).toUpperCase() + outside.slice(1, -2));
      }
    }
    return true;
  }
}
