import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { STANCE_LABEL, Stance, type Source } from '@corroborate/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { ListSkeleton } from '../../../components/PageLoader';
import { formatDay } from '../../../lib/format';
import { ReliabilityBadge, STANCE_HUE } from '../../evidence/components/EvidenceBadges';
import { SafeLink } from '../../evidence/components/SafeLink';
import { useCurrentWorkspace } from '../../workspaces/context';
import { useSources } from '../api';
import { groupByOutlet } from '../outlets';

function Stances({ stances }: { stances: Record<Stance, number> }) {
  return (
    <Group gap={4}>
      {Stance.options
        .filter((s) => stances[s] > 0)
        .map((s) => (
          <Badge key={s} size="sm" variant="light" color={STANCE_HUE[s]} tt="none">
            {STANCE_LABEL[s]} {stances[s]}
          </Badge>
        ))}
    </Group>
  );
}

function SourceRow({ source }: { source: Source }) {
  return (
    <Table.Tr data-source-id={source.id}>
      <Table.Td maw={460}>{source.url ? <SafeLink url={source.url} /> : <Text size="sm">{source.publisher}</Text>}</Table.Td>
      <Table.Td ta="right">{source.citations}</Table.Td>
      <Table.Td>
        <Stances stances={source.stances} />
      </Table.Td>
      <Table.Td>{source.lastReliability ? <ReliabilityBadge reliability={source.lastReliability} /> : <Text span c="dimmed">—</Text>}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDay(source.lastCitedAt)}</Table.Td>
    </Table.Tr>
  );
}

/** Which outlets the desk leans on: each source with its citations, stances and last reliability rating. */
export function SourcesPage() {
  const { workspace } = useCurrentWorkspace();
  useDocumentTitle(`Sources · ${workspace.name} · Corroborate`);
  const sources = useSources(workspace.id);
  const outlets = sources.data ? groupByOutlet(sources.data) : [];

  return (
    <>
      <PageHeader title="Sources" description="Where the evidence on this workspace's claims comes from, grouped by outlet, most cited first." />
      {sources.isPending && <ListSkeleton label="Loading sources" />}
      {sources.isError && <ErrorAlert error={sources.error} onRetry={() => void sources.refetch()} retrying={sources.isFetching} />}
      {sources.data?.length === 0 && (
        <Paper withBorder p="lg" radius="md">
          <Text c="dimmed">No evidence cites a source yet.</Text>
        </Paper>
      )}
      <Stack gap="lg">
        {outlets.map((o) => (
          <Paper key={o.outlet} withBorder p="md" radius="md" component="section" aria-label={o.outlet}>
            <Group justify="space-between" mb="xs">
              <Title order={2} size="h4">
                {o.outlet}
              </Title>
              <Group gap="sm">
                <Text size="sm" c="dimmed">
                  {o.citations === 1 ? '1 citation' : `${o.citations} citations`}
                </Text>
                <Stances stances={o.stances} />
              </Group>
            </Group>
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Source</Table.Th>
                    <Table.Th ta="right">Citations</Table.Th>
                    <Table.Th>Stances</Table.Th>
                    <Table.Th>Last reliability</Table.Th>
                    <Table.Th>Last cited</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {o.sources.map((s) => (
                    <SourceRow key={s.id} source={s} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        ))}
      </Stack>
    </>
  );
}
