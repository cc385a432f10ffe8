import { useCallback, useMemo, useState } from 'react';
import { allowedTransitions, ClaimStatus, type Claim, type ClaimTransition, type WorkspaceRole } from '@corroborate/contracts';

const NONE: ClaimTransition[] = [];
import type { ClaimActions } from '../../writes';

/**
 * The board's moves: which a member may make (read from the workflow table, one array per
 * status and relation so unchanged cards keep their props), the move being dragged, the
 * reason prompt, and the last refusal.
 */
export function useBoardMoves(role: WorkspaceRole | null, userId: string | undefined, actions: ClaimActions | null) {
  const [dragging, setDragging] = useState<Claim | null>(null);
  const [asking, setAsking] = useState<{ claim: Claim; transition: ClaimTransition; reason: string; error?: unknown } | null>(null);
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
        setAsking({ claim, transition, reason: '' });
        return;
      }
      setAsking(null);
      setError(null);
      actions.update(claim, { status: transition.to, ...(reason ? { reason } : {}) }, {
        onError: (e) => (reason ? setAsking({ claim, transition, reason, error: e }) : setError(e)),
      });
    },
    [actions],
  );

  return { dragging, setDragging, asking, setAsking, error, setError, transitionsOf, move };
}
