import { z } from 'zod';
import { IsoDate, Uuid } from './common';

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
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  /** Entries older than this id (keyset pagination, newest first). */
  before: z.string().regex(/^[1-9]\d{0,17}$/, 'must be an audit entry id').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  nextBefore: z.string().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;
