import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ChangePasswordBody,
  type ChangePasswordResponse,
  LoginBody,
  RegisterBody,
  type MeResponse,
  type UserResponse,
} from '@corroborate/contracts';
import type { Request, Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { Auth, type AuthContext, Public, SESSION_COOKIE, SessionOnly } from './auth.context';
import { AuthService, type ClientMeta } from './auth.service';
import { SessionsService } from './sessions.service';

class RegisterDto extends createZodDto(RegisterBody) {}
class LoginDto extends createZodDto(LoginBody) {}
class ChangePasswordDto extends createZodDto(ChangePasswordBody) {}

const meta = (req: Request): ClientMeta => ({
  ip: req.ip ?? 'unknown',
  userAgent: req.headers['user-agent'],
});

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
  ) {}

  /**
   * 201 with a user and a session cookie whether or not the address already has an account
   * (see AuthService.register); /api/me tells the caller whether the cookie signs them in.
   */
  @Public()
  @Post('auth/register')
  async register(
    @Body() body: RegisterDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UserResponse> {
    const { user, secret } = await this.auth.register(body, meta(req));
    res.cookie(SESSION_COOKIE, secret, this.sessions.cookieOptions);
    return { user };
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  async login(
    @Body() body: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UserResponse> {
    const { user, secret } = await this.auth.login(body, meta(req));
    res.cookie(SESSION_COOKIE, secret, this.sessions.cookieOptions);
    return { user };
  }

  @Post('auth/logout')
  @HttpCode(204)
  async logout(@Auth() auth: AuthContext, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(auth);
    const { maxAge: _maxAge, ...options } = this.sessions.cookieOptions;
    res.clearCookie(SESSION_COOKIE, options);
  }

  /** Answers what else it signed out: the user's other sessions and all their API tokens. */
  @Post('auth/password')
  @HttpCode(200)
  @SessionOnly('Changing the password')
  changePassword(@Auth() auth: AuthContext, @Body() body: ChangePasswordDto, @Req() req: Request): Promise<ChangePasswordResponse> {
    return this.auth.changePassword(auth, body, meta(req));
  }

  @Get('me')
  me(@Auth() auth: AuthContext): Promise<MeResponse> {
    return this.auth.me(auth);
  }
}
