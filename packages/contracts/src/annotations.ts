import { z } from 'zod';
import { IsoDate, Person, readable, Seq, UNREADABLE, Uuid, Version } from './common';

export const Motivation = z.enum(['highlighting', 'commenting', 'questioning', 'tagging', 'replying']);
export type Motivation = z.infer<typeof Motivation>;

/** Characters of context kept on each side of a quote. */
export const QUOTE_CONTEXT = 32;

export const TextQuoteSelector = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1, 'must not be empty').max(20_000),
  prefix: z.string().max(1_000).default(''),
  suffix: z.string().max(1_000).default(''),
});
export type TextQuoteSelector = z.infer<typeof TextQuoteSelector>;

export const TextPositionSelector = z
  .object({
    type: z.literal('TextPositionSelector'),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
  })
  .refine((s) => s.end > s.start, { message: 'end must be after start', path: ['end'] });
export type TextPositionSelector = z.infer<typeof TextPositionSelector>;

export const Selector = z.discriminatedUnion('type', [TextQuoteSelector, TextPositionSelector]);
export type Selector = z.infer<typeof Selector>;

/** A selector list (or one selector) naming a span of the article's current revision. */
export const TargetInput = z.object({
  selector: z
    .union([Selector, z.array(Selector).min(1).max(2)])
    .transform((s) => (Array.isArray(s) ? s : [s]))
    .refine((list) => new Set(list.map((s) => s.type)).size === list.length, {
      message: 'must not repeat a selector type',
    }),
});
export type TargetInput = z.infer<typeof TargetInput>;

/** Limits the web client shows as the user types, and the API enforces. */
export const ANNOTATION_BODY_MAX = 20_000;
export const TAG_MAX_LENGTH = 64;
export const TAGS_MAX = 20;

export const Tags = z
  .array(z.string().trim().min(1).max(TAG_MAX_LENGTH).refine(readable, UNREADABLE))
  .max(TAGS_MAX)
  .transform((tags) => [...new Set(tags)]);

export const CreateAnnotationBody = z
  .object({
    id: Uuid.optional(),
    motivation: Motivation,
    body: z.string().max(ANNOTATION_BODY_MAX).optional(),
    tags: Tags.optional(),
    target: TargetInput.optional(),
    replyTo: Uuid.optional(),
  })
  .superRefine((a, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (a.replyTo && a.motivation !== 'replying') issue('motivation', 'must be "replying" for a reply');
    if (a.motivation === 'replying' && !a.replyTo) issue('replyTo', 'is required for a reply');
    if (!a.replyTo && !a.target) issue('target', 'is required');
    const needsBody = a.motivation === 'commenting' || a.motivation === 'questioning' || a.motivation === 'replying';
    if (needsBody && !readable(a.body ?? '')) issue('body', `is required when motivation is ${a.motivation}`);
    if (a.motivation === 'tagging' && !a.tags?.length) issue('tags', 'needs at least one tag when motivation is tagging');
  });
export type CreateAnnotationBody = z.infer<typeof CreateAnnotationBody>;

export const UpdateAnnotationBody = z.object({
  version: Version,
  body: z.string().max(ANNOTATION_BODY_MAX).nullable().optional(),
  tags: Tags.optional(),
  resolved: z.boolean().optional(),
});
export type UpdateAnnotationBody = z.infer<typeof UpdateAnnotationBody>;

export const Annotation = z.object({
  id: Uuid,
  articleId: Uuid,
  revisionId: Uuid,
  motivation: Motivation,
  body: z.string().nullable(),
  tags: z.array(z.string()),
  target: z.object({
    source: Uuid,
    selector: z.tuple([
      z.object({ type: z.literal('TextQuoteSelector'), exact: z.string(), prefix: z.string(), suffix: z.string() }),
      z.object({ type: z.literal('TextPositionSelector'), start: z.number().int(), end: z.number().int() }),
    ]),
  }),
  replyTo: Uuid.nullable(),
  author: z.object({ id: Uuid, displayName: z.string() }),
  resolved: z.boolean(),
  resolvedAt: IsoDate.nullable(),
  resolvedBy: Uuid.nullable(),
  version: z.number().int(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  /** When the body or tags were last edited (not resolved or moved); null if never. Its earlier versions: `GET /api/annotations/:id/history`. */
  editedAt: IsoDate.nullable(),
});
export type Annotation = z.infer<typeof Annotation>;

/** One version of an annotation's body: the first as written, then each edit, oldest first; the last is the current one. */
export const AnnotationVersion = z.object({
  body: z.string().nullable(),
  tags: z.array(z.string()),
  at: IsoDate,
  /** Who wrote this version (null once their account is gone). */
  by: Person.nullable(),
});
export type AnnotationVersion = z.infer<typeof AnnotationVersion>;

export const EventsQuery = z.object({
  after: z.coerce.number().pipe(Seq).default(0),
  limit: z.coerce.number().int().min(1).max(5_000).default(1_000),
});
export type EventsQuery = z.infer<typeof EventsQuery>;
