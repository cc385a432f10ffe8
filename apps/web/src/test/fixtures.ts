import { Annotation, type ArticleEvent } from '@corroborate/contracts';

/** Builders for the unit specs: valid contract objects with readable, stable ids. */

/** A valid v4 UUID whose last group is `n` in hex, so ids read as small numbers in failures. */
export const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const ARTICLE_ID = uuid(0xa000);
export const REVISION_ID = uuid(0xb001);
export const OLD_REVISION_ID = uuid(0xb000);
export const USER_ID = uuid(0xc001);
export const OTHER_USER_ID = uuid(0xc002);

/** A timestamp `minute` minutes into a fixed day. */
export const at = (minute: number): string => new Date(Date.UTC(2025, 0, 1, 9, minute)).toISOString();

export interface AnnotationSpec extends Partial<Omit<Annotation, 'id'>> {
  id: string;
  start?: number;
  end?: number;
}

/** An annotation on `REVISION_ID`, validated against the contract so a bad fixture fails loudly. */
export function annotation({ id, start = 0, end = 5, ...rest }: AnnotationSpec): Annotation {
  const revisionId = rest.revisionId ?? REVISION_ID;
  return Annotation.parse({
    id,
    articleId: ARTICLE_ID,
    revisionId,
    motivation: 'commenting',
    body: `note ${id.slice(-4)}`,
    tags: [],
    target: {
      source: revisionId,
      selector: [
        { type: 'TextQuoteSelector', exact: 'x'.repeat(Math.max(0, end - start)), prefix: '', suffix: '' },
        { type: 'TextPositionSelector', start, end },
      ],
    },
    replyTo: null,
    author: { id: USER_ID, displayName: 'Ada' },
    resolved: false,
    resolvedAt: null,
    resolvedBy: null,
    version: 1,
    createdAt: at(0),
    updatedAt: at(0),
    editedAt: null,
    ...rest,
  });
}

/** A reply in `root`'s thread. */
export const reply = (root: Annotation, id: string, minute: number, extra: Partial<Annotation> = {}): Annotation =>
  annotation({
    id,
    motivation: 'replying',
    replyTo: root.id,
    revisionId: root.revisionId,
    start: root.target.selector[1].start,
    end: root.target.selector[1].end,
    createdAt: at(minute),
    updatedAt: at(minute),
    ...extra,
  });

export const event = (seq: number, type: string, data: unknown, articleId = ARTICLE_ID): ArticleEvent => ({
  seq,
  articleId,
  type,
  actorId: USER_ID,
  at: at(seq),
  data,
});

export const created = (seq: number, a: Annotation) => event(seq, 'annotation.created', a);
export const updated = (seq: number, a: Annotation) => event(seq, 'annotation.updated', a);
export const deleted = (seq: number, a: Annotation, deletedIds: string[] = [a.id]) =>
  event(seq, 'annotation.deleted', { id: a.id, replyTo: a.replyTo, deletedIds });

export const ids = (list: readonly { id: string }[]): string[] => list.map((a) => a.id);
