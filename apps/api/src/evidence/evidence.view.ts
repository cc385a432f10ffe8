import type { Evidence } from '@corroborate/contracts';
import type { Prisma } from '../generated/prisma/client';

export const evidenceInclude = {
  createdBy: { select: { id: true, displayName: true } },
  claim: { select: { articleId: true } },
} as const satisfies Prisma.EvidenceInclude;

export type EvidenceRow = Prisma.EvidenceGetPayload<{ include: typeof evidenceInclude }>;

export function toEvidence(e: EvidenceRow): Evidence {
  return {
    id: e.id,
    claimId: e.claimId,
    articleId: e.claim.articleId,
    kind: e.kind,
    url: e.url,
    title: e.title,
    publisher: e.publisher,
    publishedAt: e.publishedAt,
    excerpt: e.excerpt,
    stance: e.stance,
    reliability: e.reliability,
    reliabilityNote: e.reliabilityNote,
    note: e.note,
    sourceId: e.sourceId,
    position: e.position,
    createdBy: e.createdBy,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
