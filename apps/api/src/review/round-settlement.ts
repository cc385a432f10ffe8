import { randomUUID } from 'node:crypto';
import type { Claim, Person, ReviewSettings } from '@corroborate/contracts';
import type { Append } from '../article-events/article-events.service';
import { updateClaimRow, type ListedClaimRow } from '../claims/claim-rows';
import { currentVerdicts, type ClaimRow } from '../claims/claim.view';
import { Prisma } from '../generated/prisma/client';
import { runSql, type Tx } from '../infra/database/prisma.service';
import type { SqlTx } from '../infra/database/sql-transaction';
import { quoteOf, type Addressed, type NotificationDraft, type NotificationsService } from '../notifications/notifications.service';
import { decideRound } from './round';

/** What decides a round: how many verdicts, and whether agreement waits for an editor. */
export type RoundRule = Pick<ReviewSettings, 'requiredVerdicts' | 'requireConfirmation'>;

/**
 * The workspace's rule, read inside the article's transaction, after its lock: a change of the
 * verdicts needed locks every article of the workspace (ScaleService.updateSettings), so it
 * either committed before and counts here, or waits for this write and then sees its verdicts.
 */
export async function roundRule(tx: Tx | SqlTx, workspaceId: string): Promise<RoundRule> {
  const [rule] = await runSql<RoundRule>(tx, Prisma.sql`
    SELECT required_verdicts AS "requiredVerdicts", require_confirmation AS "requireConfirmation" FROM workspaces WHERE id = ${workspaceId}::uuid`);
  if (!rule) throw new Error(`workspace ${workspaceId} vanished inside a claim's transaction`);
  return rule;
}

/**
 * Decides the claim's current round from its current verdicts, as a verdict does: agreement
 * resolves it (recording the consensus) or waits for an editor's confirmation, difference
 * disputes it. Answers the claim as it now is, or null, having written nothing, while the
 * round still waits for verdicts. Runs inside the article's transaction.
 */
export async function settleRound(tx: Tx | SqlTx, claim: ClaimRow, rule: RoundRule): Promise<ListedClaimRow | null> {
  const round = claim.reviewRound;
  const verdicts = await runSql<{ id: string; round: number; supersedesId: string | null; rating: string }>(tx, Prisma.sql`
    SELECT id, round, supersedes_id AS "supersedesId", rating FROM verdicts WHERE claim_id = ${claim.id}::uuid AND round = ${round}`);
  const outcome = decideRound(currentVerdicts(verdicts, round).map((v) => v.rating), rule.requiredVerdicts, rule.requireConfirmation);
  switch (outcome.kind) {
    case 'waiting':
      return null;
    case 'awaiting-confirmation':
      return updateClaimRow(tx, claim.id, [Prisma.sql`status = 'in_review', pending_rating = ${outcome.rating}`]);
    case 'disputed':
      return updateClaimRow(tx, claim.id, [
        Prisma.sql`status = 'disputed', pending_rating = NULL`,
        ...(claim.status !== 'disputed' ? [Prisma.sql`status_changed_at = now()`] : []),
      ]);
    case 'resolved': {
      const row = await updateClaimRow(tx, claim.id, [
        Prisma.sql`status = 'resolved', rating = ${outcome.rating}, resolved_at = now(), pending_rating = NULL, status_changed_at = now()`,
      ]);
      await runSql(tx, Prisma.sql`INSERT INTO claim_decisions (id, claim_id, round, kind, rating)
        VALUES (${randomUUID()}::uuid, ${claim.id}::uuid, ${round}, 'consensus', ${outcome.rating}) RETURNING id`);
      return row;
    }
  }
}

/**
 * Tells of a claim its round changed: the claim's event and, when its status moved, the audit
 * entry of a change nobody made (the history's "The verdicts agreed") and the notifications.
 * Answers the notifications to announce after commit.
 */
export async function tellRound(tx: Tx | SqlTx, append: Append, notifications: NotificationsService, before: Claim, view: Claim): Promise<Addressed[]> {
  const decided = view.status !== before.status;
  await append(
    'claim.updated',
    view,
    decided ? { workspaceId: view.workspaceId, actorId: null, action: 'claim.updated', entityType: 'claim', entityId: view.id, before, after: view } : undefined,
  );
  return decided ? notifications.record(tx, await decidedNotes(tx, view)) : [];
}

/** Assignees hear that their claim was decided; editors and owners, that one needs adjudication. */
export async function decidedNotes(tx: Tx | SqlTx, view: Claim, actor: Person | null = null): Promise<NotificationDraft[]> {
  const to = new Set(view.assignees.map((a) => a.id));
  if (view.status === 'disputed') {
    const deciders = await runSql<{ userId: string }>(tx, Prisma.sql`
      SELECT user_id AS "userId" FROM memberships WHERE workspace_id = ${view.workspaceId}::uuid AND role IN ('owner', 'editor')`);
    for (const d of deciders) to.add(d.userId);
  }
  const what = view.status === 'disputed' ? 'is disputed: the verdicts differ' : `was resolved: ${view.rating}`;
  return [...to].map((userId) => ({
    userId,
    kind: 'claim.status' as const,
    workspaceId: view.workspaceId,
    articleId: view.articleId,
    claimId: view.id,
    actor,
    text: `${quoteOf(view.statement)} ${what}`,
  }));
}
