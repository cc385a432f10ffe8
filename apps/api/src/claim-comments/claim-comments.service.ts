import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { can, type ClaimComment, type CreateClaimCommentBody, type Person, type UpdateClaimCommentBody } from '@corroborate/contracts';
import { ArticleEventsService } from '../article-events/article-events.service';
import { AuditService } from '../audit/audit.service';
import { ClaimAccessService, type ClaimAccess } from '../claims/claim-access.service';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService, type Tx } from '../infra/database/prisma.service';
import { conflict, forbidden, invalid, notFound } from '../infra/errors/app-error';
import { cut } from '../infra/text/cut';
import { NotificationsService, quoteOf, type NotificationDraft } from '../notifications/notifications.service';

const include = {
  author: { select: { id: true, displayName: true } },
  claim: { select: { articleId: true } },
} as const satisfies Prisma.ClaimCommentInclude;

type Row = Prisma.ClaimCommentGetPayload<{ include: typeof include }>;

const toComment = (c: Row): ClaimComment => ({
  id: c.id,
  claimId: c.claimId,
  articleId: c.claim.articleId,
  body: c.body,
  replyTo: c.replyToId,
  author: c.author,
  version: c.version,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

const excerpt = (body: string) => cut(body, 80);

/**
 * Whether a create's `replyTo` puts the comment in the thread `existing` is in. Threads are one
 * level deep and a reply is stored under its thread's root, so `replyTo` is resolved to its root
 * (deleted or not) before comparing. A root named as itself needs no lookup.
 */
async function sameThread(db: PrismaService | Tx, existing: Row, replyTo: string | undefined): Promise<boolean> {
  if ((replyTo ?? null) === existing.replyToId) return true;
  if (replyTo === undefined || existing.replyToId === null) return false;
  const parent = await db.claimComment.findFirst({ where: { id: replyTo, claimId: existing.claimId }, select: { id: true, replyToId: true } });
  return parent !== null && (parent.replyToId ?? parent.id) === existing.replyToId;
}

/**
 * The stored comment for a create repeated with its id, or 409 when the id is anyone else's or
 * was used otherwise (another claim, other words, another thread).
 */
async function sameOrConflict(db: PrismaService | Tx, existing: Row, userId: string, claimId: string, body: CreateClaimCommentBody): Promise<ClaimComment> {
  const same =
    !existing.deletedAt &&
    existing.claimId === claimId &&
    existing.authorId === userId &&
    existing.body === body.body &&
    (await sameThread(db, existing, body.replyTo));
  if (!same) throw conflict('This id is already in use; post the comment with a new id');
  return toComment(existing);
}

/** Threaded comments on a claim (Markdown, rendered safely by clients), with mentions. */
@Injectable()
export class ClaimCommentsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly claimAccess: ClaimAccessService,
    private readonly events: ArticleEventsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  async list(userId: string, claimId: string): Promise<ClaimComment[]> {
    await this.claimAccess.require(userId, claimId);
    const rows = await this.prisma.claimComment.findMany({ where: { claimId, deletedAt: null }, include, orderBy: { createdAt: 'asc' } });
    return rows.map(toComment);
  }

  async create(actor: Person, claimId: string, body: CreateClaimCommentBody): Promise<{ created: boolean; comment: ClaimComment }> {
    const access = await this.claimAccess.require(actor.id, claimId, 'analyse');
    if (body.id) {
      const existing = await this.prisma.claimComment.findUnique({ where: { id: body.id }, include });
      if (existing) return { created: false, comment: await sameOrConflict(this.prisma, existing, actor.id, claimId, body) };
    }
    let replyToId: string | null = null;
    if (body.replyTo) {
      const parent = await this.prisma.claimComment.findFirst({ where: { id: body.replyTo, claimId, deletedAt: null } });
      if (!parent) throw invalid('replyTo', 'no such comment on this claim');
      // Threads are one level deep: a reply to a reply joins the thread's root.
      replyToId = parent.replyToId ?? parent.id;
    }
    const mentioned = await this.notifications.mentioned(access.workspaceId, body.body);
    const { created, comment, notes } = await this.events.write(access.claim.articleId, actor.id, async (tx, append) => {
      if (body.id) {
        // Asked again while the first create held the article (a double submit): its answer, not a clash on the id.
        const existing = await tx.claimComment.findUnique({ where: { id: body.id }, include });
        if (existing) return { created: false, comment: await sameOrConflict(tx, existing, actor.id, claimId, body), notes: [] };
      }
      const id = body.id ?? randomUUID();
      const row = await tx.claimComment.create({ data: { id, claimId, authorId: actor.id, body: body.body, replyToId }, include });
      const comment = toComment(row);
      await this.audit.record(tx, { workspaceId: access.workspaceId, actorId: actor.id, action: 'claim-comment.created', entityType: 'claim-comment', entityId: id, after: comment });
      await append('claim-comment.created', comment);
      const notes = await this.notifications.record(tx, [...this.mentionNotes(access, actor, mentioned, body.body), ...this.assigneeNotes(access, actor, body.body)]);
      return { created: true, comment, notes };
    });
    this.notifications.announce(notes);
    return { created, comment };
  }

  async update(actor: Person, commentId: string, body: UpdateClaimCommentBody): Promise<ClaimComment> {
    const { access, row } = await this.find(actor.id, commentId);
    if (row.authorId !== actor.id && !can.moderate(access.role)) throw forbidden('Only the author, an editor or an owner can edit this comment');
    // Whoever the edit mentions that the replaced text did not. When the update below matches the
    // version, `row` is that text: a client learns a version only once it has committed.
    const mentioned = await this.notifications.mentioned(access.workspaceId, body.body, row.body);
    const { comment, notes } = await this.events.write(access.claim.articleId, actor.id, async (tx, append) => {
      const { count } = await tx.claimComment.updateMany({ where: { id: commentId, version: body.version, deletedAt: null }, data: { body: body.body, version: { increment: 1 } } });
      if (count === 0) {
        const latest = await tx.claimComment.findUnique({ where: { id: commentId }, include });
        if (!latest || latest.deletedAt) throw notFound('Comment');
        throw conflict('The comment changed since you read it', toComment(latest));
      }
      const comment = toComment(await tx.claimComment.findUniqueOrThrow({ where: { id: commentId }, include }));
      await this.audit.record(tx, { workspaceId: access.workspaceId, actorId: actor.id, action: 'claim-comment.updated', entityType: 'claim-comment', entityId: commentId, before: toComment(row), after: comment });
      await append('claim-comment.updated', comment);
      const notes = await this.notifications.record(tx, this.mentionNotes(access, actor, mentioned, body.body));
      return { comment, notes };
    });
    this.notifications.announce(notes);
    return comment;
  }

  /** Deleting keeps the rows (marked deleted); a thread's replies go with it. */
  async remove(actor: Person, commentId: string): Promise<void> {
    const { access, row } = await this.find(actor.id, commentId);
    if (row.authorId !== actor.id && !can.moderate(access.role)) throw forbidden('Only the author, an editor or an owner can delete this comment');
    await this.events.write(access.claim.articleId, actor.id, async (tx, append) => {
      const replies = await tx.claimComment.findMany({ where: { replyToId: commentId, deletedAt: null }, select: { id: true } });
      const ids = [commentId, ...replies.map((r) => r.id)];
      const { count } = await tx.claimComment.updateMany({ where: { id: { in: ids }, deletedAt: null }, data: { deletedAt: new Date() } });
      if (count === 0) throw notFound('Comment');
      await this.audit.record(tx, { workspaceId: access.workspaceId, actorId: actor.id, action: 'claim-comment.deleted', entityType: 'claim-comment', entityId: commentId, before: toComment(row), after: { deletedIds: ids } });
      await append('claim-comment.deleted', { id: commentId, claimId: row.claimId, deletedIds: ids });
    });
  }

  private async find(userId: string, commentId: string): Promise<{ access: ClaimAccess; row: Row }> {
    const row = await this.prisma.claimComment.findUnique({ where: { id: commentId }, include });
    if (!row || row.deletedAt) throw notFound('Comment');
    const access = await this.claimAccess.require(userId, row.claimId, undefined, 'Comment');
    if (!can.analyse(access.role)) throw forbidden(`Your role (${access.role}) does not allow this`);
    return { access, row };
  }

  private mentionNotes(access: ClaimAccess, actor: Person, userIds: string[], body: string): NotificationDraft[] {
    return userIds.map((userId) => ({
      userId,
      kind: 'mention',
      workspaceId: access.workspaceId,
      articleId: access.claim.articleId,
      claimId: access.claim.id,
      actor,
      text: `${actor.displayName} mentioned you on ${quoteOf(access.claim.statement)}: “${excerpt(body)}”`,
    }));
  }

  private assigneeNotes(access: ClaimAccess, actor: Person, body: string): NotificationDraft[] {
    return access.claim.assigneeIds.map((userId) => ({
      userId,
      kind: 'claim.commented',
      workspaceId: access.workspaceId,
      articleId: access.claim.articleId,
      claimId: access.claim.id,
      actor,
      text: `${actor.displayName} commented on ${quoteOf(access.claim.statement)}: “${excerpt(body)}”`,
    }));
  }
}
