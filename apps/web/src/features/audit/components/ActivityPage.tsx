import { Button, Center, Paper, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { can } from '@corroborate/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { ListSkeleton } from '../../../components/PageLoader';
import { useCurrentWorkspace } from '../../workspaces/context';
import { useAuditLog } from '../api';
import { AuditTable } from './AuditTable';

export function ActivityPage() {
  const { workspace, role } = useCurrentWorkspace();
  useDocumentTitle(`Activity · ${workspace.name} · Corroborate`);

  return (
    <Stack gap="md">
      <PageHeader title="Activity" description={`Every change made in ${workspace.name}, newest first.`} />
      {can.readAudit(role) ? (
        <AuditLog workspaceId={workspace.id} />
      ) : (
        <Paper withBorder p="lg" radius="md">
          <Text>Only owners and editors can see this workspace's activity.</Text>
        </Paper>
      )}
    </Stack>
  );
}

function AuditLog({ workspaceId }: { workspaceId: string }) {
  const audit = useAuditLog(workspaceId);

  if (audit.isPending) return <ListSkeleton rows={8} label="Loading activity" />;
  if (audit.isError && !audit.data) {
    return <ErrorAlert error={audit.error} onRetry={() => void audit.refetch()} retrying={audit.isFetching} />;
  }

  const entries = audit.data?.pages.flatMap((page) => page.entries) ?? [];
  if (entries.length === 0) {
    return (
      <Paper withBorder p="lg" radius="md">
        <Text c="dimmed">Nothing has happened here yet.</Text>
      </Paper>
    );
  }

  return (
    <Stack gap="md">
      <AuditTable entries={entries} />
      {audit.isFetchNextPageError && (
        <ErrorAlert error={audit.error} onRetry={() => void audit.fetchNextPage()} />
      )}
      <Center>
        {audit.hasNextPage ? (
          <Button variant="default" onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
            Load more
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            That is everything.
          </Text>
        )}
      </Center>
    </Stack>
  );
}
