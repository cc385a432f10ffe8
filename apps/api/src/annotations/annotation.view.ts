import type { Annotation } from '@corroborate/contracts';
import type { Annotation as AnnotationRow } from '../generated/prisma/client';

export type AnnotationWithAuthor = AnnotationRow & { author: { id: string; displayName: string } };

export const withAuthor = { author: { select: { id: true, displayName: true } } } as const;

export function toAnnotation(a: AnnotationWithAuthor): Annotation {
  return {
    id: a.id,
    articleId: a.articleId,
    revisionId: a.revisionId,
    motivation: a.motivation,
    body: a.body,
    tags: a.tags,
    target: {
      source: a.revisionId,
      selector: [
        { type: 'TextQuoteSelector', exact: a.exact, prefix: a.prefix, suffix: a.suffix },
        { type: 'TextPositionSelector', start: a.start, end: a.end },
      ],
    },
    replyTo: a.replyToId,
    author: a.author,
    resolved: a.resolvedAt !== null,
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
    resolvedBy: a.resolvedById,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
