import { Inject, Injectable } from '@nestjs/common';
import type { CreateWorkspaceBody, Workspace, WorkspaceRole } from '@corroborate/contracts';
import type { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { AuditService } from '../audit/audit.service';
import { tooMany } from '../auth/login-limiter.service';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config.schema';
import { Prisma } from '../generated/prisma/client';
import { Batcher, grouped } from '../infra/database/batcher';
import { PG_POOL, PrismaService } from '../infra/database/prisma.service';
import { idTaken } from '../infra/errors/app-error';
import { AccessService } from './access.service';

type MemberWorkspace = Workspace & { role: WorkspaceRole };

const toWorkspace = (w: { id: string; name: string; createdAt: Date }, role: WorkspaceRole): MemberWorkspace => ({
  id: w.id,
  name: w.name,
  role,
  createdAt: w.createdAt.toISOString(),
});

@Injectable()
export class WorkspacesService {
  /**
   * Each user's workspaces by user id (as PostgreSQL prints it). Every page load asks (GET
   * /me), so those asked for together are one statement on the pool.
   */
  private readonly byUser = new Batcher<string, { id: string; name: string; createdAt: Date; role: WorkspaceRole }[]>(async (userIds) =>
    grouped(
      userIds,
      await this.prisma.sql<{ batchKey: string; id: string; name: string; createdAt: Date; role: WorkspaceRole }>(Prisma.sql`
        SELECT m.user_id::text AS "batchKey", w.id, w.name, w.created_at AS "createdAt", m.role::text AS role
        FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
        WHERE m.user_id = ANY(${userIds}::uuid[])
        ORDER BY w.name, w.id`),
    ),
  );

  /** Creates per user per hour: a workspace is never deleted, so one account could otherwise make them without end. */
  private readonly creates: RateLimiterPostgres;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(PG_POOL) pool: Pool,
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {
    this.creates = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      keyPrefix: 'workspace_create',
      points: config.WORKSPACE_CREATES_PER_HOUR,
      duration: 3600,
    });
  }

  /** Creates a workspace owned by the caller; a repeated create with the same id is idempotent. */
  async create(userId: string, body: CreateWorkspaceBody): Promise<{ created: boolean; workspace: MemberWorkspace }> {
    if (body.id) {
      const repeated = await this.repeatedCreate(userId, body.id, body.name);
      if (repeated) return repeated;
    }
    await this.creates.consume(userId).catch((error: unknown) => {
      throw error instanceof RateLimiterRes ? tooMany(error, 'new workspaces') : error;
    });
    try {
      const workspace = await this.prisma.$transaction(async (tx) => {
        const created = await tx.workspace.create({
          data: { id: body.id, name: body.name, memberships: { create: { userId, role: 'owner' } } },
        });
        await this.audit.record(tx, {
          workspaceId: created.id,
          actorId: userId,
          action: 'workspace.created',
          entityType: 'workspace',
          entityId: created.id,
          after: { name: created.name },
        });
        return created;
      });
      return { created: true, workspace: toWorkspace(workspace, 'owner') };
    } catch (error) {
      // Nothing was created: the point goes back.
      await this.creates.reward(userId);
      // A concurrent create took the id first (a double submit): answer as to a retry of it.
      if (body.id && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        const repeated = await this.repeatedCreate(userId, body.id, body.name);
        if (repeated) return repeated;
        throw idTaken();
      }
      throw error;
    }
  }

  /**
   * The answer to a create whose id is already taken: the stored workspace if it is this
   * caller's with the same name, otherwise 409; undefined when no workspace has the id.
   */
  private async repeatedCreate(userId: string, id: string, name: string): Promise<{ created: false; workspace: MemberWorkspace } | undefined> {
    const existing = await this.prisma.workspace.findUnique({ where: { id } });
    if (!existing) return undefined;
    const role = await this.access.roleIn(userId, existing.id);
    if (role === 'owner' && existing.name === name) {
      return { created: false, workspace: toWorkspace(existing, role) };
    }
    throw idTaken();
  }

  /** The user's workspaces; only `onlyWorkspaceId` for an API token bound to it. */
  async listFor(userId: string, onlyWorkspaceId?: string | null): Promise<MemberWorkspace[]> {
    const rows = (await this.byUser.get(userId.toLowerCase())) ?? [];
    return rows.filter((w) => !onlyWorkspaceId || w.id === onlyWorkspaceId.toLowerCase()).map((w) => toWorkspace(w, w.role));
  }

  async get(userId: string, workspaceId: string): Promise<MemberWorkspace> {
    const role = await this.access.require(userId, workspaceId);
    const workspace = await this.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
    return toWorkspace(workspace, role);
  }
}
