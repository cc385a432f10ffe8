import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../infra/database/prisma.service';
import { WorkerPool } from '../infra/workers/worker-pool';
import type { Anchor } from './anchoring';
import { type AnchorOutcome, type BudgetState, MatchBudget, type Reanchored, reanchorTask } from './reanchor';
import { RevisionTexts } from './revision-texts';

export interface AnchorReport {
  kind: 'annotation';
  id: string;
  outcome: AnchorOutcome;
  score?: number;
  selector?: [
    { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string },
    { type: 'TextPositionSelector'; start: number; end: number },
  ];
}

/** New anchors worked out for a revision's text before its transaction, per annotation version. */
export interface PreparedAnchors {
  text: string;
  /** The request field the text came from, named if matching runs out of time. */
  field: string;
  budget: BudgetState;
  /** By annotation id: the version the anchor was worked out from, and the result. */
  results: Map<string, { version: number; result: Reanchored }>;
}

type AnchorRow = Anchor & { id: string; revisionId: string };

/**
 * Matching inside a revision's transaction (annotations changed since it was prepared) may
 * wait this long for a worker, and search this long (and a second more), so the transaction
 * stays within its 5 s.
 */
const IN_TRANSACTION_WAIT_MS = 1_000;
const IN_TRANSACTION_SECONDS = 2;

const roots = (articleId: string) => ({ articleId, replyToId: null, deletedAt: null });
const anchorFields = { id: true, version: true, revisionId: true, exact: true, prefix: true, suffix: true, start: true, end: true } as const;

/** Moves an article's annotations onto a new revision of its text. */
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
    const rows = await this.prisma.annotation.findMany({ where: roots(articleId), select: anchorFields });
    const { results, budget } = await this.match(rows, text, new MatchBudget().state(), field);
    const prepared: PreparedAnchors = { text, field, budget, results: new Map() };
    for (const row of rows) prepared.results.set(row.id, { version: row.version, result: results.get(row.id)! });
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
    const current = await tx.annotation.findMany({ where: roots(articleId), orderBy: { start: 'asc' }, select: { id: true, version: true } });
    const results = new Map<string, Reanchored>();
    const ready = prepared?.text === revision.text ? prepared.results : new Map<string, { version: number; result: Reanchored }>();
    for (const { id, version } of current) {
      const result = ready.get(id);
      if (result?.version === version) results.set(id, result.result);
    }
    const stale = current.filter(({ id }) => !results.has(id)).map(({ id }) => id);
    if (stale.length) {
      const rows = await tx.annotation.findMany({ where: { id: { in: stale } }, select: anchorFields });
      const budget = prepared?.budget ?? new MatchBudget().state();
      // The transaction waits on this: a worker must take it soon (else 503), and it must end soon (else 413), never past the transaction's timeout.
      const inTransaction = { ...budget, seconds: Math.min(budget.seconds, IN_TRANSACTION_SECONDS) };
      const limits = { maxWaitMs: IN_TRANSACTION_WAIT_MS, timeLimitMs: (IN_TRANSACTION_SECONDS + 1) * 1_000 };
      const matched = await this.match(rows, revision.text, inTransaction, prepared?.field ?? 'text', limits);
      for (const [id, result] of matched.results) results.set(id, result);
    }

    const reports: AnchorReport[] = [];
    const moved: { id: string; anchor: Anchor }[] = [];
    for (const { id } of current) {
      const result = results.get(id)!;
      const report: AnchorReport = { kind: 'annotation', id, outcome: result.outcome };
      if (result.score !== undefined) report.score = result.score;
      if (result.anchor) {
        const { exact, prefix, suffix, start, end } = result.anchor;
        report.selector = [
          { type: 'TextQuoteSelector', exact, prefix, suffix },
          { type: 'TextPositionSelector', start, end },
        ];
        moved.push({ id, anchor: result.anchor });
      }
      reports.push(report);
    }
    if (moved.length) {
      // One statement for all; a thread's replies share its anchor.
      const column = <K extends keyof Anchor>(key: K) => moved.map((m) => m.anchor[key]);
      await tx.$executeRaw`
        UPDATE annotations a
        SET revision_id = ${revision.id}::uuid, exact = m.exact, prefix = m.prefix, suffix = m.suffix, start = m.start, "end" = m."end",
          version = a.version + 1, updated_at = ${new Date()}
        FROM unnest(${moved.map((m) => m.id)}::uuid[], ${column('exact')}::text[], ${column('prefix')}::text[], ${column('suffix')}::text[],
          ${column('start')}::int[], ${column('end')}::int[]) AS m(id, exact, prefix, suffix, start, "end")
        WHERE a.article_id = ${articleId}::uuid AND (a.id = m.id OR a.reply_to_id = m.id) AND a.deleted_at IS NULL`;
    }
    return reports;
  }

  /**
   * The annotations' anchors in `text`, worked out in order on the worker pool, from `budget`.
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
    const anchors = rows.map(({ id, exact, prefix, suffix, start, end, revisionId }) => ({ id, anchor: { exact, prefix, suffix, start, end }, oldLength: lengths.get(revisionId)! }));
    const out = await this.workers.run(reanchorTask, { text, anchors, budget }, { field, doing: "re-anchoring the article's annotations", ...limits });
    return { results: new Map(out.results), budget: out.budget };
  }
}
