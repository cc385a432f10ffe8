import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  allowedTransitions,
  can,
  CLAIM_STATUS_LABEL,
  MAX_CLAIMS_PER_ARTICLE,
  mayDeleteClaim,
  mayEditClaim,
  nextStatuses,
  type Claim,
  type ClaimDetail,
  type ClaimStatus,
  type CreateClaimBody,
  type Person,
  type ReattachBody,
  type TakeClaimBody,
  type UpdateClaimBody,
} from '@corroborate/contracts';
import { type Anchor } from '../annotations/anchoring';
import { RevisionTexts } from '../annotations/revision-texts';
import { ArticleEventsService } from '../article-events/article-events.service';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infra/database/prisma.service';
import type { SqlTx } from '../infra/database/sql-transaction';
import { AppError, conflict, forbidden, invalid, notFound } from '../infra/errors/app-error';
import { NotificationsService, quoteOf, type Addressed, type NotificationDraft } from '../notifications/notifications.service';
import { reviewRecord } from '../review/review-record';
import { roundRule, settleRound, tellRound } from '../review/round-settlement';
import { AccessService } from '../workspaces/access.service';
import { ClaimAccessService, type ClaimAccess } from './claim-access.service';
import { claimRow, claimRows, updateClaimRow } from './claim-rows';
import { anchorTargets } from './claim-targets';
import { toClaim, type ClaimRow } from './claim.view';

/** The fields of a claim a change may set, besides status and assignees. */
type Fields = Pick<UpdateClaimBody, 'statement' | 'claimant' | 'tags' | 'priority' | 'dueAt'>;

const dueDate = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value));
const firstStart = (anchors: Anchor[]) => (anchors.length ? Math.min(...anchors.map((a) => a.start)) : null);
const shortDate = (iso: string) => new Date(iso).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

@Injectable()
export class ClaimsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
    private readonly claimAccess: ClaimAccessService,
    private readonly events: ArticleEventsService,
    private readonly texts: RevisionTexts,
    private readonly notifications: NotificationsService,
  ) {}

  /** The article's claims in article order (claims without a span last). */
  async list(userId: string, articleId: string): Promise<Claim[]> {
    const { revisionId } = await this.access.requireArticle(userId, articleId);
    const rows = await claimRows(this.prisma, { articleId });
    return rows.map((r) => toClaim(r, revisionId));
  }

  /** One claim with its verdicts and decisions as the caller may see them (blind review). */
  async get(userId: string, claimId: string): Promise<ClaimDetail> {
    const { revisionId, role } = await this.claimAccess.require(userId, claimId);
    const row = await claimRow(this.prisma, claimId);
    if (!row) throw notFound('Claim');
    return { ...toClaim(row, revisionId), ...(await reviewRecord(this.prisma, claimId, { userId, role })) };
  }

  /** Creates a claim, from a selection or without a span; a repeat with the same id and body returns the stored one. */
  async create(actor: Person, articleId: string, body: CreateClaimBody): Promise<{ created: boolean; claim: Claim }> {
    const head = await this.access.requireArticle(actor.id, articleId, 'analyse');
    const assigneeIds = [...new Set(body.assigneeIds ?? [])];
    if ((assigneeIds.length || body.dueAt) && !can.assignClaims(head.role)) {
      throw forbidden(`Your role (${head.role}) cannot assign claims or set due dates`);
    }
    const text = await this.texts.get(head.revisionId);
    const anchors = anchorTargets(text, body);
    if (body.id) {
      const existing = await claimRow(this.prisma, body.id);
      if (existing) return { created: false, claim: this.sameOrConflict(existing, actor.id, articleId, body, anchors, head.revisionId) };
    }
    await this.requireAssignable(head.workspaceId, assigneeIds);

    const { claim, notes } = await this.events.writeSql(articleId, actor.id, async (tx, append) => {
      await this.requireLatest(tx, articleId, head.revisionId);
      const [{ count } = { count: 0 }] = await tx.sql<{ count: number }>(
        Prisma.sql`SELECT count(*)::int AS count FROM claims WHERE article_id = ${articleId}::uuid AND deleted_at IS NULL`,
      );
      if (count >= MAX_CLAIMS_PER_ARTICLE) {
        throw new AppError('VALIDATION_FAILED', `An article holds at most ${MAX_CLAIMS_PER_ARTICLE} claims; this one is full`, [
          { path: 'statement', message: `the article already has ${count} claims` },
        ]);
      }
      const id = body.id ?? randomUUID();
      await tx.sql(Prisma.sql`
        INSERT INTO claims (id, article_id, workspace_id, statement, claimant, tags, priority, due_at, status, position, created_by_id, updated_at)
        VALUES (${id}::uuid, ${articleId}::uuid, ${head.workspaceId}::uuid, ${body.statement}, ${body.claimant || null}, ${body.tags ?? []}::text[],
          ${body.priority ?? 'normal'}::"ClaimPriority", ${dueDate(body.dueAt) ?? null}::timestamptz, ${assigneeIds.length ? 'assigned' : 'open'}::"ClaimStatus",
          ${firstStart(anchors)}::int, ${actor.id}::uuid, now())`);
      if (anchors.length) {
        const column = <K extends keyof Anchor>(key: K) => anchors.map((a) => a[key]);
        await tx.sql(Prisma.sql`
          INSERT INTO claim_spans (id, claim_id, revision_id, exact, prefix, suffix, start, "end", ordinal)
          SELECT gen_random_uuid(), ${id}::uuid, ${head.revisionId}::uuid, s.exact, s.prefix, s.suffix, s.start, s."end", s.ordinal - 1
          FROM unnest(${column('exact')}::text[], ${column('prefix')}::text[], ${column('suffix')}::text[], ${column('start')}::int[], ${column('end')}::int[])
            WITH ORDINALITY AS s(exact, prefix, suffix, start, "end", ordinal)`);
      }
      if (assigneeIds.length) await this.assign(tx, id, assigneeIds, actor.id);
      const view = await this.view(tx, id, head.revisionId);
      await append('claim.created', view, { workspaceId: head.workspaceId, actorId: actor.id, action: 'claim.created', entityType: 'claim', entityId: id, after: view });
      const notes = await this.notifications.record(tx, this.assignedNotes(view, assigneeIds, actor));
      return { claim: view, notes };
    });
    this.notifications.announce(notes);
    return { created: true, claim };
  }

  /** Edits a claim's fields, its assignees and its status, in one change with one version check. */
  async update(actor: Person, claimId: string, body: UpdateClaimBody): Promise<Claim> {
    const access = await this.claimAccess.require(actor.id, claimId, 'analyse');
    const { role, claim } = access;
    const editsContent = ['statement', 'claimant', 'tags', 'priority'].some((k) => body[k as keyof UpdateClaimBody] !== undefined);
    if (editsContent && !this.mayEdit(access, actor.id)) {
      throw forbidden("Only the claim's creator, its assignees, an editor or an owner can edit it");
    }
    if ((body.assigneeIds !== undefined || body.dueAt !== undefined) && !can.assignClaims(role)) {
      throw forbidden(`Your role (${role}) cannot assign claims or set due dates; editors and owners can`);
    }
    // Someone assigned before they left the workspace may stay while others are added.
    if (body.assigneeIds) await this.requireAssignable(claim.workspaceId, body.assigneeIds, claim.assigneeIds);

    return this.change(actor, access, body.version, async (tx, current) => {
      const currentAssignees = current.assignees.map((a) => a.user.id);
      const assignees = body.assigneeIds ? [...new Set(body.assigneeIds)] : currentAssignees;
      let status = current.status;
      if (body.assigneeIds) {
        if (status === 'open' && assignees.length) status = 'assigned';
        else if (status === 'assigned' && !assignees.length) status = 'open';
      }
      let statusReason = current.statusReason;
      const moves = body.status !== undefined && body.status !== status;
      if (moves) {
        this.checkMove(status, body.status!, { role, isAssignee: assignees.includes(actor.id) }, body.reason);
        status = body.status!;
        statusReason = body.reason ?? null;
      }
      const added = assignees.filter((id) => !currentAssignees.includes(id));
      const removed = currentAssignees.filter((id) => !assignees.includes(id));
      // Reopening a decided or a dismissed claim starts a new, blind review round (the old one
      // stays on record): while it was closed, every member could read its verdicts.
      const reopens = moves && (current.status === 'resolved' || current.status === 'dismissed');
      if (!reopens) await this.refuseReviewers(tx, current, added, access.revisionId, body.assigneeIds);
      if (reopens) {
        await tx.sql(Prisma.sql`INSERT INTO claim_decisions (id, claim_id, round, kind, actor_id, rationale)
          VALUES (${randomUUID()}::uuid, ${claimId}::uuid, ${current.reviewRound}, 'reopen', ${actor.id}::uuid, ${body.reason ?? null})`);
      }
      // The assignees first: the update answers the claim as it now is, assignees included.
      if (removed.length) await tx.sql(Prisma.sql`DELETE FROM claim_assignees WHERE claim_id = ${claimId}::uuid AND user_id = ANY(${removed}::uuid[])`);
      if (added.length) await this.assign(tx, claimId, added, actor.id);
      const row = await updateClaimRow(tx, claimId, [
        ...this.fieldSets(body),
        Prisma.sql`status = ${status}::"ClaimStatus"`,
        Prisma.sql`status_reason = ${statusReason}`,
        ...(status !== current.status ? [Prisma.sql`status_changed_at = now()`] : []),
        ...(reopens ? [Prisma.sql`review_round = c.review_round + 1, rating = NULL, resolved_at = NULL, pending_rating = NULL`] : []),
      ]);
      return {
        row,
        reason: body.reason,
        // Back in review with the verdicts its round needs (fewer are needed than when it left):
        // decided now, as the verdict that was refused meanwhile would have.
        settles: moves && status === 'in_review' && !reopens && row.pendingRating === null,
        notes: (view) => [
          ...this.assignedNotes(view, added, actor),
          // An assignment's own move (open → assigned) is told by the assignment.
          ...(moves ? this.statusNotes(view, assignees, actor) : []),
        ],
      };
    });
  }

  /** "Take it": a member who may analyse becomes the assignee of an open, unassigned claim. */
  async take(actor: Person, claimId: string, body: TakeClaimBody): Promise<Claim> {
    const access = await this.claimAccess.require(actor.id, claimId, 'analyse');
    return this.change(actor, access, body.version, async (tx, current) => {
      if (current.status !== 'open' || current.assignees.length) {
        throw conflict('Only an open claim nobody is assigned to can be taken', toClaim(current, access.revisionId));
      }
      await this.refuseReviewers(tx, current, [actor.id], access.revisionId);
      await this.assign(tx, claimId, [actor.id], actor.id);
      return { row: await updateClaimRow(tx, claimId, [Prisma.sql`status = 'assigned', status_changed_at = now()`]) };
    });
  }

  /** Points one span at a new selection of the latest text (re-attaching an orphan). */
  async reattach(actor: Person, claimId: string, spanId: string, body: ReattachBody): Promise<Claim> {
    const access = await this.claimAccess.require(actor.id, claimId, 'analyse');
    if (!this.mayEdit(access, actor.id)) throw forbidden("Only the claim's creator, its assignees, an editor or an owner can move its spans");
    const text = await this.texts.get(access.revisionId);
    const [anchor] = anchorTargets(text, { target: body.target });
    return this.change(actor, access, body.version, async (tx, current) => {
      const span = current.spans.find((s) => s.id === spanId);
      if (!span) throw notFound('Span');
      const { exact, prefix, suffix, start, end } = anchor!;
      await tx.sql(Prisma.sql`UPDATE claim_spans SET revision_id = ${access.revisionId}::uuid, exact = ${exact}, prefix = ${prefix}, suffix = ${suffix},
        start = ${start}, "end" = ${end} WHERE id = ${spanId}::uuid`);
      const starts = current.spans.map((s) => (s.id === spanId ? start : s.start));
      return { row: await updateClaimRow(tx, claimId, [Prisma.sql`position = ${Math.min(...starts)}`]), action: 'claim.reattached' };
    });
  }

  /** Deleting keeps the row (marked deleted), with its evidence and comments. */
  async remove(actor: Person, claimId: string): Promise<void> {
    const access = await this.claimAccess.require(actor.id, claimId, 'analyse');
    if (!mayDeleteClaim({ role: access.role, isCreator: access.claim.createdById === actor.id })) {
      throw forbidden('Only the claim’s creator, an editor or an owner can delete it');
    }
    await this.events.writeSql(access.claim.articleId, actor.id, async (tx, append) => {
      const current = await claimRow(tx, claimId);
      if (!current || current.deletedAt) throw notFound('Claim');
      await tx.sql(Prisma.sql`UPDATE claims SET deleted_at = now(), updated_at = now() WHERE id = ${claimId}::uuid`);
      await append(
        'claim.deleted',
        { id: claimId },
        { workspaceId: access.workspaceId, actorId: actor.id, action: 'claim.deleted', entityType: 'claim', entityId: claimId, before: toClaim(current, access.revisionId) },
      );
    });
  }

  /**
   * One change to a claim: inside the article's transaction, the claim is read afresh and its
   * version checked (a stale one is a 409 carrying the current claim), `apply` writes and
   * answers the claim as it now is, then the audit entry, the event and any notifications
   * follow, all committed together. SQL alone (a SqlTx): a status change on the board is the
   * desk's most frequent write.
   */
  private async change(
    actor: Person,
    access: ClaimAccess,
    version: number,
    apply: (
      tx: SqlTx,
      current: ClaimRow,
    ) => Promise<{ row: ClaimRow; action?: string; reason?: string; settles?: boolean; notes?: (view: Claim) => NotificationDraft[] }>,
  ): Promise<Claim> {
    const { claim: ref, workspaceId, revisionId } = access;
    const { view, notes } = await this.events.writeSql(ref.articleId, actor.id, async (tx, append) => {
      const current = await claimRow(tx, ref.id);
      if (!current || current.deletedAt) throw notFound('Claim');
      const before = toClaim(current, revisionId);
      if (current.version !== version) throw conflict('The claim changed since you read it', before);
      const outcome = await apply(tx, current);
      const view = toClaim(outcome.row, revisionId);
      await append('claim.updated', view, {
        workspaceId,
        actorId: actor.id,
        action: outcome.action ?? 'claim.updated',
        entityType: 'claim',
        entityId: ref.id,
        before,
        after: outcome.reason ? { ...view, reason: outcome.reason } : view,
      });
      const notes: Addressed[] = outcome.notes ? await this.notifications.record(tx, outcome.notes(view)) : [];
      const settled = outcome.settles ? await settleRound(tx, outcome.row, await roundRule(tx, workspaceId)) : null;
      if (!settled) return { view, notes };
      const decided = toClaim(settled, revisionId);
      return { view: decided, notes: [...notes, ...(await tellRound(tx, append, this.notifications, view, decided))] };
    });
    this.notifications.announce(notes);
    return view;
  }

  /** Makes users assignees of a claim (before `updateClaimRow`, which answers them). */
  private async assign(tx: SqlTx, claimId: string, userIds: string[], assignedById: string): Promise<void> {
    await tx.sql(Prisma.sql`INSERT INTO claim_assignees (claim_id, user_id, assigned_by_id)
      SELECT ${claimId}::uuid, unnest(${userIds}::uuid[]), ${assignedById}::uuid`);
  }

  private async view(tx: SqlTx, claimId: string, revisionId: string): Promise<Claim> {
    const row = await claimRow(tx, claimId);
    if (!row) throw notFound('Claim');
    return toClaim(row, revisionId);
  }

  private mayEdit(access: ClaimAccess, userId: string): boolean {
    return mayEditClaim({ role: access.role, isAssignee: access.isAssignee, isCreator: access.claim.createdById === userId });
  }

  /** A move the workflow table does not allow is a 409 naming the allowed ones; one the table allows others to make, a 403. */
  private checkMove(from: ClaimStatus, to: ClaimStatus, relation: Parameters<typeof allowedTransitions>[1], reason?: string): void {
    const mine = allowedTransitions(from, relation);
    const move = mine.find((t) => t.to === to);
    if (!move) {
      const allowed = nextStatuses(from);
      if (allowed.includes(to)) {
        throw forbidden(
          `You cannot move a claim from ${CLAIM_STATUS_LABEL[from]} to ${CLAIM_STATUS_LABEL[to]}` +
            (mine.length ? `; you can move it to ${mine.map((t) => CLAIM_STATUS_LABEL[t.to]).join(', ')}` : ''),
        );
      }
      const names = allowed.map((s) => `${s}`).join(', ');
      throw new AppError('CONFLICT', `A claim cannot move from ${from} to ${to}; from ${from} it can move to: ${names || 'nothing (only review decides)'}`, [
        { path: 'status', message: `allowed next states: ${names}` },
      ]);
    }
    if (move.needsReason && !reason) throw invalid('reason', `is required to ${move.label.toLowerCase()} a claim`);
  }

  /** The edited fields as a SET list for `updateClaimRow`; an empty claimant clears it. */
  private fieldSets(body: Fields): Prisma.Sql[] {
    return [
      ...(body.statement !== undefined ? [Prisma.sql`statement = ${body.statement}`] : []),
      ...(body.claimant !== undefined ? [Prisma.sql`claimant = ${body.claimant || null}`] : []),
      ...(body.tags !== undefined ? [Prisma.sql`tags = ${body.tags}::text[]`] : []),
      ...(body.priority !== undefined ? [Prisma.sql`priority = ${body.priority}::"ClaimPriority"`] : []),
      ...(body.dueAt !== undefined ? [Prisma.sql`due_at = ${dueDate(body.dueAt)}`] : []),
    ];
  }

  /**
   * A claim's verdicts never come from its assignees (a verdict by one is refused): a member
   * with a verdict in the current round cannot become one. `asked` is the request's list, for
   * the details' paths.
   */
  private async refuseReviewers(tx: SqlTx, current: ClaimRow, userIds: string[], revisionId: string, asked?: string[]): Promise<void> {
    const reviewers = new Set(current.verdicts.filter((v) => v.round === current.reviewRound).map((v) => v.reviewerId));
    const refused = userIds.filter((id) => reviewers.has(id));
    if (!refused.length) return;
    const people = await tx.sql<{ displayName: string }>(
      Prisma.sql`SELECT display_name AS "displayName" FROM users WHERE id = ANY(${refused}::uuid[]) ORDER BY display_name`,
    );
    const who = people.map((p) => p.displayName).join(' and ');
    const details = asked ? refused.map((id) => ({ path: `assigneeIds.${asked.indexOf(id)}`, message: 'gave a verdict in the current review round' })) : undefined;
    throw new AppError(
      'CONFLICT',
      `${who} already gave a verdict in this review round, and a claim's verdicts never come from its assignees; assign someone who did not review it`,
      details,
      toClaim(current, revisionId),
    );
  }

  /** Assignees must be members whose role may analyse. */
  /** Each of `userIds` but those already assigned (`kept`) may be assigned claims in the workspace. */
  private async requireAssignable(workspaceId: string, userIds: string[], kept: string[] = []): Promise<void> {
    const added = userIds.filter((id) => !kept.includes(id));
    if (!added.length) return;
    const members = await this.prisma.membership.findMany({ where: { workspaceId, userId: { in: added } }, select: { userId: true, role: true } });
    const roles = new Map(members.map((m) => [m.userId, m.role]));
    const details = userIds.flatMap((id, i) => {
      if (kept.includes(id)) return [];
      const role = roles.get(id);
      if (!role) return [{ path: `assigneeIds.${i}`, message: 'is not a member of this workspace' }];
      if (!can.analyse(role)) return [{ path: `assigneeIds.${i}`, message: `a ${role} cannot be assigned claims` }];
      return [];
    });
    if (details.length) throw new AppError('VALIDATION_FAILED', `Invalid request: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details);
  }

  /** The selection was made in the latest text; a revision meanwhile means it must be made again. */
  private async requireLatest(tx: SqlTx, articleId: string, revisionId: string): Promise<void> {
    const [latest] = await tx.sql<{ id: string }>(
      Prisma.sql`SELECT id FROM article_revisions WHERE article_id = ${articleId}::uuid ORDER BY number DESC LIMIT 1`,
    );
    if (latest?.id !== revisionId) throw conflict('The article was revised meanwhile; select the passage again in the new text');
  }

  private assignedNotes(view: Claim, userIds: string[], actor: Person): NotificationDraft[] {
    const due = view.dueAt ? `, due ${shortDate(view.dueAt)}` : '';
    return userIds.map((userId) => ({
      userId,
      kind: 'claim.assigned',
      workspaceId: view.workspaceId,
      articleId: view.articleId,
      claimId: view.id,
      actor,
      text: `${actor.displayName} assigned you ${quoteOf(view.statement)}${due}`,
    }));
  }

  private statusNotes(view: Claim, userIds: string[], actor: Person): NotificationDraft[] {
    return userIds.map((userId) => ({
      userId,
      kind: 'claim.status',
      workspaceId: view.workspaceId,
      articleId: view.articleId,
      claimId: view.id,
      actor,
      text: `${actor.displayName} moved ${quoteOf(view.statement)} to ${CLAIM_STATUS_LABEL[view.status]}`,
    }));
  }

  private sameOrConflict(existing: ClaimRow, userId: string, articleId: string, body: CreateClaimBody, anchors: Anchor[], revisionId: string): Claim {
    const same =
      !existing.deletedAt &&
      existing.articleId === articleId &&
      existing.createdById === userId &&
      existing.statement === body.statement &&
      (existing.claimant ?? '') === (body.claimant ?? '') &&
      existing.spans.length === anchors.length &&
      existing.spans.every((s, i) => s.start === anchors[i]!.start && s.end === anchors[i]!.end);
    // Said the same way whoever made the id, wherever it is: an id in use is not for this create.
    if (!same) throw conflict('This id is already in use; create the claim with a new id');
    return toClaim(existing, revisionId);
  }
}
