import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import type { Claim, ClaimTransition } from '@corroborate/contracts';
import { KeptRefusals } from '../../../components/KeptRefusals';
import { WriteError } from '../../../components/WriteError';
import { untouchedText, useRefusals } from '../../../lib/refusals';
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
  // The reason prompt, by move: a refused move reopens it with what was typed, or keeps that
  // beside what was typed since.
  const asking = useRefusals<string, ClaimTransition>({ startOf: () => '', untouched: untouchedText, sameTarget: (a, b) => a.to === b.to });
  const [error, setError] = useState<unknown>(null);
  const open = asking.open;

  const move = (transition: ClaimTransition, reason?: string) => {
    setError(null);
    if (reason) asking.settle();
    actions.update(claim, { status: transition.to, ...(reason ? { reason } : {}) }, {
      onError: (e) => (reason ? asking.refused({ target: transition, value: reason, error: e }) : setError(e)),
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
              onClick={() => (t.needsReason ? asking.openFor(t) : move(t))}
            >
              {t.label}
            </Button>
          ))}
        </Group>
      )}
      <WriteError error={error} what="Not moved" onDismiss={() => setError(null)} />
      {open && (
        <ReasonModal
          key={open.key}
          transition={open.target}
          initial={open.initial}
          error={open.error}
          kept={<KeptRefusals refusals={asking} what={(k) => `Not moved (${k.target.label})`} />}
          onChange={asking.track}
          onSubmit={(reason) => move(open.target, reason)}
          onClose={asking.settle}
        />
      )}
    </div>
  );
}
