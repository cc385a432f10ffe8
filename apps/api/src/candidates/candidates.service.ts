import { Injectable } from '@nestjs/common';
import type { ClaimCandidate, ClaimCandidatesQuery } from '@corroborate/contracts';
import { RevisionTexts } from '../annotations/revision-texts';
import { Prisma } from '../generated/prisma/client';
import { Batcher, grouped, splitKeys } from '../infra/database/batcher';
import { PrismaService } from '../infra/database/prisma.service';
import { AccessService } from '../workspaces/access.service';
import { CandidateAnalysis } from './candidate-analysis';

interface Span {
  start: number;
  end: number;
}

/** A claim's span covers a sentence when they overlap by half of either. */
export function covers(span: Span, sentence: Span): boolean {
  const overlap = Math.min(span.end, sentence.end) - Math.max(span.start, sentence.start);
  return overlap > 0 && (overlap * 2 >= span.end - span.start || overlap * 2 >= sentence.end - sentence.start);
}

/** Check-worthy sentences of an article's latest text, with what the desk already did about them. */
@Injectable()
export class CandidatesService {
  /**
   * Spans of an article's live claims in its latest revision, by `articleId/revisionId` (as
   * PostgreSQL prints them): the readers opening an article together share one statement.
   */
  private readonly claimSpans = new Batcher<string, Span[]>(async (keys) => {
    const [articleIds, revisionIds] = splitKeys(keys);
    return grouped(
      keys,
      await this.prisma.sql<Span & { batchKey: string }>(Prisma.sql`
        SELECT k.article_id::text || '/' || k.revision_id::text AS "batchKey", s.start, s."end"
        FROM unnest(${articleIds}::uuid[], ${revisionIds}::uuid[]) AS k(article_id, revision_id)
        JOIN claim_spans s ON s.revision_id = k.revision_id
        JOIN claims c ON c.id = s.claim_id AND c.article_id = k.article_id AND c.deleted_at IS NULL`),
    );
  });

  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
    private readonly texts: RevisionTexts,
    private readonly analysis: CandidateAnalysis,
  ) {}

  async list(userId: string, articleId: string, query: ClaimCandidatesQuery): Promise<ClaimCandidate[]> {
    const { workspaceId, revisionId } = await this.access.requireArticle(userId, articleId);
    const scored = await this.analysis.of(revisionId, await this.texts.get(revisionId));
    const [spans, dismissed] = await Promise.all([
      this.claimSpans.get(`${articleId.toLowerCase()}/${revisionId}`).then((spans) => spans ?? []),
      this.dismissedHashes(workspaceId, scored.map((s) => s.hash)),
    ]);
    const include = new Set(query.include ?? []);
    const out: ClaimCandidate[] = [];
    for (const s of scored) {
      const candidate = { ...s, claimed: spans.some((span) => covers(span, s)), dismissed: dismissed.has(s.hash) };
      if ((candidate.claimed && !include.has('claimed')) || (candidate.dismissed && !include.has('dismissed'))) continue;
      out.push(candidate);
      if (out.length >= query.limit) break;
    }
    return out;
  }

  /** Hashes of every sentence the scorer lists for the article's latest text. */
  async hashesOf(revisionId: string): Promise<string[]> {
    return (await this.analysis.of(revisionId, await this.texts.get(revisionId))).map((s) => s.hash);
  }

  private async dismissedHashes(workspaceId: string, hashes: string[]): Promise<Set<string>> {
    if (!hashes.length) return new Set();
    const rows = await this.prisma.sql<{ hash: string }>(
      Prisma.sql`SELECT hash FROM claim_candidate_dismissals WHERE workspace_id = ${workspaceId}::uuid AND hash = ANY(${hashes}::text[])`,
    );
    return new Set(rows.map((r) => r.hash));
  }
}
