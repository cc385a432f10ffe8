import type { QueryClient } from '@tanstack/react-query';
import { Claim, type ArticleEvent } from '@corroborate/contracts';
import { queryKeys } from '../../lib/queryKeys';

/**
 * What an article event changes in the discovery caches: suggestions depend on the article's
 * claims, dismissals and text; a changed claim's view replaces the cached one, and lists of
 * similar claims (which show statuses and ratings) are read again.
 */
export function refreshDiscovery(queryClient: QueryClient, event: ArticleEvent): void {
  const { type } = event;
  if (type === 'article.revised' || type === 'claim.created' || type === 'claim.deleted' || type === 'claim.updated' || type.startsWith('claim-candidate.')) {
    void queryClient.invalidateQueries({ queryKey: queryKeys.articles.candidates(event.articleId) });
  }
  if (type === 'claim.updated') {
    const parsed = Claim.safeParse(event.data);
    if (parsed.success) {
      const cached = queryClient.getQueryData<Claim>(queryKeys.claims.detail(parsed.data.id));
      if (!cached || cached.version <= parsed.data.version) queryClient.setQueryData(queryKeys.claims.detail(parsed.data.id), parsed.data);
    }
  }
  if (type === 'claim.updated' || type === 'claim.deleted' || type === 'claim.created') {
    void queryClient.invalidateQueries({ predicate: (q) => q.queryKey.includes('similar') || q.queryKey.includes('similar-claims') });
  }
}
