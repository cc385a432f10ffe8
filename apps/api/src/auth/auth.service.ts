import { Injectable } from '@nestjs/common';
import type { ChangePasswordBody, LoginBody, MeResponse, RegisterBody, User } from '@corroborate/contracts';
import { AuditService } from '../audit/audit.service';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infra/database/prisma.service';
import { AppError } from '../infra/errors/app-error';
import { DomainEvents } from '../infra/events/domain-events';
import { InvitesService } from '../workspaces/invites.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import type { AuthContext } from './auth.context';
import { LoginLimiterService } from './login-limiter.service';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { SessionsService } from './sessions.service';
import { toUser } from './users';

export interface ClientMeta {
  ip: string;
  userAgent?: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sessions: SessionsService,
    private readonly limiter: LoginLimiterService,
    private readonly invites: InvitesService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly workspaces: WorkspacesService,
  ) {}

  /** The signed-in user and the workspaces they belong to, with their role in each. */
  async me(auth: AuthContext): Promise<MeResponse> {
    const [user, workspaces] = await Promise.all([
      this.prisma.user.findUniqueOrThrow({ where: { id: auth.userId } }),
      this.workspaces.listFor(auth.userId),
    ]);
    return { user: toUser(user), workspaces: workspaces.map(({ id, name, role }) => ({ id, name, role })) };
  }

  async register(body: RegisterBody, meta: ClientMeta): Promise<{ user: User; secret: string }> {
    const passwordHash = await hashPassword(body.password);
    try {
      return await this.prisma.$transaction(async (tx) => {
        const user = await tx.user.create({
          data: { email: body.email, displayName: body.displayName, passwordHash },
        });
        await this.audit.record(tx, {
          actorId: user.id,
          action: 'user.registered',
          entityType: 'user',
          entityId: user.id,
          after: toUser(user),
        });
        if (body.inviteToken) await this.invites.redeem(tx, body.inviteToken, user.id);
        const secret = await this.sessions.create(tx, user.id, meta);
        return { user: toUser(user), secret };
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        throw new AppError('CONFLICT', 'An account with this email already exists', [
          { path: 'email', message: 'is already registered' },
        ]);
      }
      throw error;
    }
  }

  async login(body: LoginBody, meta: ClientMeta): Promise<{ user: User; secret: string }> {
    await this.limiter.check(body.email, meta.ip);
    const found = await this.prisma.user.findUnique({ where: { email: body.email } });
    const ok = await verifyPassword(found?.passwordHash ?? (await dummyPasswordHash()), body.password);
    if (!found || !ok) {
      await this.limiter.recordFailure(body.email, meta.ip);
      throw new AppError('UNAUTHENTICATED', 'Email or password is incorrect');
    }
    await this.limiter.recordSuccess(body.email);
    const secret = await this.prisma.$transaction(async (tx) => {
      await this.audit.record(tx, {
        actorId: found.id,
        action: 'user.signed_in',
        entityType: 'user',
        entityId: found.id,
        after: { ip: meta.ip },
      });
      return this.sessions.create(tx, found.id, meta);
    });
    return { user: toUser(found), secret };
  }

  async logout(auth: AuthContext): Promise<void> {
    if (auth.sessionId) await this.sessions.revoke(auth.sessionId);
  }

  /** Changing the password signs out every other session of the user. */
  async changePassword(auth: AuthContext, body: ChangePasswordBody): Promise<void> {
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: auth.userId } });
    if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
      throw new AppError('VALIDATION_FAILED', 'Current password is incorrect', [
        { path: 'currentPassword', message: 'is incorrect' },
      ]);
    }
    const passwordHash = await hashPassword(body.newPassword);
    const revoked = await this.prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: new Date() } });
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'user.password_changed',
        entityType: 'user',
        entityId: user.id,
      });
      return this.sessions.revokeAllFor(tx, user.id, auth.sessionId);
    });
    this.events.emit('credentials.revoked', { sessionIds: revoked });
  }
}

