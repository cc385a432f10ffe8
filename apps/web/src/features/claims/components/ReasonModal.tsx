import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Group, Modal, Textarea } from '@mantine/core';
import type { ClaimTransition } from '@corroborate/contracts';
import { WriteError } from '../../../components/WriteError';

interface ReasonModalProps {
  transition: ClaimTransition | null;
  /** A reason typed before a refusal, kept. */
  initial?: string;
  error?: unknown;
  /** Refused reasons kept beside the field while it holds newer text. */
  kept?: ReactNode;
  /** Every change of the reason. */
  onChange?: (reason: string) => void;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}

/** Asks why, for moves the workflow wants explained (dismiss, reopen, send back). */
export function ReasonModal({ transition, initial = '', error, kept, onChange, onSubmit, onClose }: ReasonModalProps) {
  const [reason, setReason] = useState(initial);
  const change = (text: string) => {
    setReason(text);
    onChange?.(text);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) onSubmit(reason.trim());
  };
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={!!transition} onClose={onClose} title={transition ? `${transition.label}: why?` : ''} centered>
      <form onSubmit={submit}>
        <Textarea
          label="Reason"
          description="Kept in the claim's history"
          autosize
          minRows={3}
          maxRows={8}
          value={reason}
          onChange={(e) => change(e.currentTarget.value)}
          maxLength={2_000}
          data-autofocus
        />
        <WriteError error={error} what="Not moved" />
        {kept}
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={!reason.trim()}>
            {transition?.label}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
