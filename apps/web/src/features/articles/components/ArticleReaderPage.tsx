import { Anchor, Group, Skeleton, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowLeft, IconFileText } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../lib/http';
import { SkipLink } from '../../../components/SkipLink';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { NotFoundPage } from '../../../components/NotFoundPage';
import { useMe } from '../../auth/api';
import { AnnotatedArticle } from '../../annotations/components/AnnotatedArticle';
import { ReaderClaimLinks } from '../../claims/components/ReaderClaimLinks';
import { ConnectionBanner } from '../../live/components/ConnectionBanner';
import { PresenceAvatars } from '../../live/components/PresenceAvatars';
import { useArticleLive } from '../../live/useArticleLive';
import { reportPath } from '../../reports/paths';
import { useArticle } from '../api';
import { useReaderView } from '../readerView';
import { ArticleByline } from './ArticleByline';

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
  // One request opens the reader; the article query then reads what it cached (or, if that
  // request failed, asks on its own so the error shown is the article's).
  const opened = useReaderView(articleId);
  const article = useArticle(articleId, { fetch: !opened.isFetching });
  const me = useMe();
  const live = useArticleLive(articleId);
  useDocumentTitle(article.data ? `${article.data.title} · Corroborate` : 'Article · Corroborate');

  if (article.isPending) return <ReaderSkeleton />;
  if (article.isError) {
    if (isApiError(article.error, 'NOT_FOUND') || isApiError(article.error, 'FORBIDDEN')) {
      return <NotFoundPage message="This article does not exist or belongs to a workspace you are not in." />;
    }
    return <ErrorAlert error={article.error} onRetry={() => void article.refetch()} retrying={article.isFetching} />;
  }

  const { data } = article;
  const user = me.data?.user;
  const role = me.data?.workspaces.find((w) => w.id === data.workspaceId)?.role ?? null;
  const header = (
    <>
      <Group mb="lg" className="reader-nav" justify="space-between" wrap="wrap" gap="sm">
        <Group gap="md" wrap="wrap">
          <Anchor component={Link} to={`/w/${data.workspaceId}`} fz="sm">
            <Group gap={4} component="span" wrap="nowrap">
              <IconArrowLeft size={14} aria-hidden />
              All articles
            </Group>
          </Anchor>
          <ReaderClaimLinks article={data} />
          <Anchor component={Link} to={reportPath(data.id)} fz="sm">
            <Group gap={4} component="span" wrap="nowrap">
              <IconFileText size={14} aria-hidden />
              Report
            </Group>
          </Anchor>
        </Group>
        <PresenceAvatars users={live.presence} selfId={user?.id} />
      </Group>
      <header className="reader-header">
        <h1 id="article-title" className="reader-title">
          {data.title}
        </h1>
        {/* On a narrow screen the threads are behind a button: the link goes to it. */}
        <SkipLink target={['threads', 'threads-open']}>Skip to threads</SkipLink>
        <ArticleByline article={data} />
      </header>
    </>
  );

  return (
    <>
      <ConnectionBanner status={live.status} />
      <AnnotatedArticle article={data} role={role} user={user} presence={live.presence} header={header} />
    </>
  );
}
