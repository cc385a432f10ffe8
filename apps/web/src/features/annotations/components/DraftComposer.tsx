import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button, Group, Text, TextInput, Textarea } from '@mantine/core';
import { COMPOSER_FIELD, parseTags } from '../motivations';
import type { SelectionBox } from '../useTextSelection';
import type { ThreadMotivation } from './SelectionToolbar';

interface DraftComposerProps {
  motivation: ThreadMotivation;
  quote: string;
  box: SelectionBox;
  onSave: (value: { body?: string; tags?: string[] }) => void;
  onCancel: () => void;
}

const shorten = (text: string, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The form for a new comment, question or tag set, under the passage it is about. */
export function DraftComposer({ motivation, quote, box, onSave, onCancel }: DraftComposerProps) {
  const [value, setValue] = useState('');
  const field = COMPOSER_FIELD[motivation];
  const tags = motivation === 'tagging' ? parseTags(value) : [];
  const valid = motivation === 'tagging' ? tags.length > 0 : value.trim().length > 0;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!valid) return;
    onSave(motivation === 'tagging' ? { tags } : { body: value.trim() });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) submit();
  };
  if (!field) return null;

  const style = { top: box.bottom + 10, left: Math.max(0, (box.left + box.right) / 2) };
  return (
    <div className="annotate-popover" style={style} role="dialog" aria-label="New annotation" onKeyDown={onKeyDown}>
      <form onSubmit={submit}>
        <Text size="xs" c="dimmed" mb={6} className="annotate-popover-quote">
          “{shorten(quote)}”
        </Text>
        {motivation === 'tagging' ? (
          <TextInput
            label={field.label}
            description="Separate tags with commas"
            placeholder={field.placeholder}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            data-autofocus
            autoFocus
          />
        ) : (
          <Textarea
            label={field.label}
            placeholder={field.placeholder}
            autosize
            minRows={3}
            maxRows={10}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            autoFocus
          />
        )}
        <Group justify="space-between" mt="sm" gap="xs">
          <Text size="xs" c="dimmed">
            Ctrl+Enter saves · Esc cancels
          </Text>
          <Group gap="xs">
            <Button variant="default" size="xs" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" size="xs" disabled={!valid}>
              Save
            </Button>
          </Group>
        </Group>
      </form>
    </div>
  );
}
