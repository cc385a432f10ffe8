import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { unauthenticated } from '../infra/errors/app-error';
import { AuthedRequest, IS_PUBLIC, SESSION_COOKIE } from './auth.context';
import { bearerToken, CredentialsService } from './credentials.service';

/** Global guard: every route needs a valid session or API token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: CredentialsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    // Public routes never look the caller up: health checks must not wait on the database.
    if (isPublic) return true;

    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const bearer = bearerToken(req.headers.authorization);
    const cookie = req.cookies?.[SESSION_COOKIE] as string | undefined;
    const auth = await this.credentials.resolve(bearer, cookie);
    if (!auth) throw unauthenticated(bearer ? 'API token is invalid or revoked' : 'Sign in first');
    req.auth = auth;
    return true;
  }
}
