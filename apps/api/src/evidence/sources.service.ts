import { Injectable } from '@nestjs/common';
import type { Reliability, Source, Stance } from '@corroborate/contracts';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infra/database/prisma.service';
import { AccessService } from '../workspaces/access.service';

type Row = {
  id: string;
  key: string;
  outlet: string;
  url: string | null;
  publisher: string | null;
  createdAt: Date;
  citations: number;
  supports: number;
  refutes: number;
  context: number;
  unclear: number;
  lastReliability: Reliability | null;
  lastCitedAt: Date | null;
};

/** The workspace's sources with how the desk has cited them: most cited first. */
@Injectable()
export class SourcesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
  ) {}

  async list(userId: string, workspaceId: string): Promise<Source[]> {
    await this.access.require(userId, workspaceId);
    // Only evidence still on a live claim counts.
    const rows = await this.prisma.$queryRaw<Row[]>(Prisma.sql`
      WITH cited AS (
        SELECT e.source_id, e.stance, e.reliability, e.updated_at
        FROM evidence e JOIN claims c ON c.id = e.claim_id
        WHERE c.workspace_id = ${workspaceId}::uuid AND e.deleted_at IS NULL AND c.deleted_at IS NULL AND e.source_id IS NOT NULL
      )
      SELECT s.id, s.key, s.outlet, s.url, s.publisher, s.created_at AS "createdAt",
        count(c.source_id)::int AS citations,
        count(*) FILTER (WHERE c.stance = 'supports')::int AS supports,
        count(*) FILTER (WHERE c.stance = 'refutes')::int AS refutes,
        count(*) FILTER (WHERE c.stance = 'context')::int AS context,
        count(*) FILTER (WHERE c.stance = 'unclear')::int AS unclear,
        (array_agg(c.reliability::text ORDER BY c.updated_at DESC) FILTER (WHERE c.reliability <> 'unknown'))[1] AS "lastReliability",
        max(c.updated_at) AS "lastCitedAt"
      FROM sources s LEFT JOIN cited c ON c.source_id = s.id
      WHERE s.workspace_id = ${workspaceId}::uuid
      GROUP BY s.id
      HAVING count(c.source_id) > 0
      ORDER BY citations DESC, s.outlet, s.key`);
    return rows.map((r) => ({
      id: r.id,
      key: r.key,
      outlet: r.outlet,
      url: r.url,
      publisher: r.publisher,
      citations: r.citations,
      stances: { supports: r.supports, refutes: r.refutes, context: r.context, unclear: r.unclear } satisfies Record<Stance, number>,
      lastReliability: r.lastReliability,
      lastCitedAt: r.lastCitedAt?.toISOString() ?? null,
      firstSeenAt: r.createdAt.toISOString(),
    }));
  }
}
