import { Injectable } from '@nestjs/common';
import type { ClaimStatus, SimilarClaim } from '@corroborate/contracts';
import { ClaimAccessService } from '../claims/claim-access.service';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infra/database/prisma.service';
import { AccessService } from '../workspaces/access.service';

/** Below this a claim is not similar enough to list. */
export const MIN_SIMILARITY = 0.3;

interface Row {
  id: string;
  articleId: string;
  articleTitle: string;
  statement: string;
  status: ClaimStatus;
  rating: string | null;
  score: number;
  linked: 'duplicate' | 'original' | null;
}

/**
 * Claims that say the same thing, across every article of the workspace, so a desk reuses a
 * verdict instead of redoing the work. Two measures, each over a GIN index: trigram similarity
 * of the normalised statements (catches the same words in another order or spelling), and
 * the share of the statement's stemmed words the claim also has (catches rewording:
 * "dropped 42%" and "fell by 42 percent"). The score is their mean.
 */
@Injectable()
export class SimilarClaimsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
    private readonly claimAccess: ClaimAccessService,
  ) {}

  /** Claims like a statement being typed. */
  async forStatement(userId: string, workspaceId: string, statement: string, limit: number, exclude?: string): Promise<SimilarClaim[]> {
    await this.access.require(userId, workspaceId);
    return this.search(workspaceId, statement, limit, exclude ?? null, null);
  }

  /** Claims like this one, marked when already linked to it as duplicate or original. */
  async forClaim(userId: string, claimId: string, limit: number): Promise<SimilarClaim[]> {
    const { claim } = await this.claimAccess.require(userId, claimId);
    return this.search(claim.workspaceId, claim.statement, limit, claimId, claimId);
  }

  private async search(workspaceId: string, statement: string, limit: number, exclude: string | null, linkedTo: string | null): Promise<SimilarClaim[]> {
    const rows = await this.prisma.$queryRaw<Row[]>(Prisma.sql`
      WITH q AS (
        SELECT cb_normalise_statement(${statement}) AS norm,
          tsvector_to_array(to_tsvector('english', ${statement})) AS lexemes,
          -- Any of the statement's words (plainto_tsquery joins them with &).
          replace(plainto_tsquery('english', ${statement})::text, ' & ', ' | ')::tsquery AS words
      ),
      scored AS (
        SELECT c.id, c.article_id, c.statement, c.status, c.rating,
          similarity(c.statement_norm, q.norm) AS trigram,
          (SELECT count(*) FROM unnest(tsvector_to_array(to_tsvector('english', c.statement))) l WHERE l = ANY(q.lexemes))::float8
            / greatest(cardinality(q.lexemes), 1) AS shared
        FROM claims c, q
        WHERE c.workspace_id = ${workspaceId}::uuid AND c.deleted_at IS NULL AND c.id IS DISTINCT FROM ${exclude}::uuid
          AND (c.statement_norm % q.norm OR c.search @@ q.words)
      )
      SELECT s.id, s.article_id AS "articleId", a.title AS "articleTitle", s.statement, s.status::text AS status, s.rating,
        round(((s.trigram + s.shared) / 2)::numeric, 3)::float8 AS score,
        CASE WHEN d.original_id = ${linkedTo}::uuid THEN 'duplicate' WHEN o.claim_id = ${linkedTo}::uuid THEN 'original' END AS linked
      FROM scored s
      JOIN articles a ON a.id = s.article_id
      LEFT JOIN claim_duplicates d ON d.claim_id = s.id
      LEFT JOIN claim_duplicates o ON o.original_id = s.id AND o.claim_id = ${linkedTo}::uuid
      WHERE (s.trigram + s.shared) / 2 >= ${MIN_SIMILARITY}
      ORDER BY score DESC, s.id
      LIMIT ${limit}`);
    return rows;
  }
}
