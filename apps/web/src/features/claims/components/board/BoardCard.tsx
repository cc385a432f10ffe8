import { memo, type DragEvent } from 'react';
import { ActionIcon, Anchor, Badge, Group, Text } from '@mantine/core';
import { IconArrowsMove, IconMessage, IconPaperclip } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Claim, ClaimTransition } from '@corroborate/contracts';
import { formatDay } from '../../../../lib/format';
import { claimPath } from '../../paths';
import { isOverdue, PRIORITY_COLOR, PRIORITY_LABEL, STATUS_LOOK } from '../../status';
import { ClaimRating } from '../../../review/components/RatingBadge';
import { PersonAvatars } from '../PersonAvatars';

interface BoardCardProps {
  claim: Claim;
  /** Moves this member may make, from the workflow table: drag targets and the move menu. */
  transitions: readonly ClaimTransition[];
  /** Opens the board's one move menu at this card's button (a menu per card is too heavy for hundreds). */
  onOpenMoves: (claim: Claim, button: HTMLElement) => void;
  onDragStart: (claim: Claim) => void;
  onDragEnd: () => void;
}

/** A claim on the board; dragged to another column, or moved from its menu with the keyboard. */
export const BoardCard = memo(function BoardCard({ claim, transitions, onOpenMoves, onDragStart, onDragEnd }: BoardCardProps) {
  const movable = transitions.length > 0;
  const dragStart = (event: DragEvent) => {
    event.dataTransfer.setData('text/plain', claim.id);
    event.dataTransfer.effectAllowed = 'move';
    onDragStart(claim);
  };
  const overdue = isOverdue(claim);
  return (
    <article
      className="board-card"
      data-claim-id={claim.id}
      draggable={movable}
      onDragStart={movable ? dragStart : undefined}
      onDragEnd={onDragEnd}
      style={{ borderLeftColor: STATUS_LOOK[claim.status].line }}
    >
      <Anchor component={Link} to={claimPath(claim.articleId, claim.id)} size="sm" className="board-card-title" lineClamp={4} c="var(--mantine-color-text)">
        {claim.statement}
      </Anchor>
      {claim.claimant && (
        <Text size="xs" c="dimmed" lineClamp={1}>
          {claim.claimant}
        </Text>
      )}
      <Group gap={6} mt={6} justify="space-between" wrap="nowrap">
        <Group gap={6} wrap="wrap">
          {claim.status === 'resolved' && claim.rating && <ClaimRating workspaceId={claim.workspaceId} rating={claim.rating} size="xs" />}
          {claim.priority !== 'normal' && (
            <Badge size="xs" variant="light" color={PRIORITY_COLOR[claim.priority]}>
              {PRIORITY_LABEL[claim.priority]}
            </Badge>
          )}
          {claim.dueAt && (
            <Badge size="xs" variant={overdue ? 'filled' : 'outline'} color={overdue ? 'red' : 'gray'} tt="none">
              {overdue ? 'Overdue · ' : 'Due '}
              {formatDay(claim.dueAt)}
            </Badge>
          )}
          <Text size="xs" c="dimmed" data-testid="evidence-count" aria-label={`${claim.evidenceIds.length} evidence`}>
            <IconPaperclip size={12} aria-hidden /> {claim.evidenceIds.length}
          </Text>
          <Text size="xs" c="dimmed" aria-label={`${claim.commentIds.length} comments`}>
            <IconMessage size={12} aria-hidden /> {claim.commentIds.length}
          </Text>
        </Group>
        <Group gap={4} wrap="nowrap">
          <PersonAvatars people={claim.assignees} size={22} />
          {movable && (
            <ActionIcon
              size="sm"
              variant="subtle"
              color="gray"
              aria-haspopup="menu"
              aria-label={`Move “${claim.statement.slice(0, 40)}”`}
              onClick={(event) => onOpenMoves(claim, event.currentTarget)}
            >
              <IconArrowsMove size={14} aria-hidden />
            </ActionIcon>
          )}
        </Group>
      </Group>
    </article>
  );
});
