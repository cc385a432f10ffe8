import type { Annotation } from '@corroborate/contracts';
import { Prisma, type Annotation as AnnotationRow } from '../generated/prisma/client';

export type AnnotationWithAuthor = AnnotationRow & { author: { id: string; displayName: string } };

export const withAuthor = { author: { select: { id: true, displayName: true } } } as const;

/** What an annotation's view is made of. */
export type AnnotationViewRow = Pick<
  AnnotationWithAuthor,
  'id' | 'articleId' | 'revisionId' | 'motivation' | 'body' | 'tags' | 'exact' | 'prefix' | 'suffix' | 'start' | 'end' | 'replyToId' | 'author' | 'resolvedAt' | 'resolvedById' | 'version' | 'createdAt' | 'updatedAt' | 'editedAt'
>;

/**
 * The article's annotations with their authors as `toAnnotation` reads them, for the pg pool:
 * the reader's longest list, read in one statement without the ORM's per-row mapping.
 * (PostgreSQL building the JSON itself took longer: its date formatting alone cost more.)
 */
export const articleAnnotationsSql = (articleId: string) => Prisma.sql`
  SELECT a.id, a.article_id AS "articleId", a.revision_id AS "revisionId", a.motivation, a.body, a.tags, a.exact, a.prefix, a.suffix,
    a.start, a."end", a.reply_to_id AS "replyToId", a.resolved_at AS "resolvedAt", a.resolved_by_id AS "resolvedById", a.version,
    a.created_at AS "createdAt", a.updated_at AS "updatedAt", a.edited_at AS "editedAt", u.id AS "authorId", u.display_name AS "authorName"
  FROM annotations a JOIN users u ON u.id = a.author_id
  WHERE a.article_id = ${articleId}::uuid AND a.deleted_at IS NULL
  ORDER BY a.start, a.created_at`;

export type ArticleAnnotationRow = Omit<AnnotationViewRow, 'author'> & { authorId: string; authorName: string };

export function toAnnotation(a: AnnotationViewRow): Annotation {
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
    editedAt: a.editedAt?.toISOString() ?? null,
  };
}

