import { useState } from 'react';
import { Anchor, Checkbox, Grid, Group, NativeSelect, Skeleton, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { can, type Article } from '@corroborate/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { NotFoundPage } from '../../../components/NotFoundPage';
import { PageHeader } from '../../../components/PageHeader';
import { SectionPanel } from '../../../components/SectionPanel';
import { isApiError } from '../../../lib/http';
import { useArticle } from '../../articles/api';
import { useMe } from '../../auth/api';
import { DEFAULT_OPTIONS, type PaperSize, type ReportOptions } from '../api';
import { DownloadPanel } from './DownloadPanel';
import { PublishPanel } from './PublishPanel';
import { ReportPreview } from './ReportPreview';
import { SnapshotList } from './SnapshotList';

const OPTION_LABELS: readonly { key: keyof ReportOptions; label: string; description: string }[] = [
  { key: 'includeUnresolved', label: 'Include unresolved claims', description: 'Claims not yet decided appear too, each marked with its status.' },
  { key: 'includeAudit', label: 'Include the audit trail', description: 'Every recorded change to the claims, with who made it and when.' },
  { key: 'includeAppendix', label: 'Include the appendix', description: 'The article text with a numbered marker at each claim.' },
];

/** An article's reviewed report: preview, options, downloads in every format, published snapshots and their share links. */
export function ReportPage() {
  const { articleId = '' } = useParams();
  const article = useArticle(articleId);
  useDocumentTitle(article.data ? `Report · ${article.data.title} · Corroborate` : 'Report · Corroborate');

  if (article.isPending) return <Skeleton height={400} />;
  if (article.isError) {
    if (isApiError(article.error, 'NOT_FOUND') || isApiError(article.error, 'FORBIDDEN')) {
      return <NotFoundPage message="This article does not exist or belongs to a workspace you are not in." />;
    }
    return <ErrorAlert error={article.error} onRetry={() => void article.refetch()} />;
  }
  return <Report article={article.data} />;
}

function Report({ article }: { article: Article }) {
  const me = useMe();
  const role = me.data?.workspaces.find((w) => w.id === article.workspaceId)?.role ?? null;
  const mayPublish = role !== null && can.decide(role);
  // The page's own choices, not server data: they shape the preview, the downloads and Publish alike.
  const [options, setOptions] = useState<ReportOptions>(DEFAULT_OPTIONS);
  const [paper, setPaper] = useState<PaperSize>('a4');

  return (
    <>
      <Anchor component={Link} to={`/articles/${article.id}`} fz="sm">
        <Group gap={4} component="span" wrap="nowrap">
          <IconArrowLeft size={14} aria-hidden />
          Back to the article
        </Group>
      </Anchor>
      <PageHeader title="Report" description={<>{article.title}. The preview, the downloads and Publish all follow the options.</>} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <SectionPanel title="Options">
              <Stack gap="sm">
                {OPTION_LABELS.map(({ key, label, description }) => (
                  <Checkbox
                    key={key}
                    label={label}
                    description={description}
                    checked={options[key]}
                    onChange={(event) => {
                      const checked = event.currentTarget.checked;
                      setOptions((current) => ({ ...current, [key]: checked }));
                    }}
                  />
                ))}
                <NativeSelect
                  label="PDF paper size"
                  value={paper}
                  onChange={(event) => setPaper(event.currentTarget.value as PaperSize)}
                  data={[
                    { value: 'a4', label: 'A4' },
                    { value: 'letter', label: 'US Letter' },
                  ]}
                />
              </Stack>
            </SectionPanel>
            <DownloadPanel articleId={article.id} options={options} paper={paper} />
            <PublishPanel articleId={article.id} options={options} mayPublish={mayPublish} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <ReportPreview articleId={article.id} options={options} />
        </Grid.Col>
      </Grid>
      <Stack mt="xl">
        <SnapshotList articleId={article.id} paper={paper} mayManage={mayPublish} />
        {!mayPublish && role && (
          <Text size="sm" c="dimmed">
            Editors and owners publish snapshots and manage their share links.
          </Text>
        )}
      </Stack>
    </>
  );
}
