import { Inject, Injectable } from '@nestjs/common';
import { can, type AcceptedInvite, type CreateInviteBody, type CreatedInvite, type Invite, type InvitePreview, type WorkspaceRole } from '@corroborate/contracts';
import { AuditService } from '../audit/audit.service';
import { hashSecret, newSecret } from '../auth/secrets';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config.schema';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { AppError, notFound } from '../infra/errors/app-error';
import { DomainEvents } from '../infra/events/domain-events';
import { AccessService, rolesWith } from './access.service';

const INVITE_PREFIX = 'cbi';

const toInvite = (i: { id: string; role: WorkspaceRole; expiresAt: Date; createdAt: Date }): Invite => ({
  id: i.id,
  role: i.role,
  expiresAt: i.expiresAt.toISOString(),
  createdAt: i.createdAt.toISOString(),
});

const invalidInvite = () => new AppError('NOT_FOUND', 'This invite link is invalid, used or expired');

/** Single-use invite links that let a new or existing user join a workspace. */
@Injectable()
export class InvitesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async create(callerId: string, workspaceId: string, body: CreateInviteBody): Promise<CreatedInvite> {
    await this.access.require(callerId, workspaceId, 'manageMembers');
    const token = newSecret(INVITE_PREFIX);
    const invite = await this.prisma.$transaction(async (tx) => {
      await this.access.requireLocked(tx, callerId, workspaceId, 'manageMembers');
      const row = await tx.invite.create({
        data: {
          workspaceId,
          role: body.role,
          tokenHash: hashSecret(token),
          createdById: callerId,
          expiresAt: new Date(Date.now() + body.expiresInHours * 3_600_000),
        },
      });
      await this.audit.record(tx, {
        workspaceId,
        actorId: callerId,
        action: 'invite.created',
        entityType: 'invite',
        entityId: row.id,
        after: { role: row.role, expiresAt: row.expiresAt },
      });
      return row;
    });
    return { ...toInvite(invite), token, url: `${this.config.PUBLIC_URL}/join/${token}` };
  }

  async list(callerId: string, workspaceId: string): Promise<Invite[]> {
    await this.access.require(callerId, workspaceId, 'manageMembers');
    const rows = await this.prisma.invite.findMany({
      where: { workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: 'desc' },
    });
    // Invites whose creator may no longer add members have lapsed (see creatorMayInvite).
    const managers = await this.prisma.membership.findMany({
      where: { workspaceId, role: { in: rolesWith('manageMembers') } },
      select: { userId: true },
    });
    const mayInvite = new Set(managers.map((m) => m.userId));
    return rows.filter((row) => mayInvite.has(row.createdById)).map(toInvite);
  }

  async revoke(callerId: string, workspaceId: string, inviteId: string): Promise<void> {
    await this.access.require(callerId, workspaceId, 'manageMembers');
    await this.prisma.$transaction(async (tx) => {
      await this.access.requireLocked(tx, callerId, workspaceId, 'manageMembers');
      const { count } = await tx.invite.updateMany({
        where: { id: inviteId, workspaceId, acceptedAt: null, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      if (count === 0) throw notFound('Invite');
      await this.audit.record(tx, {
        workspaceId,
        actorId: callerId,
        action: 'invite.revoked',
        entityType: 'invite',
        entityId: inviteId,
      });
    });
  }

  async preview(token: string): Promise<InvitePreview> {
    const invite = await this.prisma.invite.findUnique({
      where: { tokenHash: hashSecret(token) },
      include: { workspace: { select: { name: true } } },
    });
    if (!invite || invite.acceptedAt || invite.revokedAt || invite.expiresAt <= new Date()) throw invalidInvite();
    if (!(await this.creatorMayInvite(this.prisma, invite))) throw invalidInvite();
    return { workspaceName: invite.workspace.name, role: invite.role, expiresAt: invite.expiresAt.toISOString() };
  }

  async accept(userId: string, token: string): Promise<AcceptedInvite> {
    const joined = await this.prisma.$transaction((tx) => this.redeem(tx, token, userId));
    this.events.emit('membership.changed', { userId, ...joined });
    return joined;
  }

  /** Joins the user to the invite's workspace inside the caller's transaction. */
  async redeem(tx: Tx, token: string, userId: string): Promise<AcceptedInvite> {
    const tokenHash = hashSecret(token);
    const found = await tx.invite.findUnique({ where: { tokenHash }, select: { workspaceId: true } });
    if (!found) throw invalidInvite();
    // The member lock first, as member and invite changes take it: a demotion of the invite's
    // creator either commits before this reads their role or waits for this to finish.
    await this.access.lockMembers(tx, found.workspaceId);
    const [invite] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM invites WHERE token_hash = ${tokenHash}
        AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
      FOR UPDATE`;
    if (!invite) throw invalidInvite();
    const row = await tx.invite.findUniqueOrThrow({ where: { id: invite.id } });
    if (!(await this.creatorMayInvite(tx, row))) throw invalidInvite();
    const existing = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: row.workspaceId, userId } },
    });
    if (existing) return { workspaceId: row.workspaceId, role: existing.role };
    await tx.membership.create({ data: { workspaceId: row.workspaceId, userId, role: row.role } });
    await tx.invite.update({ where: { id: row.id }, data: { acceptedAt: new Date(), acceptedById: userId } });
    await this.audit.record(tx, {
      workspaceId: row.workspaceId,
      actorId: userId,
      action: 'invite.accepted',
      entityType: 'membership',
      entityId: userId,
      after: { role: row.role, inviteId: row.id },
    });
    return { workspaceId: row.workspaceId, role: row.role };
  }

  /** An invite speaks for its creator: it lapses once they may no longer add members. */
  private async creatorMayInvite(db: Pick<Tx, 'membership'>, invite: { workspaceId: string; createdById: string }): Promise<boolean> {
    const creator = await db.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: invite.workspaceId, userId: invite.createdById } },
      select: { role: true },
    });
    return !!creator && can.manageMembers(creator.role);
  }
}
