import { z } from 'zod';
import { IsoDate, Person, Uuid } from './common';

export const NotificationKind = z.enum([
  /** You were assigned a claim. */
  'claim.assigned',
  /** A claim you are assigned to changed status. */
  'claim.status',
  /** A claim you are assigned to was commented on. */
  'claim.commented',
  /** Someone wrote @you in a comment. */
  'mention',
  /** Someone tried to sign up with your email address. */
  'account.signup_attempt',
]);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const Notification = z.object({
  id: Uuid,
  kind: NotificationKind,
  /** Null for a notice about the account itself. */
  workspaceId: Uuid.nullable(),
  articleId: Uuid.nullable(),
  claimId: Uuid.nullable(),
  annotationId: Uuid.nullable(),
  actor: Person.nullable(),
  /** What happened, in words ("Tomás assigned you “The river is cleaner…”"). */
  text: z.string(),
  createdAt: IsoDate,
  readAt: IsoDate.nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationsQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  /** Notifications older than this one (keyset paging, newest first). */
  before: Uuid.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type NotificationsQuery = z.infer<typeof NotificationsQuery>;

export const NotificationsPage = z.object({
  items: z.array(Notification),
  unread: z.number().int(),
  nextBefore: Uuid.nullable(),
});
export type NotificationsPage = z.infer<typeof NotificationsPage>;
