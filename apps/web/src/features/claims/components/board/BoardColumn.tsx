import { useState, type DragEvent } from 'react';
import { Badge, Group, Text } from '@mantine/core';
import type { Claim, ClaimStatus, ClaimTransition } from '@corroborate/contracts';
import { useProgressiveCount } from '../../../../lib/useProgressiveCount';
import { STATUS_LOOK } from '../../status';
import { BoardCard } from './BoardCard';

interface BoardColumnProps {
  status: ClaimStatus;
  claims: readonly Claim[];
  transitionsOf: (claim: Claim) => readonly ClaimTransition[];
  /** The claim being dragged, and the move that dropping it here would make (if the workflow allows one). */
  dropMove: ClaimTransition | null;
  dragging: boolean;
  onOpenMoves: (claim: Claim, button: HTMLElement) => void;
  onDragStart: (claim: Claim) => void;
  onDragEnd: () => void;
  onDrop: (transition: ClaimTransition) => void;
}

/** One status: a drop target only for moves the workflow allows this member. */
export function BoardColumn({ status, claims, transitionsOf, dropMove, dragging, onOpenMoves, onDragStart, onDragEnd, onDrop }: BoardColumnProps) {
  const [over, setOver] = useState(false);
  // A column of hundreds shows its first cards at once and the rest in small steps while the page is idle.
  const rendered = useProgressiveCount(claims.length, { first: 6, max: 24 });
  const look = STATUS_LOOK[status];
  const dragOver = (event: DragEvent) => {
    if (!dropMove) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    if (!over) setOver(true);
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (dropMove) onDrop(dropMove);
  };
  const classes = ['board-column', dragging && (dropMove ? 'can-drop' : 'no-drop'), over && 'is-over'].filter(Boolean).join(' ');
  return (
    <section className={classes} aria-label={`${look.label}, ${claims.length}`} data-status={status} onDragOver={dragOver} onDragLeave={() => setOver(false)} onDrop={drop}>
      <Group className="board-column-head" justify="space-between" gap="xs" style={{ borderTopColor: look.line }}>
        <Text fw={700} size="sm" component="h2" m={0}>
          {look.label}
        </Text>
        <Badge size="sm" variant="light" color={look.color} aria-hidden>
          {claims.length}
        </Badge>
      </Group>
      <div className="board-column-cards">
        {claims.slice(0, rendered).map((claim) => (
          <BoardCard key={claim.id} claim={claim} transitions={transitionsOf(claim)} onOpenMoves={onOpenMoves} onDragStart={onDragStart} onDragEnd={onDragEnd} />
        ))}
      </div>
    </section>
  );
}
