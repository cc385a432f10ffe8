import { z } from 'zod';
import { IsoDate, Uuid } from './common';

/** The kinds of thing the activity feed can be narrowed to (audit entity types). */
export const AUDIT_KINDS = ['annotation', 'claim', 'evidence', 'article', 'membership', 'invite', 'workspace', 'api_token', 'user'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const AuditEntry = z.object({
  id: z.string(),
  at: IsoDate,
  actorId: Uuid.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  /** The article the change is about (itself, or what it belongs to), for the feed's words and links. */
  article: z.object({ id: Uuid, title: z.string() }).nullable(),
  /** Who a membership change is about. */
  subjectName: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  /** Entries older than this id (keyset pagination, newest first). */
  before: z.string().regex(/^[1-9]\d{0,17}$/, 'must be an audit entry id').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Only changes made by this member. */
  actorId: Uuid.optional(),
  /** Only changes to this kind of thing (the entries' entity type). */
  kind: z.enum(AUDIT_KINDS).optional(),
  /** Only changes to this article and what belongs to it. */
  articleId: Uuid.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  nextBefore: z.string().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;
