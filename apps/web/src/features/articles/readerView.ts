import { type QueryClient, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReaderView } from '@corroborate/contracts';
import { http } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';
import { withQueuedWrites } from '../annotations/api';
import { articleSync } from '../live/articleSync';

/**
 * Opens the reader with one request: the article, its annotations and claims, the workspace's
 * members and rating scale, and the suggested claims go into their own cache entries (the
 * panels that read them ask the server only once those are stale), and the article's sync
 * resumes live events from the view's seq (no second fetch after the join, even when the socket
 * joins while the view is on its way). Skipped when the annotations are already cached and
 * followed.
 */
export function useReaderView(articleId: string) {
  const queryClient = useQueryClient();
  return useQuery({ ...readerViewQuery(queryClient, articleId), enabled: needsView(queryClient, articleId) });
}

/** Starts the reader's request before the page renders (the route's loader), unless it is not needed; settles when it is in. */
export function prefetchReaderView(queryClient: QueryClient, articleId: string): Promise<void> {
  return needsView(queryClient, articleId) ? queryClient.prefetchQuery(readerViewQuery(queryClient, articleId)) : Promise.resolve();
}

const needsView = (queryClient: QueryClient, articleId: string) =>
  articleId !== '' && queryClient.getQueryData(queryKeys.articles.annotations(articleId)) === undefined;

function readerViewQuery(queryClient: QueryClient, articleId: string) {
  const annotationsKey = queryKeys.articles.annotations(articleId);
  const claimsKey = queryKeys.articles.claims(articleId);
  return queryOptions({
    queryKey: queryKeys.articles.reader(articleId),
    queryFn: ({ signal }) => {
      const sync = articleSync(queryClient, articleId);
      return sync.resumeFrom(async () => {
        const view = await http<ReaderView>(`/articles/${encodeURIComponent(articleId)}/reader`, { signal });
        queryClient.setQueryData(queryKeys.articles.detail(articleId), view.article);
        queryClient.setQueryData(annotationsKey, withQueuedWrites(queryClient, articleId, view.annotations));
        queryClient.setQueryData(claimsKey, view.claims);
        queryClient.setQueryData(queryKeys.workspaces.members(view.article.workspaceId), view.members);
        queryClient.setQueryData(queryKeys.workspaces.ratingScale(view.article.workspaceId), view.ratingScale);
        queryClient.setQueryData(queryKeys.articles.candidates(articleId), view.candidates);
        sync.baseline(view.seq, [annotationsKey, claimsKey]);
        return view.seq;
      });
    },
    staleTime: Infinity,
    // A later visit reads the article afresh (the annotations it cached are followed live meanwhile).
    gcTime: 5_000,
    retry: false,
  });
}
