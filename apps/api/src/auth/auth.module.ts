import { Global, Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CredentialCache } from './credential-cache';
import { CredentialsService } from './credentials.service';
import { LoginLimiterService } from './login-limiter.service';
import { SessionsService } from './sessions.service';
import { TokenBoundaryService } from './token-boundary.service';

@Global()
@Module({
  controllers: [AuthController],
  providers: [
    AuthService,
    CredentialCache,
    CredentialsService,
    LoginLimiterService,
    SessionsService,
    TokenBoundaryService,
  ],
  exports: [CredentialsService, SessionsService, TokenBoundaryService],
})
export class AuthModule {}
