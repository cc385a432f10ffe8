import { Prisma } from '../generated/prisma/client';
import { runSql, type Db, type Tx } from '../infra/database/prisma.service';
import type { SqlTx } from '../infra/database/sql-transaction';
import type { ClaimRow } from './claim.view';

/** Another claim, as a duplicate or an original shows it (`claimRefSelect`). */
const ref = (alias: string) => `json_build_object('id', ${alias}.id, 'articleId', ${alias}.article_id, 'statement', ${alias}.statement, 'status', ${alias}.status,
  'rating', ${alias}.rating, 'deletedAt', ${alias}.deleted_at, 'article', json_build_object('title', (SELECT title FROM articles WHERE id = ${alias}.article_id)))`;

const person = (alias: string) => `json_build_object('id', ${alias}.id, 'displayName', ${alias}.display_name)`;

/** One claim as `ClaimRow` has it (plus its article's title), built by PostgreSQL as JSON. */
const CLAIM_JSON = Prisma.raw(`json_build_object(
  'id', c.id, 'articleId', c.article_id, 'workspaceId', c.workspace_id, 'statement', c.statement, 'claimant', c.claimant, 'tags', c.tags,
  'priority', c.priority, 'dueAt', c.due_at, 'status', c.status, 'statusReason', c.status_reason, 'rating', c.rating, 'resolvedAt', c.resolved_at,
  'reviewRound', c.review_round, 'pendingRating', c.pending_rating, 'createdById', c.created_by_id, 'version', c.version,
  'createdAt', c.created_at, 'updatedAt', c.updated_at, 'deletedAt', c.deleted_at,
  'spans', coalesce((SELECT json_agg(json_build_object('id', s.id, 'revisionId', s.revision_id, 'exact', s.exact, 'prefix', s.prefix, 'suffix', s.suffix,
      'start', s.start, 'end', s."end") ORDER BY s.ordinal) FROM claim_spans s WHERE s.claim_id = c.id), '[]'),
  'assignees', coalesce((SELECT json_agg(json_build_object('user', ${person('u')}) ORDER BY a.assigned_at)
      FROM claim_assignees a JOIN users u ON u.id = a.user_id WHERE a.claim_id = c.id), '[]'),
  'createdBy', (SELECT ${person('u')} FROM users u WHERE u.id = c.created_by_id),
  'evidence', coalesce((SELECT json_agg(json_build_object('id', e.id) ORDER BY e.position) FROM evidence e WHERE e.claim_id = c.id AND e.deleted_at IS NULL), '[]'),
  'comments', coalesce((SELECT json_agg(json_build_object('id', m.id) ORDER BY m.created_at) FROM claim_comments m WHERE m.claim_id = c.id AND m.deleted_at IS NULL), '[]'),
  'verdicts', coalesce((SELECT json_agg(json_build_object('id', v.id, 'round', v.round, 'reviewerId', v.reviewer_id, 'supersedesId', v.supersedes_id) ORDER BY v.created_at)
      FROM verdicts v WHERE v.claim_id = c.id), '[]'),
  'article', (SELECT json_build_object('title', ar.title, 'workspace', json_build_object('requiredVerdicts', w.required_verdicts))
      FROM articles ar JOIN workspaces w ON w.id = ar.workspace_id WHERE ar.id = c.article_id),
  'duplicateOf', (SELECT json_build_object('original', ${ref('o')}) FROM claim_duplicates d JOIN claims o ON o.id = d.original_id WHERE d.claim_id = c.id),
  'duplicates', coalesce((SELECT json_agg(json_build_object('claim', ${ref('dc')}) ORDER BY d.linked_at)
      FROM claim_duplicates d JOIN claims dc ON dc.id = d.claim_id WHERE d.original_id = c.id), '[]')
)`);

export type ListedClaimRow = ClaimRow & { article: { title: string } };

type Json = Omit<ListedClaimRow, 'dueAt' | 'resolvedAt' | 'createdAt' | 'updatedAt' | 'deletedAt'> & {
  dueAt: string | null;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};

const date = (v: string | null) => (v === null ? null : new Date(v));

const revive = (c: Json): ListedClaimRow => ({
  ...c,
  dueAt: date(c.dueAt),
  resolvedAt: date(c.resolvedAt),
  createdAt: new Date(c.createdAt),
  updatedAt: new Date(c.updatedAt),
  deletedAt: date(c.deletedAt),
});

/** Each article's latest revision id, which claims' spans are read against. */
export async function latestRevisions(db: Db, articleIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(articleIds)];
  if (!unique.length) return new Map();
  const rows = await runSql<{ articleId: string; id: string }>(
    db,
    Prisma.sql`SELECT DISTINCT ON (article_id) article_id AS "articleId", id FROM article_revisions
      WHERE article_id = ANY(${unique}::uuid[]) ORDER BY article_id, number DESC`,
  );
  return new Map(rows.map((r) => [r.articleId, r.id]));
}

/**
 * Claims with everything their view needs, in one statement whose answer PostgreSQL builds as
 * JSON, through the pool or inside a transaction. The verification benchmark's claims list
 * (500 claims) took ten queries through Prisma's nested includes and most of its time mapping
 * their rows in JavaScript; a change to one claim read it twice that way (before and after).
 */
export async function claimRows(db: Db, where: { articleId: string } | { ids: string[] }): Promise<ListedClaimRow[]> {
  const query =
    'articleId' in where
      ? Prisma.sql`
          SELECT coalesce(json_agg(${CLAIM_JSON} ORDER BY c.position ASC NULLS LAST, c.created_at), '[]') AS claims
          FROM claims c WHERE c.article_id = ${where.articleId}::uuid AND c.deleted_at IS NULL`
      : Prisma.sql`
          SELECT coalesce(json_agg(${CLAIM_JSON} ORDER BY array_position(${where.ids}::uuid[], c.id)), '[]') AS claims
          FROM claims c WHERE c.id = ANY(${where.ids}::uuid[])`;
  const [row] = await runSql<{ claims: Json[] }>(db, query);
  return (row?.claims ?? []).map(revive);
}

/**
 * One claim (deleted or not) as `claimRows` reads it, or null. A statement of its own, by one
 * id: PostgreSQL settles on one plan for it after a few runs, where the list's form (an array
 * of ids) was planned afresh every time (0.8 ms, before every claim change).
 */
export async function claimRow(db: Db, id: string): Promise<ListedClaimRow | null> {
  const [row] = await runSql<{ claim: Json }>(db, Prisma.sql`SELECT ${CLAIM_JSON} AS claim FROM claims c WHERE c.id = ${id}::uuid`);
  return row ? revive(row.claim) : null;
}

/**
 * Updates one claim (`sets`: the SET list over `claims c`) and answers it as `claimRows` reads
 * it, in the same statement. Changes to its other rows (assignees) must come before.
 */
export async function updateClaimRow(tx: Tx | SqlTx, id: string, sets: Prisma.Sql[]): Promise<ListedClaimRow> {
  const [row] = await runSql<{ claim: Json }>(tx, Prisma.sql`
    UPDATE claims c SET ${Prisma.join(sets)}, version = c.version + 1, updated_at = now()
    WHERE c.id = ${id}::uuid
    RETURNING ${CLAIM_JSON} AS claim`);
  if (!row) throw new Error(`claim ${id} vanished inside its own transaction`);
  return revive(row.claim);
}
