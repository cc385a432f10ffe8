import { useMemo } from 'react';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { Evidence, type Claim, type CreateEvidenceBody, type Person, type UpdateEvidenceBody } from '@corroborate/contracts';
import { http, isApiError } from '../../lib/http';
import { mutateEach, type Settle } from '../../lib/mutateEach';
import { queryKeys } from '../../lib/queryKeys';
import { uuid } from '../../lib/uuid';
import { articleSync } from '../live/articleSync';
import { liveWrite } from '../live/liveWrite';
import { addChildId, removeChildIds, reorderIds, withChildIds } from '../live/reducers/claims';
import { removeEvidence, reorderEvidence, upsertEvidence } from '../live/reducers/evidence';
import { restoreVersioned } from '../live/reducers/versioned';

const enc = encodeURIComponent;

export type EvidenceFields = Omit<UpdateEvidenceBody, 'version'>;

/** A 409 answer's current evidence, when it carries one. */
export function conflictEvidence(error: unknown): Evidence | null {
  if (!isApiError(error, 'CONFLICT')) return null;
  const parsed = Evidence.safeParse(error.current);
  return parsed.success ? parsed.data : null;
}

/** Changes a claim's cached evidence and the claim's count, through their reducers. */
function updateCaches(
  queryClient: QueryClient,
  articleId: string,
  claimId: string,
  evidence: (list: readonly Evidence[], deleted: ReadonlySet<string>) => Evidence[],
  claims?: (list: readonly Claim[], deleted: ReadonlySet<string>) => Claim[],
) {
  const { deleted } = articleSync(queryClient, articleId);
  queryClient.setQueryData<Evidence[]>(queryKeys.articles.claimEvidence(articleId, claimId), (list) => list && evidence(list, deleted));
  if (claims) queryClient.setQueryData<Claim[]>(queryKeys.articles.claims(articleId), (list) => list && claims(list, deleted));
}

type CreateVars = { body: CreateEvidenceBody & { id: string }; draft: Evidence };
type UpdateVars = { before: Evidence; optimistic: Evidence; fields: EvidenceFields };
type ReorderVars = { ids: string[]; previous: string[] };

/** Evidence writes on one claim: optimistic, replaced by the answer, undone (and explained by the caller) if refused. */
export function useEvidenceActions(articleId: string, claimId: string, user: Person | undefined) {
  const queryClient = useQueryClient();
  const scope = { id: `evidence-writes:${claimId}` };

  const create = useMutation<Evidence, Error, CreateVars>({
    scope,
    mutationFn: ({ body }) => liveWrite('evidence:create', { claimId, body }, { method: 'POST', path: `/claims/${enc(claimId)}/evidence` }),
    onMutate: ({ draft }) =>
      updateCaches(queryClient, articleId, claimId, (l, d) => upsertEvidence(l, draft, d), (l, d) => addChildId(l, claimId, 'evidenceIds', draft.id, d)),
    onSuccess: (answer) => updateCaches(queryClient, articleId, claimId, (l, d) => upsertEvidence(l, answer, d)),
    onError: (_e, { draft }) =>
      updateCaches(queryClient, articleId, claimId, (l) => removeEvidence(l, [draft.id]), (l) => removeChildIds(l, claimId, 'evidenceIds', [draft.id])),
  });

  const update = useMutation<Evidence, Error, UpdateVars>({
    scope,
    mutationFn: ({ before, fields }) =>
      liveWrite('evidence:update', { evidenceId: before.id, body: { ...fields, version: before.version } }, { method: 'PATCH', path: `/evidence/${enc(before.id)}` }),
    onMutate: ({ optimistic }) => updateCaches(queryClient, articleId, claimId, (l, d) => upsertEvidence(l, optimistic, d)),
    onSuccess: (answer) => updateCaches(queryClient, articleId, claimId, (l, d) => upsertEvidence(l, answer, d)),
    onError: (error, { before, optimistic }) => {
      const current = conflictEvidence(error);
      updateCaches(queryClient, articleId, claimId, (l, d) => {
        const undone = restoreVersioned(l, before, optimistic.version);
        return current ? upsertEvidence(undone, current, d) : undone;
      });
    },
  });

  const remove = useMutation<void, Error, { item: Evidence; order: string[] }>({
    scope,
    mutationFn: async ({ item }) => {
      try {
        await http<void>(`/evidence/${enc(item.id)}`, { method: 'DELETE' });
      } catch (error) {
        if (!isApiError(error, 'NOT_FOUND')) throw error;
      }
    },
    onMutate: ({ item }) =>
      updateCaches(queryClient, articleId, claimId, (l) => removeEvidence(l, [item.id]), (l) => removeChildIds(l, claimId, 'evidenceIds', [item.id])),
    onSuccess: (_v, { item }) => void articleSync(queryClient, articleId).deleted.add(item.id),
    onError: (_e, { item, order }) =>
      updateCaches(
        queryClient,
        articleId,
        claimId,
        (l, d) => reorderEvidence(upsertEvidence(l, item, d), order),
        (l, d) => withChildIds(addChildId(l, claimId, 'evidenceIds', item.id, d), claimId, 'evidenceIds', (ids) => reorderIds(ids, order)),
      ),
  });

  const reorder = useMutation<Evidence[], Error, ReorderVars>({
    scope,
    mutationFn: ({ ids }) => http<Evidence[]>(`/claims/${enc(claimId)}/evidence/order`, { method: 'PUT', body: { ids } }),
    onMutate: ({ ids }) =>
      updateCaches(queryClient, articleId, claimId, (l) => reorderEvidence(l, ids), (l) => withChildIds(l, claimId, 'evidenceIds', (x) => reorderIds(x, ids))),
    onError: (error, { previous }) => {
      updateCaches(queryClient, articleId, claimId, (l) => reorderEvidence(l, previous), (l) => withChildIds(l, claimId, 'evidenceIds', (x) => reorderIds(x, previous)));
      // The list changed underneath (a 409 names the current items): read it afresh.
      if (isApiError(error, 'CONFLICT')) void queryClient.invalidateQueries({ queryKey: queryKeys.articles.claimEvidence(articleId, claimId) });
    },
  });

  const { mutateAsync: mutateCreate } = create;
  const { mutateAsync: mutateUpdate } = update;
  const { mutateAsync: mutateRemove } = remove;
  const { mutateAsync: mutateReorder } = reorder;

  return useMemo(
    () => ({
      add(fields: Omit<CreateEvidenceBody, 'id'>, options?: Settle<Evidence, CreateVars>): string {
        const id = uuid();
        const now = new Date().toISOString();
        const draft: Evidence = {
          id,
          claimId,
          articleId,
          kind: fields.kind,
          url: fields.url ?? null,
          title: fields.title ?? null,
          publisher: fields.publisher ?? null,
          publishedAt: fields.publishedAt ?? null,
          excerpt: fields.excerpt ?? null,
          stance: fields.stance,
          reliability: fields.reliability ?? 'unknown',
          reliabilityNote: fields.reliabilityNote ?? null,
          note: fields.note ?? null,
          sourceId: null,
          position: Number.MAX_SAFE_INTEGER,
          createdBy: user ?? { id: '', displayName: '' },
          version: 1,
          createdAt: now,
          updatedAt: now,
        };
        mutateEach(mutateCreate, { body: { ...fields, id }, draft }, options);
        return id;
      },
      update(before: Evidence, fields: EvidenceFields, options?: Settle<Evidence, UpdateVars>): void {
        const optimistic = { ...before, ...fields, version: before.version + 1, updatedAt: new Date().toISOString() } as Evidence;
        mutateEach(mutateUpdate, { before, optimistic, fields }, options);
      },
      remove(item: Evidence, order: string[], options?: Settle<void, { item: Evidence; order: string[] }>): void {
        mutateEach(mutateRemove, { item, order }, options);
      },
      reorder(ids: string[], previous: string[], options?: Settle<Evidence[], ReorderVars>): void {
        mutateEach(mutateReorder, { ids, previous }, options);
      },
    }),
    [articleId, claimId, user, mutateCreate, mutateUpdate, mutateRemove, mutateReorder],
  );
}

export type EvidenceActions = ReturnType<typeof useEvidenceActions>;
