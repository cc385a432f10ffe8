import { memo, type DragEvent } from 'react';
import { IconArrowsMove, IconMessage, IconPaperclip } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Claim, ClaimTransition } from '@corroborate/contracts';
import { CardBadge, CardButton } from '../../../../components/CardParts';
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
      <Link to={claimPath(claim.articleId, claim.id)} className="board-card-title mantine-focus-auto">
        {claim.statement}
      </Link>
      {claim.claimant && <p className="card-note board-card-claimant">{claim.claimant}</p>}
      <div className="board-card-foot">
        <div className="card-row">
          {claim.status === 'resolved' && claim.rating && <ClaimRating workspaceId={claim.workspaceId} rating={claim.rating} size="xs" />}
          {claim.priority !== 'normal' && (
            <CardBadge size="xs" color={PRIORITY_COLOR[claim.priority]}>
              {PRIORITY_LABEL[claim.priority]}
            </CardBadge>
          )}
          {claim.dueAt && (
            <CardBadge size="xs" variant={overdue ? 'filled' : 'outline'} color={overdue ? 'red' : 'gray'} keepCase>
              {overdue ? 'Overdue · ' : 'Due '}
              {formatDay(claim.dueAt)}
            </CardBadge>
          )}
          <p className="card-note" data-testid="evidence-count" aria-label={`${claim.evidenceIds.length} evidence`}>
            <IconPaperclip size={12} aria-hidden /> {claim.evidenceIds.length}
          </p>
          <p className="card-note" aria-label={`${claim.commentIds.length} comments`}>
            <IconMessage size={12} aria-hidden /> {claim.commentIds.length}
          </p>
        </div>
        <div className="board-card-people">
          <PersonAvatars people={claim.assignees} size={22} />
          {movable && (
            <CardButton
              color="gray"
              iconOnly
              icon={<IconArrowsMove size={14} aria-hidden />}
              aria-haspopup="menu"
              aria-label={`Move “${claim.statement.slice(0, 40)}”`}
              onClick={(event) => onOpenMoves(claim, event.currentTarget)}
            />
          )}
        </div>
      </div>
    </article>
  );
});
