import { z } from 'zod';
import type { ErrorCode } from './errors';
import { IsoDate, Seq, Uuid } from './common';
import type { Notification } from './notifications';
import type { SocketWriteEvents } from './socket-writes';

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

export type AckError = { ok: false; error: { code: ErrorCode; message?: string } };
export type JoinAck =
  | { ok: true; seq: number; missed: ArticleEvent[] }
  | { ok: true; seq: number; resync: true }
  | AckError;

/** Socket events, typed once for the server (`Server<...>`) and the client (`Socket<...>`). */
export interface ServerToClientEvents {
  event: (event: ArticleEvent) => void;
  presence: (presence: Presence) => void;
  /** The user lost access to the article (removed from its workspace). */
  'access:revoked': (payload: { articleId: string }) => void;
  /** Events are being dropped because this connection sent too many; retry after the delay. */
  'rate-limited': (payload: { retryAfterMs: number }) => void;
  /** A notification for this user, stored and pushed to every socket they have open. */
  notification: (notification: Notification) => void;
}

/** Joining, presence, and the writes of SOCKET_WRITES (each with an ack). */
export interface ClientToServerEvents extends SocketWriteEvents {
  'article:join': (payload: JoinArticle, ack: (answer: JoinAck) => void) => void;
  'article:leave': (payload: LeaveArticle, ack?: (answer: { ok: boolean }) => void) => void;
  'presence:update': (payload: PresenceUpdate) => void;
}
