import { z } from 'zod';
import { formatLimit, IsoDate, Person, Uuid, Version } from './common';

export const EvidenceKind = z.enum(['url', 'document', 'quote', 'note']);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

export const Stance = z.enum(['supports', 'refutes', 'context', 'unclear']);
export type Stance = z.infer<typeof Stance>;

export const Reliability = z.enum(['high', 'medium', 'low', 'unknown']);
export type Reliability = z.infer<typeof Reliability>;

export const STANCE_LABEL: Record<Stance, string> = {
  supports: 'Supports',
  refutes: 'Refutes',
  context: 'Context',
  unclear: 'Unclear',
};

export const RELIABILITY_LABEL: Record<Reliability, string> = {
  high: 'High reliability',
  medium: 'Medium reliability',
  low: 'Low reliability',
  unknown: 'Reliability unknown',
};

export const MAX_URL_LENGTH = 2_048;

/** Links are kept as given, but only web addresses: never javascript:, data: or file:. */
export const EvidenceUrl = z
  .string()
  .trim()
  .max(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters`)
  .refine(
    (value) => {
      if (!URL.canParse(value)) return false;
      const { protocol, hostname } = new URL(value);
      return (protocol === 'http:' || protocol === 'https:') && hostname.length > 0;
    },
    { message: 'must be an http or https address' },
  );

const Text = (max: number) => z.string().trim().max(max, `must be at most ${formatLimit(max)} characters`);

const EvidenceFields = {
  url: EvidenceUrl.nullable().optional(),
  title: Text(500).nullable().optional(),
  publisher: Text(300).nullable().optional(),
  publishedAt: z.iso.date({ error: 'must be a date (2024-05-31)' }).nullable().optional(),
  excerpt: Text(10_000).nullable().optional(),
  stance: Stance,
  reliability: Reliability.optional(),
  reliabilityNote: Text(2_000).nullable().optional(),
  note: Text(10_000).nullable().optional(),
};

/** What each kind of evidence must hold: the first field missing, or null. */
export function missingForKind(e: {
  kind: EvidenceKind;
  url?: string | null;
  title?: string | null;
  publisher?: string | null;
  excerpt?: string | null;
  note?: string | null;
}): { path: string; message: string } | null {
  if (e.kind === 'url' && !e.url) return { path: 'url', message: 'is required for a url' };
  if (e.kind === 'document' && !e.title && !e.publisher) return { path: 'title', message: 'a document needs a title or a publisher' };
  if (e.kind === 'quote' && !e.excerpt) return { path: 'excerpt', message: 'is required for a quote' };
  if (e.kind === 'note' && !e.note && !e.excerpt) return { path: 'note', message: 'is required for a note' };
  return null;
}

function requireForKind(e: Parameters<typeof missingForKind>[0], ctx: z.RefinementCtx) {
  const missing = missingForKind(e);
  if (missing) ctx.addIssue({ code: 'custom', path: [missing.path], message: missing.message });
}

export const CreateEvidenceBody = z.object({ id: Uuid.optional(), kind: EvidenceKind, ...EvidenceFields }).superRefine(requireForKind);
export type CreateEvidenceBody = z.infer<typeof CreateEvidenceBody>;

export const UpdateEvidenceBody = z
  .object({ version: Version, ...EvidenceFields, stance: Stance.optional() })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), { message: 'names nothing to change', path: ['version'] });
export type UpdateEvidenceBody = z.infer<typeof UpdateEvidenceBody>;

/** The claim's evidence in a new order: every current item, once. */
export const ReorderEvidenceBody = z.object({ ids: z.array(Uuid).max(200) });
export type ReorderEvidenceBody = z.infer<typeof ReorderEvidenceBody>;

export const Evidence = z.object({
  id: Uuid,
  claimId: Uuid,
  articleId: Uuid,
  kind: EvidenceKind,
  url: z.string().nullable(),
  title: z.string().nullable(),
  publisher: z.string().nullable(),
  publishedAt: z.string().nullable(),
  excerpt: z.string().nullable(),
  stance: Stance,
  reliability: Reliability,
  reliabilityNote: z.string().nullable(),
  note: z.string().nullable(),
  /** The workspace's record of where this came from (a page, or a publisher). */
  sourceId: Uuid.nullable(),
  position: z.number().int(),
  createdBy: Person,
  version: z.number().int(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type Evidence = z.infer<typeof Evidence>;

/** Where evidence comes from, recorded once per workspace, with how the desk has used it. */
export const Source = z.object({
  id: Uuid,
  /** The normalised origin and path of a page, or `publisher:<name>`. */
  key: z.string(),
  /** The site (host) or publisher: what the desk groups sources by. */
  outlet: z.string(),
  url: z.string().nullable(),
  publisher: z.string().nullable(),
  citations: z.number().int(),
  stances: z.record(Stance, z.number().int()),
  lastReliability: Reliability.nullable(),
  lastCitedAt: IsoDate.nullable(),
  firstSeenAt: IsoDate,
});
export type Source = z.infer<typeof Source>;
