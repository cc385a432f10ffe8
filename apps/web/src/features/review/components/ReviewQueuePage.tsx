import { Paper, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { can, type ClaimListItem } from '@corroborate/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { ListSkeleton } from '../../../components/PageLoader';
import { StatusBadge } from '../../claims/components/StatusBadge';
import { ClaimQueueItem } from '../../claims/components/queue/ClaimQueueItem';
import { useCurrentWorkspace } from '../../workspaces/context';
import { useReviewQueue } from '../api';
import { progressText } from '../progress';

/** Claims awaiting my verdict, longest in review first (the server's order). */
export function ReviewQueuePage() {
  const { workspace, role } = useCurrentWorkspace();
  useDocumentTitle(`Review queue · ${workspace.name} · Corroborate`);
  const queue = useReviewQueue(workspace.id);
  const reviewer = can.review(role);

  return (
    <>
      <PageHeader title="Review queue" description="Claims in review that still need your independent verdict, longest waiting first." />
      {!reviewer && (
        <Paper withBorder p="lg" radius="md">
          <Text c="dimmed">Your role ({role}) does not give verdicts; reviewers, editors and owners do.</Text>
        </Paper>
      )}
      {reviewer && queue.isPending && <ListSkeleton label="Loading your review queue" />}
      {reviewer && queue.isError && <ErrorAlert error={queue.error} onRetry={() => void queue.refetch()} retrying={queue.isFetching} />}
      {reviewer && queue.data?.length === 0 && (
        <Paper withBorder p="lg" radius="md">
          <Text c="dimmed">Nothing awaits your verdict. Claims sent to review that you did not work on appear here.</Text>
        </Paper>
      )}
      {reviewer && queue.data && queue.data.length > 0 && (
        <Stack gap="sm" component="ol" className="queue-list" data-testid="review-queue">
          {queue.data.map((claim) => (
            <ReviewQueueItem key={claim.id} claim={claim} />
          ))}
        </Stack>
      )}
    </>
  );
}

function ReviewQueueItem({ claim }: { claim: ClaimListItem }) {
  return (
    <ClaimQueueItem
      claim={claim}
      badges={<StatusBadge status={claim.status} />}
      detail={`${progressText(claim.review)} · ${claim.evidenceIds.length} evidence`}
    />
  );
}
