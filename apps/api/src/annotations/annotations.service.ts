import { Injectable } from '@nestjs/common';
import { can, type Annotation, type AnnotationVersion, type CreateAnnotationBody, type ReattachBody, type UpdateAnnotationBody } from '@corroborate/contracts';
import { ArticleEventsService } from '../article-events/article-events.service';
import { AuditService } from '../audit/audit.service';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infra/database/prisma.service';
import { cut } from '../infra/text/cut';
import { AppError, conflict, forbidden, idTaken, invalid, notFound } from '../infra/errors/app-error';
import { NotificationsService, quoteOf } from '../notifications/notifications.service';
import { AccessService, type ArticleAccess, type ArticleHead } from '../workspaces/access.service';
import { type Anchor, resolveSelectors } from './anchoring';
import { RevisionTexts } from './revision-texts';
import { workspaceScale } from '../review/scale.service';
import { toAnnotationCollection, type AssessedClaim } from './web-annotation';
import { articleAnnotationsSql, toAnnotation, withAuthor, type AnnotationWithAuthor, type ArticleAnnotationRow } from './annotation.view';

export interface Author {
  id: string;
  displayName: string;
}

interface Draft {
  anchor: Anchor;
  revisionId: string;
  replyToId: string | null;
}

/** A duplicate key: PostgreSQL's unique_violation from a statement run on the pool. */
const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';

const sameTags = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

@Injectable()
export class AnnotationsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
    private readonly events: ArticleEventsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly texts: RevisionTexts,
  ) {}

  async list(userId: string, articleId: string): Promise<Annotation[]> {
    await this.access.requireArticle(userId, articleId);
    const rows = await this.prisma.sql<ArticleAnnotationRow>(articleAnnotationsSql(articleId));
    return rows.map(({ authorId, authorName, ...a }) => toAnnotation({ ...a, author: { id: authorId, displayName: authorName } }));
  }

  /** The article's annotations, and its claims as assessments (the final rating as their body once resolved). */
  async exportCollection(userId: string, articleId: string, baseUrl: string): Promise<Record<string, unknown>> {
    const annotations = await this.list(userId, articleId);
    const { title, workspaceId } = await this.prisma.article.findUniqueOrThrow({ where: { id: articleId }, select: { title: true, workspaceId: true } });
    const [claims, ratings] = [
      await this.prisma.claim.findMany({
        where: { articleId, deletedAt: null },
        include: { spans: { orderBy: { ordinal: 'asc' } }, createdBy: { select: { id: true, displayName: true } }, decisions: { orderBy: { createdAt: 'desc' }, take: 1 } },
        orderBy: [{ position: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
      }),
      await workspaceScale(this.prisma, workspaceId),
    ];
    const labels = new Map(ratings.map((r) => [r.key, r.label]));
    const assessed: AssessedClaim[] = claims.map((c) => ({
      id: c.id,
      statement: c.statement,
      creator: c.createdBy,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      spans: c.spans,
      verdict: c.status === 'resolved' && c.rating ? { label: labels.get(c.rating) ?? c.rating, rationale: c.decisions[0]?.rationale ?? null } : null,
    }));
    return toAnnotationCollection(annotations, { baseUrl, articleId, title }, assessed);
  }

  /** Creates an annotation; repeating a create with the same id and body returns the stored one. */
  async create(author: Author, articleId: string, body: CreateAnnotationBody): Promise<{ created: boolean; annotation: Annotation }> {
    const outcome = await this.write(author, articleId, body);
    if (outcome.created && outcome.annotation.body?.includes('@')) await this.notifyMentions(author, outcome.annotation);
    return outcome;
  }

  /**
   * Tells whoever a new comment mentions (`@Display Name`); after an edit, whoever it mentions
   * that the replaced text (`edit.before`) did not. After the write (a create's one statement), in
   * a small transaction of its own: a mention is rare, and the hot path stays one round trip.
   */
  private async notifyMentions(actor: Author, annotation: Annotation, edit?: { workspaceId: string; before: string | null }): Promise<void> {
    const workspaceId =
      edit?.workspaceId ?? (await this.prisma.article.findUniqueOrThrow({ where: { id: annotation.articleId }, select: { workspaceId: true } })).workspaceId;
    const mentioned = await this.notifications.mentioned(workspaceId, annotation.body!, edit?.before);
    if (!mentioned.length) return;
    const excerpt = cut(annotation.body!, 80);
    const notes = await this.prisma.$transaction((tx) =>
      this.notifications.record(
        tx,
        mentioned.map((userId) => ({
          userId,
          kind: 'mention' as const,
          workspaceId,
          articleId: annotation.articleId,
          annotationId: annotation.replyTo ?? annotation.id,
          actor,
          text: `${actor.displayName} mentioned you on ${quoteOf(annotation.target.selector[0].exact)}: “${excerpt}”`,
        })),
      ),
    );
    this.notifications.announce(notes);
  }

  private async write(author: Author, articleId: string, body: CreateAnnotationBody): Promise<{ created: boolean; annotation: Annotation }> {
    // With the article's head known, and the caller last seen allowed to annotate there, the
    // write checks access in its own statement: one round trip. Anyone else is checked first.
    const hint = this.access.articleHint(author.id, articleId, 'annotate');
    if (hint) {
      try {
        const outcome = await this.tryCreate(author, articleId, body, hint);
        if (outcome) return outcome;
      } catch (error) {
        // Access is settled first (a non-member learns nothing from a validation error), and a
        // body is judged against the latest text, not a stale hint's.
        const head = await this.access.requireArticle(author.id, articleId, 'annotate');
        if (head.revisionId === hint.revisionId) throw error;
      }
    }
    // No hint, or it was stale (a new revision, a changed role): check afresh, then write.
    for (let attempt = 0; attempt < 3; attempt++) {
      const head = await this.access.requireArticle(author.id, articleId, 'annotate');
      const outcome = await this.tryCreate(author, articleId, body, head);
      if (outcome) return outcome;
    }
    throw conflict('The article kept changing while the annotation was saved; try again');
  }

  /** One attempt at a create against `head`; null (nothing written) when access or the latest revision no longer match it. */
  private async tryCreate(author: Author, articleId: string, body: CreateAnnotationBody, head: ArticleHead): Promise<{ created: boolean; annotation: Annotation } | null> {
    const draft = await this.draft(articleId, head.revisionId, body);
    const now = new Date();
    const row = {
      id: body.id ?? crypto.randomUUID(),
      articleId,
      revisionId: draft.revisionId,
      authorId: author.id,
      motivation: body.motivation,
      body: body.body ?? null,
      tags: body.tags ?? [],
      ...draft.anchor,
      replyToId: draft.replyToId,
      resolvedAt: null,
      resolvedById: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
      editedAt: null,
      deletedAt: null,
    };
    const annotation = toAnnotation({ ...row, author });
    try {
      const event = await this.events.writeOne({
        articleId,
        actorId: author.id,
        type: 'annotation.created',
        data: annotation,
        change: Prisma.sql`created AS (
          INSERT INTO annotations (id, article_id, revision_id, author_id, motivation, body, tags, exact, prefix, suffix,
            start, "end", reply_to_id, version, created_at, updated_at)
          SELECT ${row.id}::uuid, ${articleId}::uuid, ${row.revisionId}::uuid, ${author.id}::uuid, ${row.motivation}::"Motivation",
            ${row.body}, ${row.tags}::text[], ${row.exact}, ${row.prefix}, ${row.suffix}, ${row.start}, ${row.end},
            ${row.replyToId}::uuid, 1, ${now}, ${now}
          FROM counter
        )`,
        audit: { workspaceId: head.workspaceId, actorId: author.id, action: 'annotation.created', entityType: 'annotation', entityId: row.id, after: annotation },
        when: this.access.stillAllowed(author.id, 'annotate', head.revisionId),
      });
      return event ? { created: true, annotation } : null;
    } catch (error) {
      // The id is taken: a retry of this create (answered as a repeat), or a different object.
      if (body.id && isUniqueViolation(error)) {
        const existing = await this.prisma.annotation.findUniqueOrThrow({ where: { id: body.id }, include: withAuthor });
        return { created: false, annotation: this.sameOrConflict(existing, author.id, articleId, body, draft) };
      }
      throw error;
    }
  }

  async update(editor: Author, annotationId: string, body: UpdateAnnotationBody): Promise<Annotation> {
    const userId = editor.id;
    const { current, workspaceId, role } = await this.findWithAccess(userId, annotationId);
    if (!can.annotate(role)) throw forbidden(`Your role (${role}) cannot change annotations`);
    const editsContent = body.body !== undefined || body.tags !== undefined;
    if (editsContent && current.authorId !== userId && !can.moderate(role)) {
      throw forbidden('Only the author, an editor or an owner can edit this annotation');
    }
    const nextBody = body.body === undefined ? current.body : body.body;
    if (['commenting', 'questioning', 'replying'].includes(current.motivation) && !nextBody?.trim()) {
      throw invalid('body', `is required when motivation is ${current.motivation}`);
    }
    if (current.motivation === 'tagging' && (body.tags ?? current.tags).length === 0) {
      throw invalid('tags', 'needs at least one tag when motivation is tagging');
    }
    const updated = await this.events.write(current.articleId, userId, async (tx, append) => {
      const resolvedChange =
        body.resolved === undefined || body.resolved === (current.resolvedAt !== null)
          ? {}
          : body.resolved
            ? { resolvedAt: new Date(), resolvedById: userId }
            : { resolvedAt: null, resolvedById: null };
      // Only a changed body or tags marks it edited: resolving, or saving the same words, does not.
      const edited = (body.body !== undefined && body.body !== current.body) || (body.tags !== undefined && !sameTags(body.tags, current.tags));
      const { count } = await tx.annotation.updateMany({
        where: { id: annotationId, version: body.version, deletedAt: null },
        data: {
          ...(body.body !== undefined ? { body: body.body } : {}),
          ...(body.tags !== undefined ? { tags: body.tags } : {}),
          ...(edited ? { editedAt: new Date() } : {}),
          ...resolvedChange,
          version: { increment: 1 },
        },
      });
      if (count === 0) {
        const latest = await tx.annotation.findUnique({ where: { id: annotationId }, include: withAuthor });
        if (!latest || latest.deletedAt) throw notFound('Annotation');
        throw conflict('The annotation changed since you read it', toAnnotation(latest));
      }
      const row = await tx.annotation.findUniqueOrThrow({ where: { id: annotationId }, include: withAuthor });
      const view = toAnnotation(row);
      await this.audit.record(tx, {
        workspaceId,
        actorId: userId,
        action: 'annotation.updated',
        entityType: 'annotation',
        entityId: annotationId,
        before: toAnnotation(current),
        after: view,
      });
      await append('annotation.updated', view);
      return view;
    });
    // As a create does, for whoever the new words mention and the replaced ones did not. When the
    // update matched the version, `current` holds those: a client learns a version only once it has committed.
    if (updated.body !== current.body && updated.body?.includes('@')) {
      await this.notifyMentions(editor, updated, { workspaceId, before: current.body });
    }
    return updated;
  }

  /**
   * The annotation's versions, oldest first: as written, then after each edit of its body or
   * tags, read from the audit log. Any member who can read the article can see them.
   */
  async history(userId: string, annotationId: string): Promise<AnnotationVersion[]> {
    const { current } = await this.findWithAccess(userId, annotationId);
    const edits = await this.prisma.auditEntry.findMany({
      where: { entityType: 'annotation', entityId: annotationId, action: 'annotation.updated' },
      select: { actorId: true, at: true, before: true, after: true },
      orderBy: { id: 'asc' },
    });
    type Content = { body: string | null; tags: string[] };
    const contentOf = (view: unknown): Content => {
      const v = (view ?? {}) as Partial<Content>;
      return { body: v.body ?? null, tags: v.tags ?? [] };
    };
    const changes = edits.flatMap((e) => {
      const [before, after] = [contentOf(e.before), contentOf(e.after)];
      // The edit's own time, as the annotation shows it (entries older than editedAt: the entry's).
      const at = (e.after as { editedAt?: string | null } | null)?.editedAt ?? e.at.toISOString();
      return before.body === after.body && sameTags(before.tags, after.tags) ? [] : [{ actorId: e.actorId, at, before, after }];
    });
    const actorIds = [...new Set(changes.flatMap((c) => (c.actorId ? [c.actorId] : [])))];
    const people = new Map(
      (await this.prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } })).map((u) => [u.id, u]),
    );
    // The first version is what the first edit replaced (the row itself if never edited).
    const versions: AnnotationVersion[] = [
      { ...(changes[0]?.before ?? { body: current.body, tags: current.tags }), at: current.createdAt.toISOString(), by: current.author },
    ];
    for (const change of changes) {
      versions.push({ ...change.after, at: change.at, by: change.actorId ? (people.get(change.actorId) ?? null) : null });
    }
    return versions;
  }

  /**
   * Points a thread at a new selection of the latest text (re-attaching an orphan, say); its
   * replies go with it. The author, an editor or an owner may; the history says so.
   */
  async reattach(userId: string, annotationId: string, body: ReattachBody): Promise<Annotation> {
    const { current, workspaceId, role, revisionId } = await this.findWithAccess(userId, annotationId);
    if (!can.annotate(role) || (current.authorId !== userId && !can.moderate(role))) {
      throw forbidden('Only the author, an editor or an owner can move this annotation');
    }
    if (current.replyToId) throw invalid('target', 'a reply shares its thread’s passage: move the thread instead');
    const anchor = resolveSelectors(await this.texts.get(revisionId), body.target.selector);
    return this.events.write(current.articleId, userId, async (tx, append) => {
      const { count } = await tx.annotation.updateMany({
        where: { id: annotationId, version: body.version, deletedAt: null },
        data: { revisionId, ...anchor, version: { increment: 1 } },
      });
      if (count === 0) {
        const latest = await tx.annotation.findUnique({ where: { id: annotationId }, include: withAuthor });
        if (!latest || latest.deletedAt) throw notFound('Annotation');
        throw conflict('The annotation changed since you read it', toAnnotation(latest));
      }
      await tx.annotation.updateMany({ where: { replyToId: annotationId, deletedAt: null }, data: { revisionId, ...anchor, version: { increment: 1 } } });
      const moved = await tx.annotation.findMany({ where: { OR: [{ id: annotationId }, { replyToId: annotationId }], deletedAt: null }, include: withAuthor, orderBy: { createdAt: 'asc' } });
      const views = moved.map(toAnnotation);
      const root = views.find((v) => v.id === annotationId)!;
      await this.audit.record(tx, {
        workspaceId,
        actorId: userId,
        action: 'annotation.reattached',
        entityType: 'annotation',
        entityId: annotationId,
        before: toAnnotation(current),
        after: root,
      });
      for (const view of views) await append('annotation.updated', view);
      return root;
    });
  }

  /** Deleting keeps the rows (marked deleted); a thread's replies go with it. */
  async remove(userId: string, annotationId: string): Promise<void> {
    const { current, workspaceId, role } = await this.findWithAccess(userId, annotationId);
    if (!can.annotate(role) || (current.authorId !== userId && !can.moderate(role))) {
      throw forbidden('Only the author, an editor or an owner can delete this annotation');
    }
    await this.events.write(current.articleId, userId, async (tx, append) => {
      const now = new Date();
      const replies = await tx.annotation.findMany({ where: { replyToId: annotationId, deletedAt: null }, select: { id: true } });
      const ids = [annotationId, ...replies.map((r) => r.id)];
      const { count } = await tx.annotation.updateMany({ where: { id: { in: ids }, deletedAt: null }, data: { deletedAt: now } });
      if (count === 0) throw notFound('Annotation');
      await this.audit.record(tx, {
        workspaceId,
        actorId: userId,
        action: 'annotation.deleted',
        entityType: 'annotation',
        entityId: annotationId,
        before: toAnnotation(current),
        after: { deletedIds: ids },
      });
      await append('annotation.deleted', { id: annotationId, replyTo: current.replyToId, deletedIds: ids });
    });
  }

  /**
   * The annotation and the caller's access to its article. Missing, deleted, or in an article
   * the caller may not read: the same 404, so a non-member learns nothing about the id.
   */
  private async findWithAccess(userId: string, annotationId: string): Promise<{ current: AnnotationWithAuthor } & ArticleAccess> {
    const current = await this.prisma.annotation.findUnique({ where: { id: annotationId }, include: withAuthor });
    if (!current || current.deletedAt) throw notFound('Annotation');
    try {
      return { current, ...(await this.access.requireArticle(userId, current.articleId)) };
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('Annotation');
      throw error;
    }
  }

  /** Validates the target (or the thread it replies to) against the article's latest text. */
  private async draft(articleId: string, revisionId: string, body: CreateAnnotationBody): Promise<Draft> {
    if (body.replyTo) {
      const parent = await this.prisma.annotation.findFirst({ where: { id: body.replyTo, articleId, deletedAt: null } });
      if (!parent) throw invalid('replyTo', 'no such annotation in this article');
      // Threads are one level deep: a reply to a reply joins the thread's root.
      const { exact, prefix, suffix, start, end } = parent;
      return { anchor: { exact, prefix, suffix, start, end }, revisionId: parent.revisionId, replyToId: parent.replyToId ?? parent.id };
    }
    const text = await this.texts.get(revisionId);
    return { anchor: resolveSelectors(text, body.target!.selector), revisionId, replyToId: null };
  }

  private sameOrConflict(
    existing: AnnotationWithAuthor,
    userId: string,
    articleId: string,
    body: CreateAnnotationBody,
    draft: Draft,
  ): Annotation {
    const same =
      !existing.deletedAt &&
      existing.articleId === articleId &&
      existing.authorId === userId &&
      existing.motivation === body.motivation &&
      existing.body === (body.body ?? null) &&
      sameTags(existing.tags, body.tags ?? []) &&
      existing.replyToId === draft.replyToId &&
      existing.start === draft.anchor.start &&
      existing.end === draft.anchor.end;
    if (!same) throw idTaken();
    return toAnnotation(existing);
  }
}
