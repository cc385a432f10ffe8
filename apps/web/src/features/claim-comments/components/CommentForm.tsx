import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { Button, Group } from '@mantine/core';
import type { Person } from '@corroborate/contracts';
import { WriteError } from '../../../components/WriteError';
import { MentionTextarea } from './MentionTextarea';

interface CommentFormProps {
  label: string;
  people: readonly Person[];
  /** Text kept from a refused save, shown with the reason. */
  initial?: string;
  error?: unknown;
  /** Refused texts kept beside the field while it holds newer text. */
  kept?: ReactNode;
  /** Every change of the text. */
  onChange?: (value: string) => void;
  submitLabel?: string;
  onSave: (body: string) => void;
  onCancel?: () => void;
}

/** A comment or reply in Markdown, with @mentions; Ctrl+Enter sends. */
export function CommentForm({ label, people, initial = '', error, kept, onChange, submitLabel = 'Comment', onSave, onCancel }: CommentFormProps) {
  const [value, setValue] = useState(initial);
  const change = (text: string) => {
    setValue(text);
    onChange?.(text);
  };
  const valid = value.trim().length > 0 && value.length <= 20_000;
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (valid) onSave(value.trim());
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) submit();
    else if (event.key === 'Escape' && onCancel && !event.defaultPrevented) {
      event.preventDefault();
      onCancel();
    }
  };
  return (
    <form onSubmit={submit} className="comment-form">
      <MentionTextarea
        aria-label={label}
        placeholder="Markdown works; type @ to mention someone"
        autosize
        minRows={2}
        maxRows={8}
        value={value}
        onChange={change}
        people={people}
        onKeyDown={onKeyDown}
        size="sm"
      />
      <WriteError error={error} what="Comment not saved" />
      {kept}
      <Group justify="flex-end" gap="xs" mt={6}>
        {onCancel && (
          <Button variant="default" size="compact-sm" onClick={onCancel}>
            Cancel
          </Button>
        )}
        <Button type="submit" size="compact-sm" variant="light" disabled={!valid}>
          {submitLabel}
        </Button>
      </Group>
    </form>
  );
}
