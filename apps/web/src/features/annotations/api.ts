import { useMemo } from 'react';
import { useMutation, useMutationState, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Annotation, AnnotationVersion, Article, MeResponse, Motivation, UpdateAnnotationBody } from '@corroborate/contracts';
import { http } from '../../lib/http';
import { mutateEach, type Settle } from '../../lib/mutateEach';
import { queryKeys } from '../../lib/queryKeys';
import { uuid } from '../../lib/uuid';
import { articleSync } from '../live/articleSync';
import { upsertAnnotation } from '../live/reducers/annotations';
import { spanSelectors, type Span } from './anchoring';
import { draftStore } from './draftStore';
import { draftOfCreate } from './drafts';
import { applyOp, applyOps, opsFor, type CreateOp, type OutboxOp } from './outbox';
import { outbox, useOutbox } from './outboxStore';
import { failOp, settleOp, submitOp, type Outcome } from './writes';

/** The list as this user sees it: their writes still queued from before a reload keep showing. */
export function withQueuedWrites(queryClient: QueryClient, articleId: string, list: Annotation[]): Annotation[] {
  const userId = queryClient.getQueryData<MeResponse | null>(queryKeys.me())?.user.id;
  return applyOps(list, opsFor(outbox.all(), articleId).filter((op) => op.userId === userId));
}

/** The article's annotations, kept current by live events (see `useArticleLive`), never by polling. */
export function useAnnotations(articleId: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.articles.annotations(articleId),
    queryFn: async ({ signal }) => {
      const list = await articleSync(queryClient, articleId).load(queryKeys.articles.annotations(articleId), () =>
        http<Annotation[]>(`/articles/${encodeURIComponent(articleId)}/annotations`, { signal }),
      );
      return withQueuedWrites(queryClient, articleId, list);
    },
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/** Every annotation write: optimistic in the cache, sent now or queued, undone if refused. */
export function useAnnotationWrite(articleId: string) {
  const queryClient = useQueryClient();
  return useMutation<Outcome, Error, OutboxOp>({
    mutationKey: queryKeys.mutations.annotationWrite(articleId),
    // One at a time, in order (a reply must not overtake its thread), and run even offline:
    // the mutation itself decides to queue.
    scope: { id: 'annotation-writes' },
    networkMode: 'always',
    mutationFn: (op) => submitOp(queryClient, op),
    onMutate: (op) => {
      queryClient.setQueryData<Annotation[]>(queryKeys.articles.annotations(articleId), (list) => list && applyOp(list, op));
      // The text now travels with the write (shown at once, queued if offline): the passage's
      // draft is done, so a composer opened there meanwhile starts empty.
      const draft = op.kind === 'create' ? draftOfCreate(op) : null;
      if (draft) draftStore.remove(draft.key);
    },
    onSuccess: (outcome, op) => {
      if (!outcome.queued) settleOp(queryClient, op, outcome.result);
    },
    // Refused: the text goes back to the passage's draft, unless newer text was typed there
    // since (the form that sent it then keeps it beside that text).
    onError: (error, op) => failOp(queryClient, op, error),
  });
}

/** Ids with a write on its way or waiting for the connection. */
export function usePendingIds(articleId: string): ReadonlySet<string> {
  const queued = useOutbox();
  const sending = useMutationState({
    filters: { mutationKey: queryKeys.mutations.annotationWrite(articleId), status: 'pending' },
    select: (mutation) => (mutation.state.variables as OutboxOp | undefined)?.id,
  });
  return useMemo(
    () => new Set([...opsFor(queued, articleId).map((op) => op.id), ...sending.filter((id) => id !== undefined)]),
    [queued, sending, articleId],
  );
}

/** An edited annotation's versions, oldest first (read when someone asks to see them). */
export function useAnnotationHistory(annotation: Annotation) {
  return useQuery({
    queryKey: queryKeys.articles.annotationHistory(annotation.articleId, annotation.id, annotation.editedAt),
    queryFn: ({ signal }) => http<AnnotationVersion[]>(`/annotations/${encodeURIComponent(annotation.id)}/history`, { signal }),
    staleTime: Infinity,
  });
}

export interface NewAnnotation {
  motivation: Exclude<Motivation, 'replying'>;
  span: Span;
  body?: string;
  tags?: string[];
}

type Options = Settle<Outcome, OutboxOp>;

/** Builds the ops behind each user action; the ids are chosen here so resends are idempotent. */
export function useAnnotationActions(article: Article, user: { id: string; displayName: string }) {
  const write = useAnnotationWrite(article.id);
  const { mutateAsync } = write;

  return useMemo(() => {
    const base = (id: string) => ({ opId: uuid(), articleId: article.id, userId: user.id, id });

    const createOp = (id: string, body: CreateOp['body'], revisionId: string, selector: Annotation['target']['selector']): CreateOp => {
      const now = new Date().toISOString();
      const draft: Annotation = {
        id,
        articleId: article.id,
        revisionId,
        motivation: body.motivation,
        body: body.body ?? null,
        tags: body.tags ?? [],
        target: { source: revisionId, selector },
        replyTo: body.replyTo ?? null,
        author: { id: user.id, displayName: user.displayName },
        resolved: false,
        resolvedAt: null,
        resolvedBy: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
        editedAt: null,
      };
      return { kind: 'create', ...base(id), body, draft };
    };

    return {
      /** Starts a thread on a span of the current revision; returns its id. */
      create({ motivation, span, body, tags }: NewAnnotation, options?: Options): string {
        const id = uuid();
        const selector = spanSelectors(article.revision.text, span);
        const request = { id, motivation, target: { selector }, ...(body ? { body } : {}), ...(tags?.length ? { tags } : {}) };
        mutateEach(mutateAsync, createOp(id, request, article.revision.id, selector), options);
        return id;
      },
      reply(root: Annotation, body: string, options?: Options): string {
        const id = uuid();
        mutateEach(mutateAsync, createOp(id, { id, motivation: 'replying', replyTo: root.id, body }, root.revisionId, root.target.selector), options);
        return id;
      },
      update(annotation: Annotation, change: Omit<UpdateAnnotationBody, 'version'>, options?: Options): void {
        mutateEach(mutateAsync, { kind: 'update', ...base(annotation.id), body: { ...change, version: annotation.version }, before: annotation }, options);
      },
      remove(annotation: Annotation, replies: readonly Annotation[], options?: Options): void {
        mutateEach(mutateAsync, { kind: 'delete', ...base(annotation.id), before: [annotation, ...replies] }, options);
      },
    };
  }, [article.id, article.revision.id, article.revision.text, user.id, user.displayName, mutateAsync]);
}

export type AnnotationActions = ReturnType<typeof useAnnotationActions>;

/**
 * Moves an orphaned thread (and its replies) onto a passage of the latest revision. Not queued
 * offline: it needs the text as it is now, so a refusal keeps the user in re-attach mode instead.
 */
export function useReattachAnnotation(article: Article) {
  const queryClient = useQueryClient();
  return useMutation<Annotation, Error, { annotation: Annotation; span: Span }>({
    mutationFn: ({ annotation, span }) =>
      http<Annotation>(`/annotations/${encodeURIComponent(annotation.id)}/target`, {
        method: 'PATCH',
        body: { version: annotation.version, target: { selector: spanSelectors(article.revision.text, span) } },
      }),
    onSuccess: (moved) => {
      const { deleted } = articleSync(queryClient, article.id);
      queryClient.setQueryData<Annotation[]>(queryKeys.articles.annotations(article.id), (list) => list && upsertAnnotation(list, moved, deleted));
    },
  });
}
