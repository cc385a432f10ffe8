import { Injectable } from '@nestjs/common';
import type { ClaimCandidate, ClaimCandidatesQuery } from '@corroborate/contracts';
import { RevisionTexts } from '../annotations/revision-texts';
import { Prisma } from '../generated/prisma/client';
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
      this.claimSpans(articleId, revisionId),
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

  /** Spans of the article's live claims in its latest revision. */
  private claimSpans(articleId: string, revisionId: string): Promise<Span[]> {
    return this.prisma.sql<Span>(Prisma.sql`
      SELECT s.start, s."end" FROM claim_spans s JOIN claims c ON c.id = s.claim_id
      WHERE s.revision_id = ${revisionId}::uuid AND c.article_id = ${articleId}::uuid AND c.deleted_at IS NULL`);
  }

  private async dismissedHashes(workspaceId: string, hashes: string[]): Promise<Set<string>> {
    if (!hashes.length) return new Set();
    const rows = await this.prisma.sql<{ hash: string }>(
      Prisma.sql`SELECT hash FROM claim_candidate_dismissals WHERE workspace_id = ${workspaceId}::uuid AND hash = ANY(${hashes}::text[])`,
    );
    return new Set(rows.map((r) => r.hash));
  }
}
