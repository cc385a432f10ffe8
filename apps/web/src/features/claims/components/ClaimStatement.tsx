import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button, Group, Text, Textarea } from '@mantine/core';
import type { Claim } from '@corroborate/contracts';
import { WriteError } from '../../../components/WriteError';
import type { ClaimActions } from '../writes';

interface ClaimStatementProps {
  claim: Claim;
  canEdit: boolean;
  actions: ClaimActions;
}

/** The statement, edited in place; a refused edit reopens with the typed text and the reason. */
export function ClaimStatement({ claim, canEdit, actions }: ClaimStatementProps) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<unknown>(null);
  const valid = value.trim().length > 0 && value.trim().length <= 2_000;

  const start = () => {
    setValue(claim.statement);
    setError(null);
    setEditing(true);
  };
  const save = (event?: FormEvent) => {
    event?.preventDefault();
    if (!valid) return;
    const text = value;
    setEditing(false);
    if (text.trim() === claim.statement) return;
    actions.update(claim, { statement: text.trim() }, {
      onError: (e) => {
        setValue(text);
        setError(e);
        setEditing(true);
      },
    });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      setEditing(false);
    } else if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) save();
  };

  if (editing) {
    return (
      <form onSubmit={save} onKeyDown={onKeyDown}>
        <Textarea label="Statement" autosize minRows={2} maxRows={10} value={value} onChange={(e) => setValue(e.currentTarget.value)} autoFocus />
        <WriteError error={error} what="Statement not saved" />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" size="compact-sm" onClick={() => setEditing(false)}>
            Cancel
          </Button>
          <Button type="submit" size="compact-sm" disabled={!valid}>
            Save
          </Button>
        </Group>
      </form>
    );
  }
  return (
    <div>
      <Text className="claim-statement" data-testid="claim-statement">
        {claim.statement}
      </Text>
      {canEdit && (
        <Button variant="subtle" size="compact-xs" color="gray" mt={4} onClick={start}>
          Edit statement
        </Button>
      )}
    </div>
  );
}
