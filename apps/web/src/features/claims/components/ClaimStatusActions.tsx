import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import type { Claim, ClaimTransition } from '@corroborate/contracts';
import { WriteError } from '../../../components/WriteError';
import { STATUS_LOOK } from '../status';
import type { ClaimActions } from '../writes';
import { ReasonModal } from './ReasonModal';

interface ClaimStatusActionsProps {
  claim: Claim;
  /** The moves this member may make now, from the contracts' workflow table. */
  transitions: readonly ClaimTransition[];
  actions: ClaimActions;
}

/** Only the next steps the workflow allows this member, as buttons; some ask for a reason. */
export function ClaimStatusActions({ claim, transitions, actions }: ClaimStatusActionsProps) {
  const [asking, setAsking] = useState<{ transition: ClaimTransition; reason: string; error?: unknown } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const move = (transition: ClaimTransition, reason?: string) => {
    setError(null);
    setAsking(null);
    actions.update(claim, { status: transition.to, ...(reason ? { reason } : {}) }, {
      // A refused move that needed a reason reopens the prompt with what was typed.
      onError: (e) => (reason ? setAsking({ transition, reason, error: e }) : setError(e)),
    });
  };

  return (
    <div>
      {claim.statusReason && (
        <Text size="sm" c="dimmed" mb={6}>
          Reason: {claim.statusReason}
        </Text>
      )}
      {transitions.length > 0 && (
        <Group gap="xs" role="group" aria-label="Move this claim">
          {transitions.map((t) => (
            <Button
              key={t.to}
              size="compact-sm"
              variant={t.to === 'dismissed' ? 'subtle' : 'light'}
              color={STATUS_LOOK[t.to].color}
              onClick={() => (t.needsReason ? setAsking({ transition: t, reason: '' }) : move(t))}
            >
              {t.label}
            </Button>
          ))}
        </Group>
      )}
      <WriteError error={error} what="Not moved" onDismiss={() => setError(null)} />
      {asking && (
        <ReasonModal
          key={`${asking.transition.to}:${String(asking.error ?? '')}`}
          transition={asking.transition}
          initial={asking.reason}
          error={asking.error}
          onSubmit={(reason) => move(asking.transition, reason)}
          onClose={() => setAsking(null)}
        />
      )}
    </div>
  );
}
