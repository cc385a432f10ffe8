import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { Button, Group, Text, Textarea } from '@mantine/core';
import type { Claim } from '@corroborate/contracts';
import { KeptRefusals } from '../../../components/KeptRefusals';
import { WriteError } from '../../../components/WriteError';
import { untouchedText, useRefusals } from '../../../lib/refusals';
import type { ClaimActions } from '../writes';

interface ClaimStatementProps {
  claim: Claim;
  canEdit: boolean;
  actions: ClaimActions;
}

/** The statement, edited in place; a refused edit reopens with the typed text and the reason. */
export function ClaimStatement({ claim, canEdit, actions }: ClaimStatementProps) {
  // A refused edit comes back to the form, or waits beside what was typed since.
  const editing = useRefusals<string, null>({ startOf: () => claim.statement, untouched: untouchedText });

  const save = (text: string) => {
    editing.settle();
    if (text.trim() === claim.statement) return;
    actions.update(claim, { statement: text.trim() }, { onError: (error) => editing.refused({ target: null, value: text, error }) });
  };

  if (editing.open) {
    return (
      <StatementForm
        key={editing.open.key}
        initial={editing.open.initial}
        error={editing.open.error}
        kept={<KeptRefusals refusals={editing} what="Statement not saved" />}
        onChange={editing.track}
        onSave={save}
        onCancel={editing.settle}
      />
    );
  }
  return (
    <div>
      <Text className="claim-statement" data-testid="claim-statement">
        {claim.statement}
      </Text>
      {canEdit && (
        <Button variant="subtle" size="compact-xs" color="gray" mt={4} onClick={() => editing.openFor(null)}>
          Edit statement
        </Button>
      )}
    </div>
  );
}

interface StatementFormProps {
  initial: string;
  error: unknown;
  kept: ReactNode;
  onChange: (text: string) => void;
  onSave: (text: string) => void;
  onCancel: () => void;
}

function StatementForm({ initial, error, kept, onChange, onSave, onCancel }: StatementFormProps) {
  const [value, setValue] = useState(initial);
  const valid = value.trim().length > 0 && value.trim().length <= 2_000;
  const change = (text: string) => {
    setValue(text);
    onChange(text);
  };
  const save = (event?: FormEvent) => {
    event?.preventDefault();
    if (valid) onSave(value);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) save();
  };
  return (
    <form onSubmit={save} onKeyDown={onKeyDown}>
      <Textarea label="Statement" autosize minRows={2} maxRows={10} value={value} onChange={(e) => change(e.currentTarget.value)} autoFocus />
      <WriteError error={error} what="Statement not saved" />
      {kept}
      <Group justify="flex-end" gap="xs" mt="xs">
        <Button variant="default" size="compact-sm" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" size="compact-sm" disabled={!valid}>
          Save
        </Button>
      </Group>
    </form>
  );
}
