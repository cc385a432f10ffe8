import { Box, LoadingOverlay, Paper, Skeleton, Title } from '@mantine/core';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useReportPreview, type ReportOptions } from '../api';

/**
 * The HTML report as it would be downloaded. It sits in a sandboxed frame with no permissions:
 * it runs nothing and reaches nothing (it carries its own strict CSP as well), and its styles
 * cannot touch the page around it.
 */
export function ReportPreview({ articleId, options }: { articleId: string; options: ReportOptions }) {
  const preview = useReportPreview(articleId, options);
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} size="h4" mb="sm" id="report-preview-title">
        Preview
      </Title>
      {preview.isError && !preview.data ? (
        <ErrorAlert error={preview.error} onRetry={() => void preview.refetch()} retrying={preview.isFetching} />
      ) : preview.data === undefined ? (
        <Skeleton height={600} />
      ) : (
        <Box pos="relative">
          <LoadingOverlay visible={preview.isPlaceholderData} zIndex={1} overlayProps={{ blur: 1 }} loaderProps={{ 'aria-label': 'Updating the preview' }} />
          {preview.isError && <ErrorAlert error={preview.error} onRetry={() => void preview.refetch()} retrying={preview.isFetching} />}
          <iframe
            title="Report preview"
            sandbox=""
            srcDoc={preview.data}
            aria-busy={preview.isPlaceholderData}
            data-testid="report-preview"
            style={{ width: '100%', height: '75vh', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4, background: '#fff' }}
          />
        </Box>
      )}
    </Paper>
  );
}
