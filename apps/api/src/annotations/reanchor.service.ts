import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../infra/database/prisma.service';
import { WorkerPool } from '../infra/workers/worker-pool';
import type { Anchor } from './anchoring';
import { type AnchorOutcome, type BudgetState, MatchBudget, type Reanchored, reanchorTask } from './reanchor';
import { RevisionTexts } from './revision-texts';

export interface AnchorReport {
  kind: 'annotation' | 'claim';
  /** The annotation, or the claim whose span this is. */
  id: string;
  /** A claim's span. */
  spanId?: string;
  outcome: AnchorOutcome;
  score?: number;
  selector?: [
    { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string },
    { type: 'TextPositionSelector'; start: number; end: number },
  ];
}

/** New anchors worked out for a revision's text before its transaction, per anchored thing and version. */
export interface PreparedAnchors {
  text: string;
  /** The request field the text came from, named if matching runs out of time. */
  field: string;
  budget: BudgetState;
  /** By key (see `Anchored`): the version the anchor was worked out from, and the result. */
  results: Map<string, { version: number; result: Reanchored }>;
}

/**
 * Something anchored in the article: an annotation (a thread's root; replies share it) or one
 * span of a claim, whose version is its claim's.
 */
interface Anchored {
  key: string;
  kind: 'annotation' | 'claim';
  id: string;
  spanId?: string;
  version: number;
  start: number;
}
type AnchorRow = Anchor & { key: string; revisionId: string };

/**
 * Matching inside a revision's transaction (annotations changed since it was prepared) may
 * wait this long for a worker, and search this long (and a second more), so the transaction
 * stays within its 5 s.
 */
const IN_TRANSACTION_WAIT_MS = 1_000;
const IN_TRANSACTION_SECONDS = 2;

const roots = (articleId: string) => ({ articleId, replyToId: null, deletedAt: null });
const liveSpans = (articleId: string) => ({ claim: { articleId, deletedAt: null } });
const anchorFields = { id: true, revisionId: true, exact: true, prefix: true, suffix: true, start: true, end: true } as const;
const spanKey = (spanId: string) => `span:${spanId}`;

/** The article's anchored things and their versions, annotations first, each in text order. */
async function anchoredIn(db: PrismaService | Tx, articleId: string): Promise<Anchored[]> {
  const [annotations, spans] = [
    await db.annotation.findMany({ where: roots(articleId), orderBy: { start: 'asc' }, select: { id: true, version: true, start: true } }),
    await db.claimSpan.findMany({ where: liveSpans(articleId), orderBy: { start: 'asc' }, select: { id: true, start: true, claim: { select: { id: true, version: true } } } }),
  ];
  return [
    ...annotations.map((a) => ({ key: a.id, kind: 'annotation' as const, id: a.id, version: a.version, start: a.start })),
    ...spans.map((s) => ({ key: spanKey(s.id), kind: 'claim' as const, id: s.claim.id, spanId: s.id, version: s.claim.version, start: s.start })),
  ];
}

/** The anchors themselves, for the keys given. */
async function anchorRows(db: PrismaService | Tx, articleId: string, keys?: string[]): Promise<AnchorRow[]> {
  const annotationIds = keys?.filter((k) => !k.startsWith('span:'));
  const spanIds = keys?.filter((k) => k.startsWith('span:')).map((k) => k.slice(5));
  const [annotations, spans] = [
    annotationIds?.length === 0 ? [] : await db.annotation.findMany({ where: { ...roots(articleId), ...(annotationIds ? { id: { in: annotationIds } } : {}) }, select: anchorFields }),
    spanIds?.length === 0 ? [] : await db.claimSpan.findMany({ where: { ...liveSpans(articleId), ...(spanIds ? { id: { in: spanIds } } : {}) }, select: anchorFields }),
  ];
  return [...annotations.map(({ id, ...a }) => ({ key: id, ...a })), ...spans.map(({ id, ...s }) => ({ key: spanKey(id), ...s }))];
}

/** Moves an article's annotations and claim spans onto a new revision of its text. */
@Injectable()
export class ReanchorService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly texts: RevisionTexts,
    private readonly workers: WorkerPool,
  ) {}

  /**
   * Works out where the article's annotations go in `text`, outside any transaction: the
   * matching can take a while on a large article, and a transaction must stay short.
   */
  async prepare(articleId: string, text: string, field = 'text'): Promise<PreparedAnchors> {
    const [anchored, rows] = [await anchoredIn(this.prisma, articleId), await anchorRows(this.prisma, articleId)];
    const { results, budget } = await this.match(rows, text, new MatchBudget().state(), field);
    const prepared: PreparedAnchors = { text, field, budget, results: new Map() };
    for (const a of anchored) {
      const result = results.get(a.key);
      if (result) prepared.results.set(a.key, { version: a.version, result });
    }
    return prepared;
  }

  /**
   * Moves the annotations onto `revision`, inside the revision's transaction. Every write to an
   * annotation also bumps its article's event counter, whose row this transaction has locked,
   * so the annotations read here stay as they are until it commits. Results prepared for an
   * annotation's current version are used as they are; one created or changed since they were
   * prepared (its version differs) is matched again here, from what the budget has left: there
   * are few, if any, and never more work than the budget allows, so no one has to retry.
   */
  async moveToRevision(tx: Tx, articleId: string, revision: { id: string; text: string }, prepared?: PreparedAnchors): Promise<AnchorReport[]> {
    const current = await anchoredIn(tx, articleId);
    const results = new Map<string, Reanchored>();
    const ready = prepared?.text === revision.text ? prepared.results : new Map<string, { version: number; result: Reanchored }>();
    for (const { key, version } of current) {
      const result = ready.get(key);
      if (result?.version === version) results.set(key, result.result);
    }
    const stale = current.filter(({ key }) => !results.has(key)).map(({ key }) => key);
    if (stale.length) {
      const rows = await anchorRows(tx, articleId, stale);
      const budget = prepared?.budget ?? new MatchBudget().state();
      // The transaction waits on this: a worker must take it soon (else 503), and it must end soon (else 413), never past the transaction's timeout.
      const inTransaction = { ...budget, seconds: Math.min(budget.seconds, IN_TRANSACTION_SECONDS) };
      const limits = { maxWaitMs: IN_TRANSACTION_WAIT_MS, timeLimitMs: (IN_TRANSACTION_SECONDS + 1) * 1_000 };
      const matched = await this.match(rows, revision.text, inTransaction, prepared?.field ?? 'text', limits);
      for (const [key, result] of matched.results) results.set(key, result);
    }

    const reports: AnchorReport[] = [];
    const moved: { key: string; anchor: Anchor }[] = [];
    for (const { key, kind, id, spanId } of current) {
      const result = results.get(key)!;
      const report: AnchorReport = { kind, id, ...(spanId ? { spanId } : {}), outcome: result.outcome };
      if (result.score !== undefined) report.score = result.score;
      if (result.anchor) {
        const { exact, prefix, suffix, start, end } = result.anchor;
        report.selector = [
          { type: 'TextQuoteSelector', exact, prefix, suffix },
          { type: 'TextPositionSelector', start, end },
        ];
        moved.push({ key, anchor: result.anchor });
      }
      reports.push(report);
    }
    const now = new Date();
    const movedAnnotations = moved.filter((m) => !m.key.startsWith('span:'));
    const movedSpans = moved.filter((m) => m.key.startsWith('span:')).map((m) => ({ ...m, key: m.key.slice(5) }));
    const column = <K extends keyof Anchor>(list: typeof moved, key: K) => list.map((m) => m.anchor[key]);
    if (movedAnnotations.length) {
      // One statement for all; a thread's replies share its anchor.
      const list = movedAnnotations;
      await tx.$executeRaw`
        UPDATE annotations a
        SET revision_id = ${revision.id}::uuid, exact = m.exact, prefix = m.prefix, suffix = m.suffix, start = m.start, "end" = m."end",
          version = a.version + 1, updated_at = ${now}
        FROM unnest(${list.map((m) => m.key)}::uuid[], ${column(list, 'exact')}::text[], ${column(list, 'prefix')}::text[], ${column(list, 'suffix')}::text[],
          ${column(list, 'start')}::int[], ${column(list, 'end')}::int[]) AS m(id, exact, prefix, suffix, start, "end")
        WHERE a.article_id = ${articleId}::uuid AND (a.id = m.id OR a.reply_to_id = m.id) AND a.deleted_at IS NULL`;
    }
    if (movedSpans.length) {
      const list = movedSpans;
      await tx.$executeRaw`
        UPDATE claim_spans s
        SET revision_id = ${revision.id}::uuid, exact = m.exact, prefix = m.prefix, suffix = m.suffix, start = m.start, "end" = m."end"
        FROM unnest(${list.map((m) => m.key)}::uuid[], ${column(list, 'exact')}::text[], ${column(list, 'prefix')}::text[], ${column(list, 'suffix')}::text[],
          ${column(list, 'start')}::int[], ${column(list, 'end')}::int[]) AS m(id, exact, prefix, suffix, start, "end")
        WHERE s.id = m.id`;
    }
    // Every claim with a span moves to the new revision's view (a span found again, or orphaned): its version says so.
    const claimIds = [...new Set(current.filter((a) => a.kind === 'claim').map((a) => a.id))];
    if (claimIds.length) {
      await tx.$executeRaw`
        UPDATE claims c SET version = c.version + 1, updated_at = ${now},
          position = COALESCE((SELECT min(s.start) FROM claim_spans s WHERE s.claim_id = c.id AND s.revision_id = ${revision.id}::uuid), c.position)
        WHERE c.id = ANY(${claimIds}::uuid[])`;
    }
    return reports;
  }

  /**
   * The anchors' places in `text`, worked out in order on the worker pool, from `budget`.
   * The lengths of the texts they were anchored in come from the revision cache. The budget's
   * time bounds the matching; the task's time limit (by default that plus the pool's) only stops
   * a single search that overruns it by that much.
   */
  private async match(
    rows: AnchorRow[],
    text: string,
    budget: BudgetState,
    field: string,
    limits: { maxWaitMs?: number; timeLimitMs: number } = { timeLimitMs: budget.seconds * 1_000 + this.workers.timeLimitMs },
  ): Promise<{ results: Map<string, Reanchored>; budget: BudgetState }> {
    if (!rows.length) return { results: new Map(), budget };
    const lengths = new Map<string, number>();
    for (const { revisionId } of rows) if (!lengths.has(revisionId)) lengths.set(revisionId, (await this.texts.get(revisionId)).length);
    const anchors = rows.map(({ key, exact, prefix, suffix, start, end, revisionId }) => ({ id: key, anchor: { exact, prefix, suffix, start, end }, oldLength: lengths.get(revisionId)! }));
    const out = await this.workers.run(reanchorTask, { text, anchors, budget }, { field, doing: "re-anchoring the article's annotations and claims", ...limits });
    return { results: new Map(out.results), budget: out.budget };
  }
}
