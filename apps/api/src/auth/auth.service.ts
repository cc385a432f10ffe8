import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type {
  ChangePasswordBody,
  ChangePasswordResponse,
  LoginBody,
  MeResponse,
  RegisterBody,
  User,
} from '@corroborate/contracts';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service';
import { Prisma } from '../generated/prisma/client';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config.schema';
import { Batcher } from '../infra/database/batcher';
import { PrismaService, type Tx } from '../infra/database/prisma.service';
import { AppError, conflict, notFound } from '../infra/errors/app-error';
import { DomainEvents } from '../infra/events/domain-events';
import { featureLogger } from '../infra/logging/logger';
import { NotificationsService } from '../notifications/notifications.service';
import { InvitesService } from '../workspaces/invites.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import type { AuthContext } from './auth.context';
import { SESSION_PREFIX } from './credentials.service';
import { LoginLimiterService } from './login-limiter.service';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { newSecret } from './secrets';
import { SessionsService } from './sessions.service';
import { toUser } from './users';

export interface ClientMeta {
  ip: string;
  userAgent?: string;
}

@Injectable()
export class AuthService {
  private readonly logger: Logger;
  /**
   * Users by id (as PostgreSQL prints it). Every page load asks (GET /me): past the ORM's
   * per-query planning, and those asked for together are one statement on the pool.
   */
  private readonly users = new Batcher<string, Parameters<typeof toUser>[0]>(async (ids) => {
    const rows = await this.prisma.sql<Parameters<typeof toUser>[0]>(
      Prisma.sql`SELECT id, email, display_name AS "displayName", created_at AS "createdAt" FROM users WHERE id = ANY(${ids}::uuid[])`,
    );
    return new Map(rows.map((row) => [row.id, row]));
  });

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly sessions: SessionsService,
    private readonly limiter: LoginLimiterService,
    private readonly invites: InvitesService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly workspaces: WorkspacesService,
    private readonly notifications: NotificationsService,
  ) {
    this.logger = featureLogger(config, 'auth');
  }

  /** The signed-in user and the workspaces they belong to, with their role in each. */
  async me(auth: AuthContext): Promise<MeResponse> {
    const [user, workspaces] = await Promise.all([this.users.get(auth.userId.toLowerCase()), this.workspaces.listFor(auth.userId, auth.workspaceId)]);
    if (!user) throw notFound('User');
    return { user: toUser(user), workspaces: workspaces.map(({ id, name, role }) => ({ id, name, role })) };
  }

  /**
   * Signs up, answering an anonymous caller alike whether or not the address has an account:
   * a new address gets its account; an existing one with its own password is signed in; any
   * other attempt gets a look-alike user and a cookie that authenticates nothing, and the
   * owner is told. Every path counts against the limits and does the same password hashing.
   */
  async register(body: RegisterBody, meta: ClientMeta): Promise<{ user: User; secret: string }> {
    await this.limiter.signup(meta.ip);
    // Guessing an account's password through sign-up counts like a failed sign-in.
    const attempt = await this.limiter.reserve(body.email, meta.ip);
    let existing = await this.prisma.user.findUnique({ where: { email: body.email } });
    const [verified, passwordHash] = await Promise.all([
      verifyPassword(existing?.passwordHash ?? (await dummyPasswordHash()), body.password),
      hashPassword(body.password),
    ]);
    let matches = verified;
    if (!existing) {
      const created = await this.createAccount(body, passwordHash, meta);
      if (created) {
        await attempt.succeeded();
        return created;
      }
      // The address signed up meanwhile (a double submit): answer as for an existing account.
      existing = await this.prisma.user.findUniqueOrThrow({ where: { email: body.email } });
      matches = await verifyPassword(existing.passwordHash, body.password);
    }
    if (!matches) return this.decoy(existing.id, body, meta);
    const signedIn = await this.signIn(existing, existing.passwordHash, meta, body.inviteToken);
    // The password changed since it was checked: answered as any other taken address.
    if (!signedIn) return this.decoy(existing.id, body, meta);
    await attempt.succeeded();
    return signedIn;
  }

  /** The new account and its first session; null when the address was taken meanwhile. */
  private async createAccount(body: RegisterBody, passwordHash: string, meta: ClientMeta): Promise<{ user: User; secret: string } | null> {
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
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return null;
      throw error;
    }
  }

  async login(body: LoginBody, meta: ClientMeta): Promise<{ user: User; secret: string }> {
    const attempt = await this.limiter.reserve(body.email, meta.ip);
    const found = await this.prisma.user.findUnique({ where: { email: body.email } });
    const ok = await verifyPassword(found?.passwordHash ?? (await dummyPasswordHash()), body.password);
    if (!found || !ok) throw new AppError('UNAUTHENTICATED', 'Email or password is incorrect');
    const signedIn = await this.signIn(found, found.passwordHash, meta);
    if (!signedIn) throw new AppError('UNAUTHENTICATED', 'Email or password is incorrect');
    await attempt.succeeded();
    return signedIn;
  }

  async logout(auth: AuthContext): Promise<void> {
    if (auth.sessionId) await this.sessions.revoke(auth.sessionId);
  }

  /** A new password ends every other session of the user and revokes their API tokens. */
  async changePassword(auth: AuthContext, body: ChangePasswordBody, meta: ClientMeta): Promise<ChangePasswordResponse> {
    const attempt = await this.limiter.reserve(auth.email, meta.ip);
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: auth.userId } });
    if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
      throw new AppError('VALIDATION_FAILED', 'Current password is incorrect', [
        { path: 'currentPassword', message: 'is incorrect' },
      ]);
    }
    await attempt.succeeded();
    const passwordHash = await hashPassword(body.newPassword);
    const revoked = await this.prisma.$transaction(async (tx) => {
      // Held until commit, so a sign-in that checked the old password waits and then sees the new
      // hash; a concurrent change that also checked the old one is refused.
      if ((await this.lockedPasswordHash(tx, user.id, 'FOR UPDATE')) !== user.passwordHash) {
        throw conflict('Your password was changed meanwhile; sign in again and retry');
      }
      await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: new Date() } });
      const sessionIds = await this.sessions.revokeAllFor(tx, user.id, auth.sessionId);
      const tokens = await tx.apiToken.findMany({ where: { userId: user.id, revokedAt: null }, select: { id: true } });
      const tokenIds = tokens.map((t) => t.id);
      await tx.apiToken.updateMany({ where: { id: { in: tokenIds } }, data: { revokedAt: new Date() } });
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'user.password_changed',
        entityType: 'user',
        entityId: user.id,
        after: { revokedSessions: sessionIds.length, revokedTokens: tokenIds.length },
      });
      return { sessionIds, tokenIds };
    });
    this.events.emit('credentials.revoked', revoked);
    return { revokedSessions: revoked.sessionIds.length, revokedTokens: revoked.tokenIds.length };
  }

  /**
   * A new session for a user whose password has been checked against `verifiedHash` (and an
   * invite they brought); null when the password has changed since.
   */
  private async signIn(
    user: { id: string; email: string; displayName: string; createdAt: Date },
    verifiedHash: string,
    meta: ClientMeta,
    inviteToken?: string,
  ): Promise<{ user: User; secret: string } | null> {
    const secret = await this.prisma.$transaction(async (tx) => {
      // A password change since the check would miss this session: its revoke holds the row
      // FOR UPDATE, so either this commits first and is revoked, or it waits and refuses here.
      if ((await this.lockedPasswordHash(tx, user.id, 'FOR SHARE')) !== verifiedHash) return null;
      if (inviteToken) await this.invites.redeem(tx, inviteToken, user.id);
      await this.audit.record(tx, {
        actorId: user.id,
        action: 'user.signed_in',
        entityType: 'user',
        entityId: user.id,
        after: { ip: meta.ip },
      });
      return this.sessions.create(tx, user.id, meta);
    });
    return secret === null ? null : { user: toUser(user), secret };
  }

  /** The user's password hash, with the user row locked until the transaction ends. */
  private async lockedPasswordHash(tx: Tx, userId: string, lock: 'FOR SHARE' | 'FOR UPDATE'): Promise<string | undefined> {
    const rows =
      lock === 'FOR UPDATE'
        ? await tx.$queryRaw<{ password_hash: string }[]>`SELECT password_hash FROM users WHERE id = ${userId}::uuid FOR UPDATE`
        : await tx.$queryRaw<{ password_hash: string }[]>`SELECT password_hash FROM users WHERE id = ${userId}::uuid FOR SHARE`;
    return rows[0]?.password_hash;
  }

  /**
   * The answer to a sign-up with someone else's address: shaped like a new account (a fresh
   * id, the submitted name and address) with a session secret that was never stored. The
   * owner gets a notice (one unread at a time) and the log a line.
   */
  private async decoy(ownerId: string, body: RegisterBody, meta: ClientMeta): Promise<{ user: User; secret: string }> {
    // An invite that would refuse a new account refuses this one alike.
    if (body.inviteToken) await this.invites.preview(body.inviteToken);
    this.logger.info({ userId: ownerId, ip: meta.ip }, 'Sign-up attempted with the address of an existing account');
    const notices = await this.prisma.$transaction(async (tx) => {
      const unread = await tx.notification.findFirst({
        where: { userId: ownerId, kind: 'account.signup_attempt', readAt: null },
        select: { id: true },
      });
      if (unread) return [];
      return this.notifications.record(tx, [
        {
          userId: ownerId,
          kind: 'account.signup_attempt',
          workspaceId: null,
          actor: null,
          text: `Someone tried to create an account with your email address (from ${meta.ip}). If it was you, sign in instead; otherwise you need do nothing, your account is unchanged.`,
        },
      ]);
    });
    this.notifications.announce(notices);
    const user = { id: randomUUID(), email: body.email, displayName: body.displayName, createdAt: new Date().toISOString() };
    return { user, secret: newSecret(SESSION_PREFIX) };
  }
}
