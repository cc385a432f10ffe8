import { z } from 'zod';
import { ErrorCode } from './errors';
import { IsoDate, Seq, Uuid } from './common';
import type { TokenScope } from './auth';
import { Notification, NotificationsPage, NotificationsQuery } from './notifications';
import { SOCKET_WRITE_EVENTS, type SocketWriteEvent, type SocketWriteEvents } from './socket-writes';

export const ArticleEventType = z.enum([
  'annotation.created',
  'annotation.updated',
  'annotation.deleted',
  'article.revised',
  'claim.created',
  'claim.updated',
  'claim.deleted',
  'evidence.created',
  'evidence.updated',
  'evidence.deleted',
  'evidence.reordered',
  'claim-comment.created',
  'claim-comment.updated',
  'claim-comment.deleted',
  /** A verdict was given: who and how many, never the rating (blind review). */
  'verdict.created',
  /** A report snapshot was published. */
  'report.published',
  'claim-candidate.dismissed',
  'claim-candidate.restored',
]);
export type ArticleEventType = z.infer<typeof ArticleEventType>;

/** Catch-up answers list at most this many missed events; beyond it the client reloads. */
export const MAX_CATCH_UP = 1_000;

/** The envelope of every change to an article, in per-article `seq` order. */
export const ArticleEvent = z.object({
  seq: z.number().int().positive(),
  articleId: Uuid,
  type: z.string(),
  actorId: Uuid.nullable(),
  at: IsoDate,
  data: z.unknown(),
});
export type ArticleEvent = z.infer<typeof ArticleEvent>;

export const JoinArticle = z.object({
  articleId: Uuid,
  sinceSeq: Seq.optional(),
});
export type JoinArticle = z.infer<typeof JoinArticle>;

export const LeaveArticle = z.object({ articleId: Uuid });
export type LeaveArticle = z.infer<typeof LeaveArticle>;

export const Selection = z
  .object({ start: z.number().int().min(0), end: z.number().int().min(0) })
  .refine((s) => s.end >= s.start, { message: 'end must not be before start', path: ['end'] });

export const PresenceUpdate = z.object({ articleId: Uuid, selection: Selection.optional() });
export type PresenceUpdate = z.infer<typeof PresenceUpdate>;

export const PresenceUser = z.object({
  userId: Uuid,
  displayName: z.string(),
  color: z.string(),
  selection: Selection.optional(),
});
export const Presence = z.object({ articleId: Uuid, users: z.array(PresenceUser) });
export type Presence = z.infer<typeof Presence>;

export const AckError = z.object({ ok: z.literal(false), error: z.object({ code: ErrorCode, message: z.string().optional() }) });
export type AckError = z.infer<typeof AckError>;

/** The answer to `article:join`: what was missed since `sinceSeq`, or `resync` when too much was. */
export const JoinAck = z.union([
  z.object({ ok: z.literal(true), seq: Seq, missed: z.array(ArticleEvent) }),
  z.object({ ok: z.literal(true), seq: Seq, resync: z.literal(true) }),
  AckError,
]);
export type JoinAck = z.infer<typeof JoinAck>;

export const LeaveAck = z.object({ ok: z.boolean() });
/** The answer to `notifications:list`: the page GET /api/notifications answers for the same query. */
export const NotificationsAck = z.union([z.object({ ok: z.literal(true), page: NotificationsPage }), AckError]);
export type NotificationsAck = z.infer<typeof NotificationsAck>;
export const AccessRevoked = z.object({ articleId: Uuid });
export const RateLimitedNotice = z.object({ retryAfterMs: z.number().int().min(0) });

interface EventSpec {
  summary: string;
  payload: z.ZodType;
  /** What the server answers through the socket.io acknowledgement callback. */
  ack?: z.ZodType;
  /** The client may leave the acknowledgement out. */
  ackOptional?: true;
}

/**
 * Socket events, declared once with their payloads: the server's and the web client's socket
 * types below are derived from these, and so is the AsyncAPI document.
 */
export const serverToClientEvents = {
  event: { summary: "A change to a joined article, in the article's `seq` order", payload: ArticleEvent },
  presence: { summary: "Who is reading a joined article, and their selections", payload: Presence },
  'access:revoked': { summary: 'The user lost access to the article (removed from its workspace)', payload: AccessRevoked },
  'rate-limited': { summary: 'Events are being dropped because this connection sent too many; retry after the delay', payload: RateLimitedNotice },
  notification: { summary: 'A notification for this user, stored and pushed to every socket they have open', payload: Notification },
} satisfies Record<string, EventSpec>;

export const clientToServerEvents = {
  'article:join': {
    summary: "Follow an article live; with `sinceSeq`, the answer carries what was missed",
    payload: JoinArticle,
    ack: JoinAck,
  },
  'article:leave': { summary: 'Stop following an article', payload: LeaveArticle, ack: LeaveAck, ackOptional: true },
  'presence:update': { summary: "Share the user's selection in a joined article", payload: PresenceUpdate },
  'notifications:list': {
    summary: "The user's notifications, newest first, as GET /api/notifications answers the same query, read on the connection the client already holds",
    payload: NotificationsQuery,
    ack: NotificationsAck,
  },
} satisfies Record<string, EventSpec>;

// A payload is typed as its schema's input: what the sender sends and the receiver parses (a
// field with a default may be left out).
type Listener<E> = E extends { payload: infer P extends z.ZodType; ack: infer A extends z.ZodType }
  ? E extends { ackOptional: true }
    ? (payload: z.input<P>, ack?: (answer: z.infer<A>) => void) => void
    : (payload: z.input<P>, ack: (answer: z.infer<A>) => void) => void
  : E extends { payload: infer P extends z.ZodType }
    ? (payload: z.input<P>) => void
    : never;

/** Socket events, typed once for the server (`Server<...>`) and the client (`Socket<...>`). */
export type ServerToClientEvents = { [K in keyof typeof serverToClientEvents]: Listener<(typeof serverToClientEvents)[K]> };
/** Joining and presence, and the writes of SOCKET_WRITES (each with an ack; see socket-writes.ts). */
export type ClientToServerEvents = { [K in keyof typeof clientToServerEvents]: Listener<(typeof clientToServerEvents)[K]> } & SocketWriteEvents;

/** The scope an API token needs for each event a client sends (a session needs none). */
export const SOCKET_EVENT_SCOPES: Record<keyof ClientToServerEvents, TokenScope> = {
  'article:join': 'read',
  'article:leave': 'read',
  'presence:update': 'read',
  'notifications:list': 'read',
  ...(Object.fromEntries(SOCKET_WRITE_EVENTS.map((event) => [event, 'write'])) as Record<SocketWriteEvent, 'write'>),
};
