import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Notification, NotificationKind, NotificationsPage, NotificationsQuery } from '@corroborate/contracts';
import { Prisma } from '../generated/prisma/client';
import { Batcher } from '../infra/database/batcher';
import { PrismaService, runSql, type Tx } from '../infra/database/prisma.service';
import type { SqlTx } from '../infra/database/sql-transaction';
import { notFound } from '../infra/errors/app-error';
import { DomainEvents } from '../infra/events/domain-events';
import { cut } from '../infra/text/cut';
import { findMentions } from './mentions';

/** A notification to store, for one user. */
export interface NotificationDraft {
  userId: string;
  kind: NotificationKind;
  /** Null for a notice about the account itself. */
  workspaceId: string | null;
  articleId?: string | null;
  claimId?: string | null;
  annotationId?: string | null;
  actor: { id: string; displayName: string } | null;
  text: string;
}

/** A stored notification and whom it is for. */
export type Addressed = Notification & { userId: string };

type Row = {
  id: string;
  userId: string;
  kind: string;
  workspaceId: string | null;
  articleId: string | null;
  claimId: string | null;
  annotationId: string | null;
  actorId: string | null;
  text: string;
  createdAt: Date;
  readAt: Date | null;
};

const toNotification = (r: Row, actor: Notification['actor']): Notification => ({
  id: r.id,
  kind: r.kind as NotificationKind,
  workspaceId: r.workspaceId,
  articleId: r.articleId,
  claimId: r.claimId,
  annotationId: r.annotationId,
  actor,
  text: r.text,
  createdAt: r.createdAt.toISOString(),
  readAt: r.readAt?.toISOString() ?? null,
});

/**
 * A user's notifications about their account, and about workspaces they still belong to; for
 * an API token bound to one workspace (`only`), that workspace's alone. A condition on `n`,
 * over the SQL expressions naming the user and the workspace.
 */
const visibleAs = (userId: Prisma.Sql, only: Prisma.Sql) => Prisma.sql`n.user_id = ${userId}
  AND (n.workspace_id IS NULL AND ${only} IS NULL OR n.workspace_id = coalesce(${only}, n.workspace_id)
    AND EXISTS (SELECT 1 FROM memberships m WHERE m.workspace_id = n.workspace_id AND m.user_id = ${userId}))`;
const visibleTo = (userId: string, only: string | null = null) => visibleAs(Prisma.sql`${userId}::uuid`, Prisma.sql`${only}::uuid`);

/** What a page asks for: user, bound workspace, cursor, unread only, size. */
type PageKey = [userId: string, only: string | null, before: string | null, unreadOnly: boolean, limit: number];

/** Unpaired UTF-16 surrogates: Prisma cannot send them as a query parameter (the statement fails). */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Cuts a quoted title to a readable length. */
export const quoteOf = (text: string, max = 60) => `“${cut(text, max)}”`;

/**
 * Notifications are rows (someone offline sees them later) written in the transaction of the
 * change they are about, then pushed to the user's own sockets once it has committed.
 */
@Injectable()
export class NotificationsService {
  /**
   * Pages by their PageKey as JSON, one more row than asked for (is there a next page?), with
   * the unread count. Every page load asks: the pages asked for together are one statement.
   */
  private readonly pages = new Batcher<string, { rows: (Row & { actorName: string | null })[]; unread: number }>(async (keys) => {
    const asked = keys.map((key) => JSON.parse(key) as PageKey);
    const visible = visibleAs(Prisma.sql`k.user_id`, Prisma.sql`k.only_id`);
    const rows = await this.prisma.sql<Partial<Row> & { batchKey: string; unread: number; actorName: string | null }>(Prisma.sql`
      SELECT k.batch_key AS "batchKey", c.unread, p.*
      FROM unnest(${keys}::text[], ${asked.map((a) => a[0])}::uuid[], ${asked.map((a) => a[1])}::uuid[], ${asked.map((a) => a[2])}::uuid[],
          ${asked.map((a) => a[3])}::boolean[], ${asked.map((a) => a[4])}::int[]) AS k(batch_key, user_id, only_id, before_id, unread_only, lim)
      CROSS JOIN LATERAL (SELECT count(*)::int AS unread FROM notifications n WHERE ${visible} AND n.read_at IS NULL) c
      LEFT JOIN LATERAL (
        SELECT n.id, n.user_id AS "userId", n.kind, n.workspace_id AS "workspaceId", n.article_id AS "articleId", n.claim_id AS "claimId",
          n.annotation_id AS "annotationId", n.actor_id AS "actorId", n.text, n.created_at AS "createdAt", n.read_at AS "readAt",
          u.display_name AS "actorName"
        FROM notifications n LEFT JOIN users u ON u.id = n.actor_id
        WHERE ${visible} AND (NOT k.unread_only OR n.read_at IS NULL)
          -- After the cursor when it names a notification the user sees; from the newest otherwise.
          AND (NOT EXISTS (SELECT 1 FROM notifications n WHERE n.id = k.before_id AND ${visible})
            OR (n.created_at, n.id) < (SELECT n.created_at, n.id FROM notifications n WHERE n.id = k.before_id))
        ORDER BY n.created_at DESC, n.id DESC LIMIT k.lim + 1) p ON true
      ORDER BY p."createdAt" DESC, p.id DESC`);
    const pages = new Map(keys.map((key) => [key, { rows: [] as (Row & { actorName: string | null })[], unread: 0 }]));
    for (const { batchKey, unread, ...row } of rows) {
      const page = pages.get(batchKey)!;
      page.unread = unread;
      if (row.id) page.rows.push(row as Row & { actorName: string | null });
    }
    return pages;
  });

  constructor(
    private readonly prisma: PrismaService,
    private readonly domainEvents: DomainEvents,
  ) {}

  /** Stores the drafts (one per user and kind; never for the actor themselves). */
  async record(tx: Tx | SqlTx, drafts: NotificationDraft[]): Promise<Addressed[]> {
    const seen = new Set<string>();
    const wanted = drafts.filter((d) => {
      const key = `${d.userId}:${d.kind}:${d.claimId ?? d.annotationId}`;
      if (d.userId === d.actor?.id || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (!wanted.length) return [];
    const ids = wanted.map(() => randomUUID());
    const column = <K extends keyof NotificationDraft>(key: K) => wanted.map((d) => d[key] ?? null);
    // One statement for all, in the transaction of the change they are about (a Prisma or a SQL one).
    // A text some caller cut inside an emoji is stored with U+FFFD there, not refused with the change.
    // Only for members of the workspace it is about: a removed member may still be named (a
    // claim's assignee), and must not hear of the workspace again.
    const rows = await runSql<Row>(
      tx,
      Prisma.sql`
        INSERT INTO notifications (id, user_id, kind, workspace_id, article_id, claim_id, annotation_id, actor_id, text)
        SELECT * FROM unnest(${ids}::uuid[], ${column('userId')}::uuid[], ${column('kind')}::text[], ${column('workspaceId')}::uuid[],
          ${column('articleId')}::uuid[], ${column('claimId')}::uuid[], ${column('annotationId')}::uuid[],
          ${wanted.map((d) => d.actor?.id ?? null)}::uuid[], ${wanted.map((d) => d.text.replace(UNPAIRED_SURROGATE, '\ufffd'))}::text[])
          AS d(id, user_id, kind, workspace_id, article_id, claim_id, annotation_id, actor_id, text)
        WHERE d.workspace_id IS NULL
          OR EXISTS (SELECT 1 FROM memberships m WHERE m.workspace_id = d.workspace_id AND m.user_id = d.user_id)
        RETURNING id, user_id AS "userId", kind, workspace_id AS "workspaceId", article_id AS "articleId", claim_id AS "claimId",
          annotation_id AS "annotationId", actor_id AS "actorId", text, created_at AS "createdAt", read_at AS "readAt"`,
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return wanted.flatMap((d, i) => {
      const row = byId.get(ids[i]!);
      return row ? [{ ...toNotification(row, d.actor), userId: d.userId }] : [];
    });
  }

  /** Pushes committed notifications to their users' sockets. */
  announce(notifications: Addressed[]): void {
    for (const n of notifications) this.domainEvents.emit('notification.created', n);
  }

  /**
   * The members of a workspace that `text` mentions (`@Display Name`). For an edit, `before` is
   * the text it replaced: only those it did not mention already (they have been told).
   */
  async mentioned(workspaceId: string, text: string, before: string | null = null): Promise<string[]> {
    if (!text.includes('@') || text === before) return [];
    const members = await this.prisma.membership.findMany({
      where: { workspaceId },
      select: { user: { select: { id: true, displayName: true } } },
    });
    const people = members.map((m) => m.user);
    const already = new Set(before?.includes('@') ? findMentions(before, people) : []);
    return findMentions(text, people).filter((id) => !already.has(id));
  }

  /** A page of the user's visible notifications, newest first, with their unread count (asked by every page load). */
  async page(userId: string, query: NotificationsQuery, only: string | null = null): Promise<NotificationsPage> {
    const key: PageKey = [userId.toLowerCase(), only?.toLowerCase() ?? null, query.before?.toLowerCase() ?? null, query.unread === 'true', query.limit];
    const { rows, unread } = (await this.pages.get(JSON.stringify(key)))!;
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((r) => toNotification(r, r.actorId && r.actorName !== null ? { id: r.actorId, displayName: r.actorName } : null)),
      unread,
      nextBefore: rows.length > query.limit ? page.at(-1)!.id : null,
    };
  }

  async markRead(userId: string, id: string, only: string | null = null): Promise<void> {
    const [row] = await this.prisma.sql<{ id: string }>(Prisma.sql`
      WITH marked AS (UPDATE notifications n SET read_at = now() WHERE n.id = ${id}::uuid AND ${visibleTo(userId, only)} AND n.read_at IS NULL RETURNING n.id)
      SELECT n.id FROM notifications n WHERE n.id = ${id}::uuid AND ${visibleTo(userId, only)}`);
    if (!row) throw notFound('Notification');
  }

  async markAllRead(userId: string, only: string | null = null): Promise<void> {
    await this.prisma.sql(Prisma.sql`UPDATE notifications n SET read_at = now() WHERE ${visibleTo(userId, only)} AND n.read_at IS NULL`);
  }
}
