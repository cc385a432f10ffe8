import { Button, Text } from '@mantine/core';
import { IconWorldUpload } from '@tabler/icons-react';
import { SectionPanel } from '../../../components/SectionPanel';
import { WriteError } from '../../../components/WriteError';
import { usePublishReport, type ReportOptions } from '../api';

/** Publish freezes the report, with the chosen options, as the next numbered snapshot. */
export function PublishPanel({ articleId, options, mayPublish }: { articleId: string; options: ReportOptions; mayPublish: boolean }) {
  const publish = usePublishReport(articleId);
  if (!mayPublish) return null;
  return (
    <SectionPanel
      title="Publish"
      description="Freezes the report with the options above as a numbered snapshot. Later edits never change it; claims still in review show no verdicts."
    >
      <div>
        <Button leftSection={<IconWorldUpload size={16} aria-hidden />} loading={publish.isPending} onClick={() => publish.mutate(options)}>
          Publish snapshot
        </Button>
      </div>
      {publish.isSuccess && (
        <Text size="sm" role="status">
          Published as snapshot {publish.data.number}.
        </Text>
      )}
      <WriteError error={publish.error} what="Not published" onDismiss={() => publish.reset()} />
    </SectionPanel>
  );
}
