import { Anchor, Group, Paper, Skeleton } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { NotFoundPage } from '../../../components/NotFoundPage';
import { PageHeader } from '../../../components/PageHeader';
import { formatDay } from '../../../lib/format';
import { isApiError } from '../../../lib/http';
import { useSnapshotHtml, useSnapshots } from '../api';
import { reportPath } from '../paths';

const gone = (error: unknown) => isApiError(error, 'NOT_FOUND') || isApiError(error, 'FORBIDDEN');

/**
 * A published report as it was frozen, at the address its ClaimReview items name
 * (`/articles/:id/reports/:number`). Shown in a sandboxed frame like the preview.
 */
export function SnapshotPage() {
  const { articleId = '', number = '' } = useParams();
  const snapshots = useSnapshots(articleId);
  const snapshot = snapshots.data?.find((s) => String(s.number) === number);
  const html = useSnapshotHtml(snapshot?.id);
  useDocumentTitle(`Published report ${number} · Corroborate`);

  if (snapshots.isError) {
    return gone(snapshots.error) ? (
      <NotFoundPage message="This article does not exist or belongs to a workspace you are not in." />
    ) : (
      <ErrorAlert error={snapshots.error} onRetry={() => void snapshots.refetch()} />
    );
  }
  if (snapshots.isSuccess && !snapshot) return <NotFoundPage message={`This article has no published report ${number}.`} />;
  return (
    <>
      <Anchor component={Link} to={reportPath(articleId)} fz="sm">
        <Group gap={4} component="span" wrap="nowrap">
          <IconArrowLeft size={14} aria-hidden />
          Back to the report page
        </Group>
      </Anchor>
      <PageHeader
        title={`Published report ${number}`}
        description={snapshot ? `Published ${formatDay(snapshot.publishedAt)} by ${snapshot.publishedBy.displayName}; it never changes.` : undefined}
      />
      <Paper withBorder radius="md" p="md">
        {html.isError ? (
          <ErrorAlert error={html.error} onRetry={() => void html.refetch()} retrying={html.isFetching} />
        ) : html.data === undefined ? (
          <Skeleton height={600} />
        ) : (
          <iframe
            title={`Published report ${number}`}
            sandbox=""
            srcDoc={html.data}
            data-testid="snapshot-report"
            style={{ width: '100%', height: '80vh', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4, background: '#fff' }}
          />
        )}
      </Paper>
    </>
  );
}
