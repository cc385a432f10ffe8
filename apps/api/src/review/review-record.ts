import { seesVerdicts, type Decision, type Verdict, type WorkspaceRole } from '@corroborate/contracts';
import type { Prisma } from '../generated/prisma/client';
import type { PrismaService, Tx } from '../infra/database/prisma.service';

const person = { select: { id: true, displayName: true } } as const;
export const verdictInclude = { reviewer: person } as const satisfies Prisma.VerdictInclude;
type VerdictRow = Prisma.VerdictGetPayload<{ include: typeof verdictInclude }>;
type DecisionRow = Prisma.ClaimDecisionGetPayload<{ include: { actor: typeof person } }>;

export function toVerdict(v: VerdictRow, replaced: ReadonlySet<string>): Verdict {
  return {
    id: v.id,
    claimId: v.claimId,
    round: v.round,
    reviewer: v.reviewer,
    rating: v.rating,
    rationale: v.rationale,
    evidenceIds: v.evidenceIds,
    supersedes: v.supersedesId,
    supersedeReason: v.supersedeReason,
    superseded: replaced.has(v.id),
    createdAt: v.createdAt.toISOString(),
  };
}

const toDecision = (d: DecisionRow): Decision => ({
  id: d.id,
  claimId: d.claimId,
  round: d.round,
  kind: d.kind as Decision['kind'],
  actor: d.actor,
  rating: d.rating,
  rationale: d.rationale,
  createdAt: d.createdAt.toISOString(),
});

export interface ReviewRecord {
  verdicts: Verdict[];
  decisions: Decision[];
  /** The caller may not see the verdicts yet. */
  verdictsHidden: boolean;
}

/**
 * A claim's verdicts and decisions as one caller may see them. Blind review: a member who has
 * not given a verdict in the claim's current round, and is not an editor or owner, sees only
 * their own verdicts and the decisions that carry no rating (a reopening), until the claim is
 * decided.
 *
 * The claim's round and status are read after the record: verdicts and decisions are only ever
 * added, so the rule then holds for all that was read. Read before, a round reopened and given
 * a verdict between the reads would have its verdict shown by the decided round's rule.
 */
export async function reviewRecord(db: PrismaService | Tx, claimId: string, caller: { userId: string; role: WorkspaceRole }): Promise<ReviewRecord> {
  const [verdicts, decisions] = [
    await db.verdict.findMany({ where: { claimId }, include: verdictInclude, orderBy: { createdAt: 'asc' } }),
    await db.claimDecision.findMany({ where: { claimId }, include: { actor: person }, orderBy: { createdAt: 'asc' } }),
  ];
  const claim = await db.claim.findUniqueOrThrow({ where: { id: claimId }, select: { reviewRound: true, status: true } });
  const replaced = new Set(verdicts.flatMap((v) => (v.supersedesId ? [v.supersedesId] : [])));
  const hasSubmitted = verdicts.some((v) => v.reviewerId === caller.userId && v.round === claim.reviewRound);
  const sees = seesVerdicts({ role: caller.role, hasSubmitted, status: claim.status });
  return {
    verdicts: verdicts.filter((v) => sees || v.reviewerId === caller.userId).map((v) => toVerdict(v, replaced)),
    decisions: decisions.filter((d) => sees || d.rating === null).map(toDecision),
    verdictsHidden: !sees,
  };
}
