import { useEffect, useId, useMemo, useRef, type KeyboardEvent } from 'react';
import { CloseButton, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router';
import type { Article, Member, Person, WorkspaceRole } from '@corroborate/contracts';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { describeError } from '../../../lib/errors';
import { ClaimComments } from '../../claim-comments/components/ClaimComments';
import { EvidenceSection } from '../../evidence/components/EvidenceSection';
import { ClaimRating } from '../../review/components/RatingBadge';
import { ReviewSection } from '../../review/components/ReviewSection';
import { useClaim } from '../api';
import { useClaimPending } from '../writes';
import { boardPath } from '../paths';
import { abilitiesFor } from '../status';
import type { ClaimActions } from '../writes';
import { ClaimAssignees } from './ClaimAssignees';
import { ClaimFields } from './ClaimFields';
import { ClaimHistory } from './ClaimHistory';
import { ClaimSpans } from './ClaimSpans';
import { ClaimStatement } from './ClaimStatement';
import { ClaimStatusActions } from './ClaimStatusActions';
import { StatusBadge } from './StatusBadge';

interface ClaimPanelProps {
  article: Article;
  claimId: string;
  role: WorkspaceRole | null;
  user: Person | undefined;
  members: readonly Member[];
  actions: ClaimActions;
  onClose: () => void;
  onShowSpan: (spanId: string) => void;
  onReattach: (claimId: string, spanId: string) => void;
}

/** Everything about one claim, beside the article; its URL is the claim's own. */
export function ClaimPanel({ article, claimId, role, user, members, actions, onClose, onShowSpan, onReattach }: ClaimPanelProps) {
  const claim = useClaim(article.id, claimId);
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const data = claim.data;
  const confirmed = !useClaimPending(article.id, claimId);
  const abilities = useMemo(() => (data ? abilitiesFor(data, role, user?.id) : null), [data, role, user?.id]);

  // Opening a claim takes the focus there, so keyboard and screen reader users land in it.
  useEffect(() => heading.current?.focus(), [claimId]);

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (event.key !== 'Escape' || event.defaultPrevented || target.closest('input, textarea, [role="combobox"], [role="listbox"]')) return;
    onClose();
  };

  return (
    <aside className="claim-panel" aria-labelledby={headingId} data-claim-id={claimId} onKeyDown={onKeyDown}>
      <Group className="claim-panel-head" justify="space-between" wrap="nowrap" gap="xs">
        <Group gap="xs" wrap="nowrap">
          <Title order={2} id={headingId} ref={heading} tabIndex={-1} size="h4">
            Claim
          </Title>
          {data && <StatusBadge status={data.status} data-testid="claim-status" />}
          {data?.status === 'resolved' && data.rating && <ClaimRating workspaceId={data.workspaceId} rating={data.rating} />}
        </Group>
        <Group gap={4} wrap="nowrap">
          <Text component={Link} to={boardPath(article.id)} size="sm" c="blue">
            Board
          </Text>
          <CloseButton aria-label="Close claim" onClick={onClose} />
        </Group>
      </Group>
      <div className="claim-panel-body">
        {claim.isPending && <Skeleton height={160} />}
        {claim.isError && <ErrorAlert error={claim.error} onRetry={() => void claim.refetch()} />}
        {claim.isSuccess && !data && <Text c="dimmed">This claim was deleted, or it is not in this article.</Text>}
        {data && abilities && (
          <Stack gap="lg">
            <ClaimStatement claim={data} canEdit={abilities.edit} actions={actions} />
            <ClaimStatusActions claim={data} transitions={abilities.transitions} actions={actions} />
            <ClaimSpans claim={data} canEdit={abilities.edit} onShowSpan={onShowSpan} onReattach={(spanId) => onReattach(data.id, spanId)} />
            <ClaimAssignees claim={data} abilities={abilities} members={members} actions={actions} />
            <ClaimFields claim={data} canEdit={abilities.edit} actions={actions} />
            <EvidenceSection articleId={article.id} claim={data} abilities={abilities} user={user} confirmed={confirmed} />
            <ReviewSection claim={data} role={role} user={user} confirmed={confirmed} />
            <ClaimComments articleId={article.id} claim={data} canComment={abilities.comment} moderate={abilities.moderate} user={user} members={members} confirmed={confirmed} />
            <ClaimHistory articleId={article.id} claimId={data.id} confirmed={confirmed} />
            {abilities.remove && (
              <Group justify="flex-end">
                <ConfirmButton
                  title="Delete claim"
                  message="The claim, its evidence and its comments will be removed for everyone. Its history is kept."
                  confirmLabel="Delete"
                  onConfirm={() => {
                    // The panel closes; a refusal brings the claim back and says why.
                    actions.remove(data, { onError: (error) => notifications.show({ color: 'red', title: 'Claim not deleted', message: describeError(error).message }) });
                    onClose();
                  }}
                >
                  Delete claim
                </ConfirmButton>
              </Group>
            )}
          </Stack>
        )}
      </div>
    </aside>
  );
}
