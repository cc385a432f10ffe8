import { Paper, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { can } from '@corroborate/contracts';
import { PageHeader } from '../../../components/PageHeader';
import { useCurrentWorkspace } from '../../workspaces/context';
import { ActivityFeed } from './ActivityFeed';

export function ActivityPage() {
  const { workspace, role } = useCurrentWorkspace();
  useDocumentTitle(`Activity · ${workspace.name} · Corroborate`);

  return (
    <Stack gap="md">
      <PageHeader title="Activity" description={`What people did in ${workspace.name}, newest first.`} />
      {can.readAudit(role) ? (
        <ActivityFeed workspaceId={workspace.id} showRaw={can.manageMembers(role)} />
      ) : (
        <Paper withBorder p="lg" radius="md">
          <Text>Only owners and editors can see this workspace's activity.</Text>
        </Paper>
      )}
    </Stack>
  );
}
