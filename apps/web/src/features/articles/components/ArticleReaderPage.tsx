import { Anchor, Group, Skeleton, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../lib/http';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { NotFoundPage } from '../../../components/NotFoundPage';
import { useArticle } from '../api';
import { ArticleByline } from './ArticleByline';
import { ArticleText } from './ArticleText';

function ReaderSkeleton() {
  return (
    <Stack className="reader" gap="md" role="status" aria-label="Loading article">
      <Skeleton height={40} width="80%" />
      <Skeleton height={16} width="50%" />
      {Array.from({ length: 6 }, (_, i) => (
        <Skeleton key={i} height={90} />
      ))}
    </Stack>
  );
}

export function ArticleReaderPage() {
  const { articleId = '' } = useParams();
  const article = useArticle(articleId);
  useDocumentTitle(article.data ? `${article.data.title} · Corroborate` : 'Article · Corroborate');

  if (article.isPending) return <ReaderSkeleton />;
  if (article.isError) {
    if (isApiError(article.error, 'NOT_FOUND') || isApiError(article.error, 'FORBIDDEN')) {
      return <NotFoundPage message="This article does not exist or belongs to a workspace you are not in." />;
    }
    return <ErrorAlert error={article.error} onRetry={() => void article.refetch()} retrying={article.isFetching} />;
  }

  const { data } = article;
  return (
    <article className="reader" aria-labelledby="article-title">
      <Group mb="lg" className="reader-nav">
        <Anchor component={Link} to={`/w/${data.workspaceId}`} fz="sm">
          <Group gap={4} component="span" wrap="nowrap">
            <IconArrowLeft size={14} aria-hidden />
            All articles
          </Group>
        </Anchor>
      </Group>
      <header className="reader-header">
        <h1 id="article-title" className="reader-title">
          {data.title}
        </h1>
        <ArticleByline article={data} />
      </header>
      <ArticleText revision={data.revision} />
    </article>
  );
}
