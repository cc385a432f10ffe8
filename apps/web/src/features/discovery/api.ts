import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { READER_CANDIDATES, type Article, type CandidateDismissal, type Claim, type ClaimCandidate, type FactChecks, type SimilarClaim } from '@corroborate/contracts';
import { http } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';
import { uuid } from '../../lib/uuid';
import { spanSelectors } from '../annotations/anchoring';

const enc = encodeURIComponent;

/** The article's suggested claims, dismissed ones included (marked) so they can be restored; the reader view brings the first copy. */
export function useClaimCandidates(articleId: string) {
  return useQuery({
    queryKey: queryKeys.articles.candidates(articleId),
    queryFn: ({ signal }) => http<ClaimCandidate[]>(`/articles/${enc(articleId)}/claim-candidates`, { signal, query: { include: 'dismissed', limit: READER_CANDIDATES } }),
    staleTime: 60_000,
  });
}

/** Hides a suggestion for the workspace; the list updates at once and the server confirms. */
export function useDismissCandidate(articleId: string) {
  const queryClient = useQueryClient();
  const key = queryKeys.articles.candidates(articleId);
  return useMutation({
    mutationFn: (candidate: ClaimCandidate) => http<CandidateDismissal>(`/articles/${enc(articleId)}/claim-candidates/dismissals`, { method: 'POST', body: { sentence: candidate.sentence } }),
    onMutate: (candidate) => {
      queryClient.setQueryData<ClaimCandidate[]>(key, (list) => list?.map((c) => (c.hash === candidate.hash ? { ...c, dismissed: true } : c)));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

/** Undoes a dismissal (found by the sentence's hash among the article's dismissals). */
export function useRestoreCandidate(articleId: string) {
  const queryClient = useQueryClient();
  const key = queryKeys.articles.candidates(articleId);
  return useMutation({
    mutationFn: async (candidate: ClaimCandidate) => {
      const dismissals = await http<CandidateDismissal[]>(`/articles/${enc(articleId)}/claim-candidates/dismissals`);
      const dismissal = dismissals.find((d) => d.hash === candidate.hash);
      if (dismissal) await http<void>(`/claim-candidate-dismissals/${enc(dismissal.id)}`, { method: 'DELETE' });
    },
    onMutate: (candidate) => {
      queryClient.setQueryData<ClaimCandidate[]>(key, (list) => list?.map((c) => (c.hash === candidate.hash ? { ...c, dismissed: false } : c)));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

/** Turns a suggestion into a claim anchored to its sentence (statement = the sentence, unless edited). */
export function useClaimFromCandidate(article: Article) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ candidate, statement }: { candidate: ClaimCandidate; statement?: string }) =>
      http<Claim>(`/articles/${enc(article.id)}/claims`, {
        method: 'POST',
        body: {
          id: uuid(),
          statement: statement ?? candidate.sentence,
          target: { selector: spanSelectors(article.revision.text, candidate) },
        },
      }),
    onSuccess: (claim) => {
      queryClient.setQueryData(queryKeys.claims.detail(claim.id), claim);
      // The sentence is claimed now: it leaves the suggestions.
      void queryClient.invalidateQueries({ queryKey: queryKeys.articles.candidates(article.id) });
    },
  });
}

export function useClaim(claimId: string | null) {
  return useQuery({
    queryKey: queryKeys.claims.detail(claimId ?? ''),
    queryFn: claimId ? ({ signal }) => http<Claim>(`/claims/${enc(claimId)}`, { signal }) : skipToken,
  });
}

/** What a similar-claims list is about: a statement being typed, or a claim. */
export type SimilarTarget = { workspaceId: string; statement: string; claimId?: undefined } | { workspaceId: string; claimId: string; statement?: undefined };

/** Statements shorter than this are not worth comparing yet. */
export const MIN_STATEMENT = 12;

export function useSimilarClaims(target: SimilarTarget) {
  const { workspaceId, claimId, statement = '' } = target;
  const text = statement.trim();
  return useQuery({
    queryKey: claimId ? queryKeys.claims.similar(claimId) : queryKeys.discovery.similar(workspaceId, text),
    queryFn: claimId
      ? ({ signal }) => http<SimilarClaim[]>(`/claims/${enc(claimId)}/similar`, { signal })
      : text.length >= MIN_STATEMENT
        ? ({ signal }) => http<SimilarClaim[]>(`/workspaces/${enc(workspaceId)}/similar-claims`, { signal, query: { q: text.slice(0, 2_000) } })
        : skipToken,
    placeholderData: keepPreviousData,
  });
}

export function useFactChecks(target: SimilarTarget) {
  const { workspaceId, claimId, statement = '' } = target;
  const text = statement.trim();
  return useQuery({
    queryKey: claimId ? queryKeys.claims.factChecks(claimId) : queryKeys.discovery.factChecks(workspaceId, text),
    queryFn: claimId
      ? ({ signal }) => http<FactChecks>(`/claims/${enc(claimId)}/fact-checks`, { signal })
      : text.length >= MIN_STATEMENT
        ? ({ signal }) => http<FactChecks>(`/workspaces/${enc(workspaceId)}/fact-checks`, { signal, query: { q: text.slice(0, 500) } })
        : skipToken,
    staleTime: 10 * 60_000,
    retry: false,
  });
}

/** Links or unlinks `claim` as a duplicate; both claims' caches take the answer. */
export function useDuplicateLink(claim: Pick<Claim, 'id' | 'version'>) {
  const queryClient = useQueryClient();
  const settle = async (updated: Claim) => {
    queryClient.setQueryData(queryKeys.claims.detail(updated.id), updated);
    await queryClient.invalidateQueries({ queryKey: ['claims'] });
  };
  const link = useMutation({
    mutationFn: (originalId: string) => http<Claim>(`/claims/${enc(claim.id)}/duplicate-of`, { method: 'POST', body: { originalId, version: claim.version } }),
    onSuccess: settle,
  });
  const unlink = useMutation({
    mutationFn: () => http<Claim>(`/claims/${enc(claim.id)}/duplicate-of`, { method: 'DELETE', query: { version: claim.version } }),
    onSuccess: settle,
  });
  return { link, unlink };
}
