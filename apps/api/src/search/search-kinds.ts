import type { ClaimStatus, SearchType } from '@corroborate/contracts';
import { Prisma } from '../generated/prisma/client';
import { HEADLINE_ALL, HEADLINE_OPTIONS } from './snippets';

/** Who searches where, and the filters that narrow it. */
export interface SearchScope {
  workspaceId: string;
  /** The caller: kinds that some members may not read (blind verdicts) check it. */
  userId: string;
  articleId?: string;
  authorId?: string;
  statuses?: ClaimStatus[];
  from?: Date;
  to?: Date;
}

/**
 * One kind of thing a search finds. `hits` selects the matching rows of the caller's
 * workspace as `(type, id, rank, created_at)` for `query` (a tsquery expression, written out
 * in each condition so the planner can take it to the GIN index); it returns null when the
 * filters rule the whole kind out (a status filter and sources, say).
 *
 * Everything a member may read is listed here and nothing else. A kind that only some
 * members may read adds its rule to its own `hits` with `scope.userId`: verdict rationales,
 * when they arrive, will leave out blind verdicts the caller may not yet see.
 */
export interface SearchKind {
  type: SearchType;
  hits(scope: SearchScope, query: Prisma.Sql): Prisma.Sql | null;
  /** What a result of this kind shows, for the rows of one page (`ids`), as `DetailRow`s. */
  details(ids: string[], query: Prisma.Sql): Prisma.Sql;
}

/** One result's display fields; `headline` carries the snippet with ts_headline's markers. */
export interface DetailRow {
  id: string;
  articleId: string | null;
  articleTitle: string | null;
  claimId: string | null;
  title: string;
  headline: string | null;
  passageStart: number | null;
  passageEnd: number | null;
  authorId: string | null;
  authorName: string | null;
  status: string | null;
  createdAt: Date;
  /** For articles: the latest revision, whose text the snippet is cut from. */
  revisionId: string | null;
}

/** The latest revision of article `a`. */
const LATEST = Prisma.sql`(SELECT r.id FROM article_revisions r WHERE r.article_id = a.id ORDER BY r.number DESC LIMIT 1)`;
/** The claim `c`'s first span in that revision, as (start, end). */
const FIRST_SPAN = Prisma.sql`LEFT JOIN LATERAL (
    SELECT sp.start, sp."end" FROM claim_spans sp WHERE sp.claim_id = c.id AND sp.revision_id = ${LATEST} ORDER BY sp.ordinal LIMIT 1
  ) span ON true`;

const and = (parts: (Prisma.Sql | null | false | undefined)[]) => {
  const present = parts.filter((p): p is Prisma.Sql => !!p);
  return present.length ? Prisma.sql` AND ${Prisma.join(present, ' AND ')}` : Prisma.empty;
};

/** Filters common to most kinds, on the given columns. */
function filters(scope: SearchScope, cols: { article?: Prisma.Sql; author?: Prisma.Sql; created: Prisma.Sql; status?: Prisma.Sql }) {
  return and([
    scope.articleId !== undefined && cols.article && Prisma.sql`${cols.article} = ${scope.articleId}::uuid`,
    scope.authorId !== undefined && cols.author && Prisma.sql`${cols.author} = ${scope.authorId}::uuid`,
    scope.statuses !== undefined && cols.status && Prisma.sql`${cols.status}::text = ANY(${scope.statuses}::text[])`,
    scope.from && Prisma.sql`${cols.created} >= ${scope.from}`,
    scope.to && Prisma.sql`${cols.created} < ${scope.to}`,
  ]);
}

/** A kind without some column cannot satisfy a filter on it. */
const unfiltered = (scope: SearchScope, has: { article?: boolean; author?: boolean; status?: boolean }) =>
  (scope.articleId !== undefined && !has.article) || (scope.authorId !== undefined && !has.author) || (scope.statuses !== undefined && !has.status);

export const SEARCH_KINDS: SearchKind[] = [
  {
    type: 'article',
    // The title (weight A) and the latest revision's text (weight B).
    hits: (scope, query) =>
      unfiltered(scope, { article: true, author: true })
        ? null
        : Prisma.sql`
        SELECT 'article' AS type, a.id, (ts_rank(a.search, ${query}) + coalesce(ts_rank(r.search, ${query}), 0))::float8 AS rank, a.created_at
        FROM articles a
        -- Revisions whose text matches come from the GIN index; only an article's latest counts.
        LEFT JOIN article_revisions r ON r.article_id = a.id AND r.search @@ ${query}
          AND r.number = (SELECT max(x.number) FROM article_revisions x WHERE x.article_id = a.id)
        WHERE a.workspace_id = ${scope.workspaceId}::uuid AND (a.search @@ ${query} OR r.id IS NOT NULL)
        ${filters(scope, { article: Prisma.sql`a.id`, author: Prisma.sql`a.created_by_id`, created: Prisma.sql`a.created_at` })}`,
    // The body's snippet is cut from a window of the text (see SearchService), not here.
    details: (ids) => Prisma.sql`
        SELECT a.id, a.id AS "articleId", a.title AS "articleTitle", NULL::uuid AS "claimId", a.title, NULL AS headline,
          NULL::int AS "passageStart", NULL::int AS "passageEnd", u.id AS "authorId", u.display_name AS "authorName",
          NULL AS status, a.created_at AS "createdAt", ${LATEST} AS "revisionId"
        FROM articles a JOIN users u ON u.id = a.created_by_id
        WHERE a.id = ANY(${ids}::uuid[])`,
  },
  {
    type: 'annotation',
    // Threads and their replies: body, tags and the quoted passage. Open and resolved are a thread's statuses.
    hits: (scope, query) => {
      const statuses = scope.statuses?.filter((s) => s === 'open' || s === 'resolved');
      if (unfiltered(scope, { article: true, author: true, status: true }) || statuses?.length === 0) return null;
      const status = statuses && statuses.length === 1 && Prisma.sql`n.resolved_at IS ${statuses[0] === 'open' ? Prisma.sql`NULL` : Prisma.sql`NOT NULL`}`;
      return Prisma.sql`
        SELECT 'annotation' AS type, n.id, ts_rank(n.search, ${query})::float8 AS rank, n.created_at
        FROM annotations n JOIN articles a ON a.id = n.article_id
        WHERE a.workspace_id = ${scope.workspaceId}::uuid AND n.deleted_at IS NULL AND n.search @@ ${query}
        ${filters({ ...scope, statuses: undefined }, { article: Prisma.sql`n.article_id`, author: Prisma.sql`n.author_id`, created: Prisma.sql`n.created_at` })}
        ${and([status])}`;
    },
    details: (ids, query) => Prisma.sql`
        SELECT n.id, n.article_id AS "articleId", a.title AS "articleTitle", NULL::uuid AS "claimId", n.exact AS title,
          ts_headline('english', concat_ws(' · ', nullif(n.body, ''), nullif(cb_join(n.tags), ''), n.exact), ${query}, ${HEADLINE_OPTIONS}) AS headline,
          CASE WHEN n.revision_id = ${LATEST} THEN n.start END AS "passageStart", CASE WHEN n.revision_id = ${LATEST} THEN n."end" END AS "passageEnd",
          u.id AS "authorId", u.display_name AS "authorName", CASE WHEN n.resolved_at IS NULL THEN 'open' ELSE 'resolved' END AS status,
          n.created_at AS "createdAt", NULL::uuid AS "revisionId"
        FROM annotations n JOIN articles a ON a.id = n.article_id JOIN users u ON u.id = n.author_id
        WHERE n.id = ANY(${ids}::uuid[])`,
  },
  {
    type: 'claim',
    hits: (scope, query) => Prisma.sql`
        SELECT 'claim' AS type, c.id, ts_rank(c.search, ${query})::float8 AS rank, c.created_at
        FROM claims c
        WHERE c.workspace_id = ${scope.workspaceId}::uuid AND c.deleted_at IS NULL AND c.search @@ ${query}
        ${filters(scope, { article: Prisma.sql`c.article_id`, author: Prisma.sql`c.created_by_id`, created: Prisma.sql`c.created_at`, status: Prisma.sql`c.status` })}`,
    details: (ids, query) => Prisma.sql`
        SELECT c.id, c.article_id AS "articleId", a.title AS "articleTitle", c.id AS "claimId", c.statement AS title,
          ts_headline('english', concat_ws(' · ', c.statement, nullif(c.claimant, ''), nullif(cb_join(c.tags), '')), ${query}, ${HEADLINE_ALL}) AS headline,
          span.start AS "passageStart", span."end" AS "passageEnd", u.id AS "authorId", u.display_name AS "authorName",
          c.status::text AS status, c.created_at AS "createdAt", NULL::uuid AS "revisionId"
        FROM claims c JOIN articles a ON a.id = c.article_id JOIN users u ON u.id = c.created_by_id ${FIRST_SPAN}
        WHERE c.id = ANY(${ids}::uuid[])`,
  },
  {
    type: 'claim-comment',
    // A comment's status is its claim's.
    hits: (scope, query) => Prisma.sql`
        SELECT 'claim-comment' AS type, m.id, ts_rank(m.search, ${query})::float8 AS rank, m.created_at
        FROM claim_comments m JOIN claims c ON c.id = m.claim_id
        WHERE c.workspace_id = ${scope.workspaceId}::uuid AND m.deleted_at IS NULL AND c.deleted_at IS NULL AND m.search @@ ${query}
        ${filters(scope, { article: Prisma.sql`c.article_id`, author: Prisma.sql`m.author_id`, created: Prisma.sql`m.created_at`, status: Prisma.sql`c.status` })}`,
    details: (ids, query) => Prisma.sql`
        SELECT m.id, c.article_id AS "articleId", a.title AS "articleTitle", c.id AS "claimId", c.statement AS title,
          ts_headline('english', m.body, ${query}, ${HEADLINE_OPTIONS}) AS headline,
          span.start AS "passageStart", span."end" AS "passageEnd", u.id AS "authorId", u.display_name AS "authorName",
          c.status::text AS status, m.created_at AS "createdAt", NULL::uuid AS "revisionId"
        FROM claim_comments m JOIN claims c ON c.id = m.claim_id JOIN articles a ON a.id = c.article_id JOIN users u ON u.id = m.author_id
        ${FIRST_SPAN}
        WHERE m.id = ANY(${ids}::uuid[])`,
  },
  {
    type: 'evidence',
    hits: (scope, query) => Prisma.sql`
        SELECT 'evidence' AS type, e.id, ts_rank(e.search, ${query})::float8 AS rank, e.created_at
        FROM evidence e JOIN claims c ON c.id = e.claim_id
        WHERE c.workspace_id = ${scope.workspaceId}::uuid AND e.deleted_at IS NULL AND c.deleted_at IS NULL AND e.search @@ ${query}
        ${filters(scope, { article: Prisma.sql`c.article_id`, author: Prisma.sql`e.created_by_id`, created: Prisma.sql`e.created_at`, status: Prisma.sql`c.status` })}`,
    details: (ids, query) => Prisma.sql`
        SELECT e.id, c.article_id AS "articleId", a.title AS "articleTitle", c.id AS "claimId",
          coalesce(nullif(e.title, ''), nullif(e.publisher, ''), e.url, left(coalesce(e.excerpt, e.note, ''), 120)) AS title,
          ts_headline('english', concat_ws(' · ', e.title, e.excerpt, e.note, e.reliability_note, e.publisher, e.url), ${query}, ${HEADLINE_OPTIONS}) AS headline,
          span.start AS "passageStart", span."end" AS "passageEnd", u.id AS "authorId", u.display_name AS "authorName",
          c.status::text AS status, e.created_at AS "createdAt", NULL::uuid AS "revisionId"
        FROM evidence e JOIN claims c ON c.id = e.claim_id JOIN articles a ON a.id = c.article_id JOIN users u ON u.id = e.created_by_id
        ${FIRST_SPAN}
        WHERE e.id = ANY(${ids}::uuid[])`,
  },
  {
    type: 'source',
    // A source belongs to the workspace, not to an article or an author.
    hits: (scope, query) =>
      unfiltered(scope, {})
        ? null
        : Prisma.sql`
        SELECT 'source' AS type, s.id, ts_rank(s.search, ${query})::float8 AS rank, s.created_at
        FROM sources s
        WHERE s.workspace_id = ${scope.workspaceId}::uuid AND s.search @@ ${query}
        ${filters(scope, { created: Prisma.sql`s.created_at` })}`,
    details: (ids, query) => Prisma.sql`
        SELECT s.id, NULL::uuid AS "articleId", NULL AS "articleTitle", NULL::uuid AS "claimId", s.outlet AS title,
          ts_headline('english', concat_ws(' · ', s.outlet, s.publisher, s.url), ${query}, ${HEADLINE_ALL}) AS headline,
          NULL::int AS "passageStart", NULL::int AS "passageEnd", NULL::uuid AS "authorId", NULL AS "authorName",
          NULL AS status, s.created_at AS "createdAt", NULL::uuid AS "revisionId"
        FROM sources s
        WHERE s.id = ANY(${ids}::uuid[])`,
  },
];
