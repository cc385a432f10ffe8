import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Group, Modal, Textarea } from '@mantine/core';
import { WriteError } from '../../../../components/WriteError';
import { ClaimantInput } from '../ClaimantInput';
import type { ClaimDraft } from '../ClaimComposer';

interface NewClaimModalProps {
  workspaceId: string;
  opened: boolean;
  /** What was typed before a refusal, and why. */
  initial?: ClaimDraft;
  error?: unknown;
  /** Refused drafts kept beside the form while it holds newer text. */
  kept?: ReactNode;
  /** Every change of the draft. */
  onChange?: (draft: ClaimDraft) => void;
  onSave: (draft: ClaimDraft) => void;
  onClose: () => void;
}

/** A claim that is not tied to a passage (said elsewhere, or about the whole piece). */
export function NewClaimModal({ workspaceId, opened, initial, error, kept, onChange, onSave, onClose }: NewClaimModalProps) {
  const [statement, setStatement] = useState(initial?.statement ?? '');
  const [claimant, setClaimant] = useState(initial?.claimant ?? '');
  const changeStatement = (text: string) => {
    setStatement(text);
    onChange?.({ statement: text, claimant });
  };
  const changeClaimant = (text: string) => {
    setClaimant(text);
    onChange?.({ statement, claimant: text });
  };
  const valid = statement.trim().length > 0 && statement.trim().length <= 2_000;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) onSave({ statement: statement.trim(), claimant: claimant.trim() });
  };
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title="New claim" centered>
      <form onSubmit={submit}>
        <Textarea label="Claim" description="The checkable statement" autosize minRows={3} maxRows={8} value={statement} onChange={(e) => changeStatement(e.currentTarget.value)} data-autofocus />
        <ClaimantInput workspaceId={workspaceId} value={claimant} onChange={changeClaimant} mt="xs" comboboxProps={{ withinPortal: true }} />
        <WriteError error={error} what="Claim not saved" />
        {kept}
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={!valid}>
            Make claim
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
