import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Article, ArticleSummary, CreateArticleBody } from '@corroborate/contracts';
import { http } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';

export function useArticles(workspaceId: string) {
  return useQuery({
    queryKey: queryKeys.workspaces.articles(workspaceId),
    queryFn: ({ signal }) =>
      http<ArticleSummary[]>(`/workspaces/${encodeURIComponent(workspaceId)}/articles`, { signal }),
  });
}

/** `fetch: false` only reads the cache (the reader fetches the article in its one request). */
export function useArticle(articleId: string | undefined, { fetch = true }: { fetch?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.articles.detail(articleId ?? ''),
    queryFn: articleId
      ? ({ signal }) => http<Article>(`/articles/${encodeURIComponent(articleId)}`, { signal })
      : skipToken,
    enabled: fetch,
  });
}

export function useImportArticle(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateArticleBody) =>
      http<Article>(`/workspaces/${encodeURIComponent(workspaceId)}/articles`, { method: 'POST', body }),
    onSuccess: async (article) => {
      queryClient.setQueryData(queryKeys.articles.detail(article.id), article);
      await queryClient.invalidateQueries({ queryKey: queryKeys.workspaces.articles(workspaceId) });
    },
  });
}
