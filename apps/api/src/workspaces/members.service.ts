import { Injectable } from '@nestjs/common';
import type { AddMemberBody, Member, WorkspaceRole } from '@corroborate/contracts';
import { AuditService } from '../audit/audit.service';
import { Prisma } from '../generated/prisma/client';
import { Batcher, grouped } from '../infra/database/batcher';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { AppError, conflict, notFound } from '../infra/errors/app-error';
import { DomainEvents } from '../infra/events/domain-events';
import { AccessService, type Permission } from './access.service';
import { MemberLookupLimiterService } from './member-lookup-limiter.service';

type MembershipRow = {
  userId: string;
  role: WorkspaceRole;
  createdAt: Date;
  user: { email: string; displayName: string };
};

const toMember = (m: MembershipRow): Member => ({
  userId: m.userId,
  email: m.user.email,
  displayName: m.user.displayName,
  role: m.role,
  joinedAt: m.createdAt.toISOString(),
});

const withUser = { user: { select: { email: true, displayName: true } } } as const;

@Injectable()
export class MembersService {
  /**
   * Member lists by workspace id (as PostgreSQL prints it). Every reader asks (mentions,
   * assignees), so the lists asked for together, as when a desk opens an article at once, are
   * one statement on the pool.
   */
  private readonly lists = new Batcher<string, (Omit<MembershipRow, 'user'> & MembershipRow['user'])[]>(async (workspaceIds) =>
    grouped(
      workspaceIds,
      await this.prisma.sql<Omit<MembershipRow, 'user'> & MembershipRow['user'] & { batchKey: string }>(Prisma.sql`
        SELECT m.workspace_id::text AS "batchKey", m.user_id AS "userId", m.role::text AS role, m.created_at AS "createdAt", u.email, u.display_name AS "displayName"
        FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.workspace_id = ANY(${workspaceIds}::uuid[])
        ORDER BY m.created_at, m.user_id`),
    ),
  );

  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly lookups: MemberLookupLimiterService,
  ) {}

  async list(callerId: string, workspaceId: string): Promise<Member[]> {
    await this.access.require(callerId, workspaceId);
    const rows = (await this.lists.get(workspaceId.toLowerCase())) ?? [];
    return rows.map(({ email, displayName, ...m }) => toMember({ ...m, user: { email, displayName } }));
  }

  async add(callerId: string, workspaceId: string, body: AddMemberBody): Promise<Member> {
    await this.access.require(callerId, workspaceId, 'manageMembers');
    const lookup = await this.lookups.reserve(callerId);
    const user = await this.prisma.user.findUnique({ where: { email: body.email } });
    if (!user) {
      throw new AppError('NOT_FOUND', 'No account uses this email; send an invite link instead', [
        { path: 'email', message: 'has no account' },
      ]);
    }
    await lookup.found();
    const member = await this.prisma.$transaction(async (tx) => {
      await this.access.requireLocked(tx, callerId, workspaceId, 'manageMembers');
      const existing = await tx.membership.findUnique({
        where: { workspaceId_userId: { workspaceId, userId: user.id } },
      });
      if (existing) throw conflict('This user is already a member');
      const row = await tx.membership.create({
        data: { workspaceId, userId: user.id, role: body.role },
        include: withUser,
      });
      await this.record(tx, callerId, workspaceId, 'member.added', user.id, null, body.role);
      return toMember(row);
    });
    this.events.emit('membership.changed', { workspaceId, userId: user.id, role: body.role });
    return member;
  }

  async changeRole(callerId: string, workspaceId: string, userId: string, role: WorkspaceRole): Promise<Member> {
    await this.access.require(callerId, workspaceId, 'manageMembers');
    const member = await this.prisma.$transaction(async (tx) => {
      const current = await this.lockMember(tx, callerId, workspaceId, userId, 'manageMembers');
      if (current.role === 'owner' && role !== 'owner') await this.keepAnOwner(tx, workspaceId);
      const row = await tx.membership.update({
        where: { workspaceId_userId: { workspaceId, userId } },
        data: { role },
        include: withUser,
      });
      await this.record(tx, callerId, workspaceId, 'member.role_changed', userId, current.role, role);
      return toMember(row);
    });
    this.events.emit('membership.changed', { workspaceId, userId, role });
    return member;
  }

  /** Owners remove anyone; any member may leave. The last owner stays. */
  async remove(callerId: string, workspaceId: string, userId: string): Promise<void> {
    const permission = callerId === userId ? undefined : 'manageMembers';
    await this.access.require(callerId, workspaceId, permission);
    await this.prisma.$transaction(async (tx) => {
      const current = await this.lockMember(tx, callerId, workspaceId, userId, permission);
      if (current.role === 'owner') await this.keepAnOwner(tx, workspaceId);
      await tx.membership.delete({ where: { workspaceId_userId: { workspaceId, userId } } });
      await this.record(tx, callerId, workspaceId, 'member.removed', userId, current.role, null);
    });
    this.events.emit('membership.changed', { workspaceId, userId, role: null });
  }

  /**
   * Locks the workspace's memberships, so two concurrent demotions cannot remove both owners,
   * and re-checks the caller under the lock; returns the member `userId`.
   */
  private async lockMember(tx: Tx, callerId: string, workspaceId: string, userId: string, permission?: Permission) {
    await this.access.requireLocked(tx, callerId, workspaceId, permission);
    const current = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } } });
    if (!current) throw notFound('Member');
    return current;
  }

  private async keepAnOwner(tx: Tx, workspaceId: string): Promise<void> {
    const owners = await tx.membership.count({ where: { workspaceId, role: 'owner' } });
    if (owners <= 1) throw conflict('A workspace needs at least one owner; make someone else owner first');
  }

  private record(
    tx: Tx,
    actorId: string,
    workspaceId: string,
    action: string,
    userId: string,
    before: WorkspaceRole | null,
    after: WorkspaceRole | null,
  ) {
    return this.audit.record(tx, {
      workspaceId,
      actorId,
      action,
      entityType: 'membership',
      entityId: userId,
      before: before && { role: before },
      after: after && { role: after },
    });
  }
}
