import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReaderView } from '@corroborate/contracts';
import { http } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';
import { withQueuedWrites } from '../annotations/api';
import { articleSync } from '../live/articleSync';

/**
 * Opens the reader with one request: the article and its annotations go into their own cache
 * entries, and the article's sync resumes live events from the view's seq (no second fetch
 * after the join). Skipped when the annotations are already cached and followed.
 */
export function useReaderView(articleId: string) {
  const queryClient = useQueryClient();
  const annotationsKey = queryKeys.articles.annotations(articleId);
  const cached = queryClient.getQueryData(annotationsKey) !== undefined;
  return useQuery({
    queryKey: queryKeys.articles.reader(articleId),
    queryFn: async ({ signal }) => {
      const view = await http<ReaderView>(`/articles/${encodeURIComponent(articleId)}/reader`, { signal });
      queryClient.setQueryData(queryKeys.articles.detail(articleId), view.article);
      queryClient.setQueryData(annotationsKey, withQueuedWrites(queryClient, articleId, view.annotations));
      articleSync(queryClient, articleId).baseline(view.seq, [annotationsKey]);
      return view.seq;
    },
    enabled: !cached && articleId !== '',
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
}
