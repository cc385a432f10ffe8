import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ClaimListItem } from '@corroborate/contracts';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { PageHeader } from '../../../../components/PageHeader';
import { ListSkeleton } from '../../../../components/PageLoader';
import { formatDay } from '../../../../lib/format';
import { useCurrentWorkspace } from '../../../workspaces/context';
import { useQueue } from '../../api';
import { isOverdue, PRIORITY_COLOR, PRIORITY_LABEL } from '../../status';
import { StatusBadge } from '../StatusBadge';
import { ClaimQueueItem } from './ClaimQueueItem';

/** "My queue": claims assigned to me that are still open, overdue first, then by priority and due date (the server's order). */
export function QueuePage() {
  const { workspace } = useCurrentWorkspace();
  useDocumentTitle(`My queue · ${workspace.name} · Corroborate`);
  const queue = useQueue(workspace.id);

  return (
    <>
      <PageHeader title="My queue" description="Claims assigned to you that are still being worked on: overdue first, then by priority and due date." />
      {queue.isPending && <ListSkeleton label="Loading your queue" />}
      {queue.isError && <ErrorAlert error={queue.error} onRetry={() => void queue.refetch()} retrying={queue.isFetching} />}
      {queue.data?.length === 0 && (
        <Paper withBorder p="lg" radius="md">
          <Text c="dimmed">Nothing assigned to you. Claims you are assigned or take appear here.</Text>
        </Paper>
      )}
      {queue.data && queue.data.length > 0 && (
        <Stack gap="sm" component="ol" className="queue-list" data-testid="queue">
          {queue.data.map((claim) => (
            <QueueItem key={claim.id} claim={claim} />
          ))}
        </Stack>
      )}
    </>
  );
}

function QueueItem({ claim }: { claim: ClaimListItem }) {
  const overdue = isOverdue(claim);
  return (
    <ClaimQueueItem
      claim={claim}
      badges={
        <Group gap={6} wrap="nowrap">
          {overdue && (
            <Badge color="red" variant="filled" tt="none">
              Overdue
            </Badge>
          )}
          <StatusBadge status={claim.status} />
          <Badge variant="light" color={PRIORITY_COLOR[claim.priority]} tt="none">
            {PRIORITY_LABEL[claim.priority]}
          </Badge>
        </Group>
      }
      detail={`${claim.dueAt ? `Due ${formatDay(claim.dueAt)}` : 'No due date'} · ${claim.evidenceIds.length} evidence · ${claim.commentIds.length} comments`}
      detailColor={overdue ? 'red.9' : 'dimmed'}
    />
  );
}
