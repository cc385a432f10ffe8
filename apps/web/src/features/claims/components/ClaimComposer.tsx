import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { Button, Group, Text, Textarea } from '@mantine/core';
import { WriteError } from '../../../components/WriteError';
import type { SelectionBox } from '../../annotations/useTextSelection';
import { SimilarClaims } from '../../discovery/components/SimilarClaims';
import { ClaimantInput } from './ClaimantInput';

export interface ClaimDraft {
  statement: string;
  claimant: string;
}

/** Nothing typed worth keeping: both fields empty, or as they started. */
export const untouchedDraft = (draft: ClaimDraft, start: ClaimDraft) =>
  (!draft.statement.trim() && !draft.claimant.trim()) || (draft.statement.trim() === start.statement.trim() && draft.claimant.trim() === start.claimant.trim());

/** A draft as text, to read or copy when it is kept beside the form. */
export const claimDraftText = (draft: ClaimDraft) => (draft.claimant.trim() ? `${draft.statement}\nClaimant: ${draft.claimant}` : draft.statement);

interface ClaimComposerProps {
  workspaceId: string;
  quote: string;
  box: SelectionBox;
  /** What was typed before a refusal, kept with the reason. */
  initial?: ClaimDraft;
  error?: unknown;
  /** Refused drafts kept beside the form while it holds newer text. */
  kept?: ReactNode;
  /** Every change of the draft. */
  onChange?: (draft: ClaimDraft) => void;
  onSave: (draft: ClaimDraft) => void;
  onCancel: () => void;
}

const MAX_STATEMENT = 2_000;

/** What the composer starts with: the passage as the statement. */
export const composerStart = (quote: string): ClaimDraft => ({ statement: quote.slice(0, MAX_STATEMENT), claimant: '' });

/** "Make claim": the checkable wording (prefilled with the passage) and who made the claim. */
export function ClaimComposer({ workspaceId, quote, box, initial, error, kept, onChange, onSave, onCancel }: ClaimComposerProps) {
  const [statement, setStatement] = useState((initial ?? composerStart(quote)).statement);
  const [claimant, setClaimant] = useState(initial?.claimant ?? '');
  const changeStatement = (text: string) => {
    setStatement(text);
    onChange?.({ statement: text, claimant });
  };
  const changeClaimant = (text: string) => {
    setClaimant(text);
    onChange?.({ statement, claimant: text });
  };
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
          onChange={(e) => changeStatement(e.currentTarget.value)}
          error={statement.length > MAX_STATEMENT ? `At most ${MAX_STATEMENT.toLocaleString()} characters` : undefined}
          autoFocus
        />
        <ClaimantInput workspaceId={workspaceId} value={claimant} onChange={changeClaimant} mt="xs" />
        {/* Checked before? Claims like this one elsewhere in the workspace, as it is typed. */}
        <SimilarClaims workspaceId={workspaceId} statement={statement} />
        <WriteError error={error} what="Claim not saved" />
        {kept}
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
