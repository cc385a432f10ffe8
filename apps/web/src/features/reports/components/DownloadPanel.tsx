import { Button, Group, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { SectionPanel } from '../../../components/SectionPanel';
import { DOWNLOADS, useDownloadReport, type PaperSize, type ReportOptions } from '../api';
import { ReportError } from './ReportError';

/** One button per format; a refused download says why in plain words, beside the buttons. */
export function DownloadPanel({ articleId, options, paper }: { articleId: string; options: ReportOptions; paper: PaperSize }) {
  const download = useDownloadReport(articleId);
  const pending = download.isPending ? download.variables.kind : null;
  return (
    <SectionPanel title="Download" description="The report as it stands, with the options above. The W3C Web Annotations file holds every annotation and claim of the article.">
      <Group gap="xs">
        {DOWNLOADS.map(({ kind, label }) => (
          <Button
            key={kind}
            size="xs"
            variant="light"
            leftSection={<IconDownload size={14} aria-hidden />}
            loading={pending === kind}
            disabled={pending !== null && pending !== kind}
            onClick={() => download.mutate({ kind, options, paper })}
          >
            {label}
          </Button>
        ))}
      </Group>
      {download.isSuccess && (
        <Text size="sm" c="dimmed" role="status">
          Downloaded {download.data}.
        </Text>
      )}
      {download.isError && <ReportError error={download.error} what="Not downloaded" pdf={download.variables.kind === 'pdf'} onDismiss={() => download.reset()} />}
    </SectionPanel>
  );
}
