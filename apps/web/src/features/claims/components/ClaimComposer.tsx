import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button, Group, Text, Textarea } from '@mantine/core';
import { WriteError } from '../../../components/WriteError';
import type { SelectionBox } from '../../annotations/useTextSelection';
import { SimilarClaims } from '../../discovery/components/SimilarClaims';
import { ClaimantInput } from './ClaimantInput';

export interface ClaimDraft {
  statement: string;
  claimant: string;
}

interface ClaimComposerProps {
  workspaceId: string;
  quote: string;
  box: SelectionBox;
  /** What was typed before a refusal, kept with the reason. */
  initial?: ClaimDraft;
  error?: unknown;
  onSave: (draft: ClaimDraft) => void;
  onCancel: () => void;
}

const MAX_STATEMENT = 2_000;

/** "Make claim": the checkable wording (prefilled with the passage) and who made the claim. */
export function ClaimComposer({ workspaceId, quote, box, initial, error, onSave, onCancel }: ClaimComposerProps) {
  const [statement, setStatement] = useState(initial?.statement ?? quote.slice(0, MAX_STATEMENT));
  const [claimant, setClaimant] = useState(initial?.claimant ?? '');
  const valid = statement.trim().length > 0 && statement.trim().length <= MAX_STATEMENT;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (valid) onSave({ statement: statement.trim(), claimant: claimant.trim() });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) submit();
  };

  const style = { top: box.bottom + 10, left: Math.max(0, (box.left + box.right) / 2) };
  return (
    <div className="annotate-popover claim-composer" style={style} role="dialog" aria-label="New claim" onKeyDown={onKeyDown}>
      <form onSubmit={submit}>
        <Textarea
          label="Claim"
          description="The checkable statement, in words a reader would check"
          autosize
          minRows={2}
          maxRows={8}
          value={statement}
          onChange={(e) => setStatement(e.currentTarget.value)}
          error={statement.length > MAX_STATEMENT ? `At most ${MAX_STATEMENT.toLocaleString()} characters` : undefined}
          autoFocus
        />
        <ClaimantInput workspaceId={workspaceId} value={claimant} onChange={setClaimant} mt="xs" />
        {/* Checked before? Claims like this one elsewhere in the workspace, as it is typed. */}
        <SimilarClaims workspaceId={workspaceId} statement={statement} />
        <WriteError error={error} what="Claim not saved" />
        <Group justify="space-between" mt="sm" gap="xs">
          <Text size="xs" c="dimmed">
            Ctrl+Enter saves · Esc cancels
          </Text>
          <Group gap="xs">
            <Button variant="default" size="xs" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" size="xs" disabled={!valid}>
              Make claim
            </Button>
          </Group>
        </Group>
      </form>
    </div>
  );
}
