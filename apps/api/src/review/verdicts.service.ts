import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  can,
  CLAIM_STATUS_LABEL,
  type AdjudicationBody,
  type Claim,
  type ClaimListItem,
  type ConfirmationBody,
  type CreateVerdictBody,
  type Person,
  type Verdict,
  type VerdictNotice,
  type WorkspaceRole,
} from '@corroborate/contracts';
import { ArticleEventsService } from '../article-events/article-events.service';
import { AuditService } from '../audit/audit.service';
import { ClaimAccessService, type ClaimAccess } from '../claims/claim-access.service';
import { ClaimQueriesService } from '../claims/claim-queries.service';
import { claimRow, updateClaimRow } from '../claims/claim-rows';
import { currentVerdicts, toClaim, type ClaimRow } from '../claims/claim.view';
import { Prisma } from '../generated/prisma/client';
import { PrismaService, type Tx } from '../infra/database/prisma.service';
import { AppError, conflict, forbidden, invalid, notFound } from '../infra/errors/app-error';
import { NotificationsService } from '../notifications/notifications.service';
import { AccessService } from '../workspaces/access.service';
import { reviewRecord, toVerdict, verdictInclude } from './review-record';
import { decidedNotes, roundRule, settleRound, tellRound } from './round-settlement';
import { holdScale, requireOnScale } from './scale.service';

function mayReview(role: WorkspaceRole, isAssignee: boolean): void {
  if (!can.review(role)) throw forbidden(`Your role (${role}) cannot give verdicts; reviewers, editors and owners can`);
  if (isAssignee) throw forbidden('You are assigned to this claim; its verdicts come from reviewers who did not work on it');
}

function mayDecide(role: WorkspaceRole): void {
  if (!can.decide(role)) throw forbidden(`Your role (${role}) cannot decide reviews; editors and owners can`);
}

/**
 * Blind double review. Verdicts are independent (nobody sees the others' before giving theirs),
 * never edited (a reviewer supersedes their own), and decide the round once enough are in:
 * agreement resolves the claim (or waits for an editor's confirmation), difference disputes it
 * and an editor adjudicates. Every decision checks the claim's version.
 */
@Injectable()
export class VerdictsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
    private readonly claimAccess: ClaimAccessService,
    private readonly claimQueries: ClaimQueriesService,
    private readonly events: ArticleEventsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  /** The claim's verdicts as the caller may see them. */
  async list(userId: string, claimId: string): Promise<Verdict[]> {
    const access = await this.claimAccess.require(userId, claimId);
    return (await reviewRecord(this.prisma, claimId, { userId, role: access.role })).verdicts;
  }

  async create(actor: Person, claimId: string, body: CreateVerdictBody): Promise<{ created: boolean; verdict: Verdict }> {
    if (body.reason !== undefined && !body.supersedes) throw invalid('reason', 'is given only with `supersedes`, to replace one of your verdicts');
    const access = await this.claimAccess.require(actor.id, claimId);
    mayReview(access.role, access.isAssignee);
    const stored = body.id ? await this.repeated(this.prisma, actor.id, claimId, body) : null;
    if (stored) return { created: false, verdict: stored };
    const outcome = await this.events.write(access.claim.articleId, actor.id, async (tx, append) => {
      // The same create sent again while the first was under way waited for it here: it finds it now.
      const repeat = body.id ? await this.repeated(tx, actor.id, claimId, body) : null;
      if (repeat) return { created: false, verdict: repeat, notes: [] };
      const claim = await this.fresh(tx, claimId);
      // Checked again under the article's lock: a removal, a demotion or an assignment committed
      // while this request waited for it holds.
      mayReview(await this.roleNow(tx, actor.id, access.workspaceId), claim.assignees.some((a) => a.user.id === actor.id));
      requireOnScale(await holdScale(tx, access.workspaceId, 'shared'), body.rating);
      const rule = await roundRule(tx, access.workspaceId);
      const round = claim.reviewRound;
      const verdicts = await tx.verdict.findMany({ where: { claimId, round }, select: { id: true, round: true, reviewerId: true, supersedesId: true, rating: true } });
      const current = currentVerdicts(verdicts, round);
      const mine = current.find((v) => v.reviewerId === actor.id);
      if (body.supersedes) {
        if (!mine || mine.id !== body.supersedes) throw invalid('supersedes', 'is not your current verdict on this claim');
        if (claim.status !== 'in_review' && claim.status !== 'disputed') throw this.notReviewable(claim, access);
      } else {
        if (mine) throw conflict('You already gave a verdict on this claim; supersede it with a reason to change it');
        if (claim.status !== 'in_review') throw this.notReviewable(claim, access);
        if (current.length >= rule.requiredVerdicts) throw conflict('This claim has all the verdicts it needs', toClaim(claim, access.revisionId));
      }
      await this.requireEvidenceOf(tx, claimId, body.evidenceIds);

      const id = body.id ?? randomUUID();
      const row = await tx.verdict.create({
        data: { id, claimId, reviewerId: actor.id, round, rating: body.rating, rationale: body.rationale, evidenceIds: body.evidenceIds, supersedesId: body.supersedes ?? null, supersedeReason: body.reason ?? null },
        include: verdictInclude,
      });
      const verdict = toVerdict(row, new Set());
      await this.audit.record(tx, { workspaceId: access.workspaceId, actorId: actor.id, action: 'verdict.created', entityType: 'claim', entityId: claimId, after: verdict });

      const before = toClaim(claim, access.revisionId);
      // A verdict that decides nothing still changes the claim's count, so its version moves.
      const settled = (await settleRound(tx, claim, rule)) ?? (await updateClaimRow(tx, claimId, [Prisma.sql`status = c.status`]));
      const view = toClaim(settled, access.revisionId);
      // The room learns that a verdict is in and who gave it, never what it says.
      const notice: VerdictNotice = { id, claimId, round, reviewerId: actor.id, submitted: view.review.submitted };
      await append('verdict.created', notice);
      return { created: true, verdict, notes: await tellRound(tx, append, this.notifications, before, view) };
    });
    this.notifications.announce(outcome.notes);
    return { created: outcome.created, verdict: outcome.verdict };
  }

  /** An editor settles a disputed claim with a final rating and a rationale. */
  async adjudicate(actor: Person, claimId: string, body: AdjudicationBody): Promise<Claim> {
    const access = await this.deciding(actor.id, claimId);
    return this.decide(actor, access, body.version, async (tx, claim) => {
      if (claim.status !== 'disputed') throw this.notIn(claim, access, 'disputed', 'adjudicated');
      requireOnScale(await holdScale(tx, access.workspaceId, 'shared'), body.rating);
      return { kind: 'adjudication', rating: body.rating, rationale: body.rationale };
    });
  }

  /** An editor confirms agreeing verdicts, when the workspace asks for confirmation. */
  async confirm(actor: Person, claimId: string, body: ConfirmationBody): Promise<Claim> {
    const access = await this.deciding(actor.id, claimId);
    return this.decide(actor, access, body.version, async (tx, claim) => {
      if (claim.status !== 'in_review' || !claim.pendingRating) throw this.notIn(claim, access, 'awaiting confirmation', 'confirmed');
      // Confirmation is the second pair of eyes a desk asked for: not one of the round's reviewers,
      // superseded or not. (A dispute, by contrast, any editor may settle, so a desk is never stuck.)
      if (claim.verdicts.some((v) => v.round === claim.reviewRound && v.reviewerId === actor.id)) {
        throw forbidden('You gave one of the agreeing verdicts; an editor or owner who did not confirms them');
      }
      return { kind: 'confirmation', rating: claim.pendingRating, rationale: body.rationale ?? null };
    });
  }

  /** Claims awaiting the caller's verdict: in review, not theirs to work on, without their verdict yet; longest waiting first. */
  async queue(userId: string, workspaceId: string): Promise<ClaimListItem[]> {
    const role = await this.access.require(userId, workspaceId);
    if (!can.review(role)) return [];
    const claims = await this.claimQueries.list(userId, workspaceId, { status: 'in_review' });
    const waiting = claims.filter((c) => !c.assignees.some((a) => a.id === userId) && !c.review.reviewerIds.includes(userId) && c.review.submitted < c.review.required);
    const since = new Map(
      (await this.prisma.claim.findMany({ where: { id: { in: waiting.map((c) => c.id) } }, select: { id: true, statusChangedAt: true } })).map((c) => [c.id, c.statusChangedAt.getTime()]),
    );
    return waiting.sort((a, b) => since.get(a.id)! - since.get(b.id)!);
  }

  private async deciding(userId: string, claimId: string): Promise<ClaimAccess> {
    const access = await this.claimAccess.require(userId, claimId);
    mayDecide(access.role);
    return access;
  }

  /** The caller's role in the workspace as of now, inside the article's transaction; to a non-member the claim is not there. */
  private async roleNow(tx: Tx, userId: string, workspaceId: string): Promise<WorkspaceRole> {
    const membership = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, select: { role: true } });
    if (!membership) throw notFound('Claim');
    return membership.role;
  }

  /**
   * The verdict an earlier create with this id made, when this one repeats it (the caller's, on
   * this claim, with the same body); null for a new id, 409 for an id in use otherwise.
   */
  private async repeated(db: PrismaService | Tx, userId: string, claimId: string, body: CreateVerdictBody): Promise<Verdict | null> {
    const existing = await db.verdict.findUnique({ where: { id: body.id }, include: verdictInclude });
    if (!existing) return null;
    const same =
      existing.claimId === claimId &&
      existing.reviewerId === userId &&
      existing.rating === body.rating &&
      existing.rationale === body.rationale &&
      existing.evidenceIds.join() === body.evidenceIds.join() &&
      existing.supersedesId === (body.supersedes ?? null) &&
      existing.supersedeReason === (body.reason ?? null);
    if (!same) throw conflict('This id is already in use; give the verdict with a new id');
    const replaced = await db.verdict.count({ where: { supersedesId: existing.id } });
    return toVerdict(existing, new Set(replaced ? [existing.id] : []));
  }

  /** One decision: version checked in the article's transaction (of many at once, one wins), then the claim resolved with it. */
  private async decide(
    actor: Person,
    access: ClaimAccess,
    version: number,
    decision: (tx: Tx, claim: ClaimRow) => Promise<{ kind: 'adjudication' | 'confirmation'; rating: string; rationale: string | null }>,
  ): Promise<Claim> {
    const { view, notes } = await this.events.write(access.claim.articleId, actor.id, async (tx, append) => {
      const claim = await this.fresh(tx, access.claim.id);
      mayDecide(await this.roleNow(tx, actor.id, access.workspaceId));
      const before = toClaim(claim, access.revisionId);
      if (claim.version !== version) throw conflict('The claim changed since you read it', before);
      const { kind, rating, rationale } = await decision(tx, claim);
      const now = new Date();
      await tx.claim.update({
        where: { id: claim.id },
        data: { status: 'resolved', rating, resolvedAt: now, pendingRating: null, statusChangedAt: now, version: { increment: 1 } },
      });
      await tx.claimDecision.create({ data: { claimId: claim.id, round: claim.reviewRound, kind, actorId: actor.id, rating, rationale } });
      const view = toClaim(await this.fresh(tx, claim.id), access.revisionId);
      await this.audit.record(tx, { workspaceId: access.workspaceId, actorId: actor.id, action: `claim.${kind === 'adjudication' ? 'adjudicated' : 'confirmed'}`, entityType: 'claim', entityId: claim.id, before, after: { ...view, rationale } });
      await append('claim.updated', view);
      return { view, notes: await this.notifications.record(tx, await decidedNotes(tx, view, actor)) };
    });
    this.notifications.announce(notes);
    return view;
  }

  private async fresh(tx: Tx, claimId: string): Promise<ClaimRow> {
    const claim = await claimRow(tx, claimId);
    if (!claim || claim.deletedAt) throw notFound('Claim');
    return claim;
  }

  private notReviewable(claim: ClaimRow, access: ClaimAccess): AppError {
    return conflict(`The claim is ${CLAIM_STATUS_LABEL[claim.status]}, not in review; verdicts are given while it is In review`, toClaim(claim, access.revisionId));
  }

  private notIn(claim: ClaimRow, access: ClaimAccess, wanted: string, what: string): AppError {
    return conflict(`Only a claim ${wanted} can be ${what}; this one is ${CLAIM_STATUS_LABEL[claim.status]}`, toClaim(claim, access.revisionId));
  }

  /** Cited evidence must be this claim's. */
  private async requireEvidenceOf(tx: Tx, claimId: string, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const found = new Set((await tx.evidence.findMany({ where: { id: { in: ids }, claimId, deletedAt: null }, select: { id: true } })).map((e) => e.id));
    const details = ids.flatMap((id, i) => (found.has(id) ? [] : [{ path: `evidenceIds.${i}`, message: 'is not evidence on this claim' }]));
    if (details.length) throw new AppError('VALIDATION_FAILED', `Invalid request: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details);
  }
}
