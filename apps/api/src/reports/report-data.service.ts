import { Inject, Injectable } from '@nestjs/common';
import { seesVerdicts, type PublishReportBody, type WorkspaceRole } from '@corroborate/contracts';
import { Prisma } from '../generated/prisma/client';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config.schema';
import { PrismaService } from '../infra/database/prisma.service';
import { ScaleService } from '../review/scale.service';
import { AccessService } from '../workspaces/access.service';
import type { ReportInput } from './report-shape';

/** A timestamp as the contracts carry it (ISO 8601 in UTC, milliseconds), made by PostgreSQL. */
const iso = (column: string) => Prisma.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** Where a claim lives in a report: published ones by number, the live one by article. */
export interface ReportPlace {
  /** The published snapshot's number, or null for the live report. */
  snapshot: number | null;
  /** Whose eyes: the caller's, or anyone's (a published snapshot: undecided claims show no verdicts). */
  perspective?: 'caller' | 'public';
}

/**
 * Reads what one article's report is made from, as one caller may see it. The claims and their
 * history come as JSON text that PostgreSQL writes, one row each, and are parsed and shaped on
 * the worker pool (`shapeReport`): a full article's are tens of megabytes.
 */
@Injectable()
export class ReportDataService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
    private readonly scales: ScaleService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async gather(userId: string, articleId: string, options: PublishReportBody, place: ReportPlace = { snapshot: null }): Promise<ReportInput> {
    const access = await this.access.requireArticle(userId, articleId);
    const { workspaceId } = access;
    const role: WorkspaceRole = place.perspective === 'public' ? 'viewer' : access.role;
    const viewer = place.perspective === 'public' ? null : userId;
    const [article, workspace, scale] = await Promise.all([
      this.prisma.article.findUniqueOrThrow({ where: { id: articleId }, include: { revisions: { orderBy: { number: 'desc' }, take: 1 } } }),
      this.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { name: true, organisationName: true, organisationUrl: true } }),
      this.scales.scale(workspaceId),
    ]);
    const revision = article.revisions[0]!;
    const inReport = Prisma.sql`c.article_id = ${articleId}::uuid AND c.deleted_at IS NULL AND (${options.includeUnresolved} OR c.status = 'resolved')`;
    const claims = await this.claimRows(inReport);
    const claimIds = claims.map((c) => c.id);
    return {
      options,
      role,
      viewer,
      links: { base: this.config.PUBLIC_URL, articleId, snapshot: place.snapshot },
      generatedAt: new Date().toISOString(),
      publisher: { workspace: workspace.name, organisationName: workspace.organisationName, organisationUrl: workspace.organisationUrl },
      article: {
        id: article.id,
        title: article.title,
        sourceUrl: article.sourceUrl,
        author: article.author,
        publishedAt: article.publishedAt?.toISOString() ?? null,
        revision: { id: revision.id, number: revision.number, sha256: revision.sha256, createdAt: revision.createdAt.toISOString() },
      },
      text: revision.text,
      scale,
      claims: claims.map((c) => c.json),
      audit: options.includeAudit ? await this.audit(workspaceId, claimIds, role, viewer) : null,
    };
  }

  /**
   * The report's claims with their spans, evidence, verdicts and decisions, in article order, as
   * JSON text: PostgreSQL writes it (Prisma's nested includes took about 100 ms of the API's CPU
   * for the benchmark's 500 claims), and text is neither parsed nor copied value by value here.
   */
  private claimRows(inReport: Prisma.Sql): Promise<{ id: string; json: string }[]> {
    return this.prisma.sql<{ id: string; json: string }>(Prisma.sql`
      SELECT c.id, json_build_object(
        'id', c.id, 'statement', c.statement, 'claimant', c.claimant, 'tags', c.tags, 'priority', c.priority, 'status', c.status,
        'rating', c.rating, 'reviewRound', c.review_round, 'resolvedAt', ${iso('c.resolved_at')}, 'createdAt', ${iso('c.created_at')},
        'spans', coalesce((SELECT json_agg(json_build_object('exact', s.exact, 'start', s.start, 'end', s."end", 'revisionId', s.revision_id) ORDER BY s.ordinal)
          FROM claim_spans s WHERE s.claim_id = c.id), '[]'),
        'evidence', coalesce((SELECT json_agg(json_build_object(
            'id', e.id, 'kind', e.kind, 'url', e.url, 'title', e.title, 'publisher', e.publisher, 'publishedAt', e.published_at,
            'excerpt', e.excerpt, 'note', e.note, 'stance', e.stance, 'reliability', e.reliability, 'reliabilityNote', e.reliability_note,
            'createdBy', json_build_object('id', u.id, 'displayName', u.display_name)) ORDER BY e.position)
          FROM evidence e JOIN users u ON u.id = e.created_by_id WHERE e.claim_id = c.id AND e.deleted_at IS NULL), '[]'),
        'verdicts', coalesce((SELECT json_agg(json_build_object(
            'id', v.id, 'reviewerId', v.reviewer_id, 'round', v.round, 'rating', v.rating, 'rationale', v.rationale, 'evidenceIds', v.evidence_ids,
            'supersedesId', v.supersedes_id, 'supersedeReason', v.supersede_reason, 'createdAt', ${iso('v.created_at')},
            'reviewer', json_build_object('id', u.id, 'displayName', u.display_name)) ORDER BY v.created_at, v.id)
          FROM verdicts v JOIN users u ON u.id = v.reviewer_id WHERE v.claim_id = c.id), '[]'),
        'decisions', coalesce((SELECT json_agg(json_build_object(
            'kind', d.kind, 'round', d.round, 'rating', d.rating, 'rationale', d.rationale, 'createdAt', ${iso('d.created_at')},
            'actor', CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'displayName', u.display_name) END) ORDER BY d.created_at, d.id)
          FROM claim_decisions d LEFT JOIN users u ON u.id = d.actor_id WHERE d.claim_id = c.id), '[]')
      )::text AS json
      FROM claims c
      WHERE ${inReport}
      ORDER BY c.position ASC NULLS LAST, c.created_at, c.id`);
  }

  /**
   * The history of the report's claims (as read) and their evidence, as JSON text, oldest first,
   * with whose ratings the caller sees.
   */
  private async audit(workspaceId: string, claimIds: string[], role: WorkspaceRole, viewer: string | null): Promise<ReportInput['audit']> {
    const rows = await this.prisma.sql<{ entry: string }>(Prisma.sql`
      SELECT json_build_object('at', ${iso('a.at')}, 'actorName', u.display_name, 'action', a.action, 'entityType', a.entity_type,
        'entityId', a.entity_id, 'before', a.before, 'after', a.after)::text AS entry
      FROM audit_entries a LEFT JOIN users u ON u.id = a.actor_id
      WHERE a.workspace_id = ${workspaceId}::uuid AND (
        (a.entity_type = 'claim' AND a.entity_id = ANY(${claimIds}::text[]))
        OR (a.entity_type = 'evidence' AND a.entity_id IN (SELECT e.id::text FROM evidence e WHERE e.claim_id = ANY(${claimIds}::uuid[]))))
      ORDER BY a.id`);
    // Who sees ratings, read after the entries rather than taken from the claims read before
    // them: entries are only ever added, so a round reopened and reviewed meanwhile is told blind.
    const states = await this.prisma.sql<{ id: string; status: string; hasSubmitted: boolean }>(Prisma.sql`
      SELECT c.id, c.status::text AS status,
        EXISTS (SELECT 1 FROM verdicts v WHERE v.claim_id = c.id AND v.round = c.review_round AND v.reviewer_id = ${viewer}::uuid) AS "hasSubmitted"
      FROM claims c WHERE c.id = ANY(${claimIds}::uuid[])`);
    return {
      entries: rows.map((r) => r.entry),
      sees: Object.fromEntries(states.map((c) => [c.id, seesVerdicts({ role, status: c.status, hasSubmitted: c.hasSubmitted })])),
    };
  }
}
