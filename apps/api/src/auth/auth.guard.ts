import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden, unauthenticated } from '../infra/errors/app-error';
import { AuthedRequest, IS_PUBLIC, SESSION_COOKIE, SESSION_ONLY } from './auth.context';
import { CredentialsService, presentedCredential, type Presented } from './credentials.service';

const REFUSAL: Record<Presented['kind'], string> = {
  malformed: 'The Authorization header must be "Bearer <API token>"',
  token: 'API token is invalid or revoked',
  session: 'Sign in first',
  none: 'Sign in first',
};

/**
 * Global guard: every route needs a valid session or API token unless marked @Public(), and
 * a @SessionOnly() route a session.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: CredentialsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    // Public routes never look the caller up: health checks must not wait on the database.
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const presented = presentedCredential(req.headers.authorization, req.cookies?.[SESSION_COOKIE] as string | undefined);
    const auth = await this.credentials.resolve(presented);
    if (!auth) throw unauthenticated(REFUSAL[presented.kind]);
    req.auth = auth;
    const sessionOnly = this.reflector.getAllAndOverride<string | undefined>(SESSION_ONLY, targets);
    if (sessionOnly && !auth.sessionId) throw forbidden(`${sessionOnly} needs a signed-in session; an API token cannot do it`);
    return true;
  }
}
