import { useCallback, useMemo, useState } from 'react';
import { allowedTransitions, ClaimStatus, type Claim, type ClaimTransition, type WorkspaceRole } from '@corroborate/contracts';
import { untouchedText, useRefusals } from '../../../../lib/refusals';

const NONE: ClaimTransition[] = [];
import type { ClaimActions } from '../../writes';

/** A move that asks for a reason. */
export interface AskedMove {
  claim: Claim;
  transition: ClaimTransition;
}

const sameMove = (a: AskedMove, b: AskedMove) => a.claim.id === b.claim.id && a.transition.to === b.transition.to;

/**
 * The board's moves: which a member may make (read from the workflow table, one array per
 * status and relation so unchanged cards keep their props), the move being dragged, the
 * reason prompt (a refused move reopens it, or keeps its reason beside newer typing), and the
 * last refusal.
 */
export function useBoardMoves(role: WorkspaceRole | null, userId: string | undefined, actions: ClaimActions | null) {
  const [dragging, setDragging] = useState<Claim | null>(null);
  const asking = useRefusals<string, AskedMove>({ startOf: () => '', untouched: untouchedText, sameTarget: sameMove });
  const { openFor, settle, refused } = asking;
  const [error, setError] = useState<unknown>(null);

  const transitionsOf = useMemo(() => {
    const table = new Map<string, ClaimTransition[]>();
    if (role) {
      for (const status of ClaimStatus.options) {
        for (const isAssignee of [false, true]) table.set(`${status}:${isAssignee}`, allowedTransitions(status, { role, isAssignee }));
      }
    }
    return (claim: Claim): ClaimTransition[] =>
      (userId && table.get(`${claim.status}:${claim.assignees.some((a) => a.id === userId)}`)) || NONE;
  }, [role, userId]);

  const move = useCallback(
    (claim: Claim, transition: ClaimTransition, reason?: string) => {
      if (!actions) return;
      if (transition.needsReason && !reason) {
        openFor({ claim, transition });
        return;
      }
      if (reason) settle();
      setError(null);
      actions.update(claim, { status: transition.to, ...(reason ? { reason } : {}) }, {
        onError: (e) => (reason ? refused({ target: { claim, transition }, value: reason, error: e }) : setError(e)),
      });
    },
    [actions, openFor, settle, refused],
  );

  return { dragging, setDragging, asking, error, setError, transitionsOf, move };
}
