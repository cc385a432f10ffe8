import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button, Group, Textarea } from '@mantine/core';

/** Adds a reply to a thread; Ctrl+Enter sends too. */
export function ReplyBox({ onSave }: { onSave: (body: string) => void }) {
  const [value, setValue] = useState('');
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!value.trim()) return;
    onSave(value.trim());
    setValue('');
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) submit();
  };

  return (
    <form onSubmit={submit} className="reply-box">
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Textarea
          aria-label="Reply"
          placeholder="Reply…"
          size="sm"
          rows={1}
          // Grows with its text by CSS (`field-sizing`), not by measuring: a script that measures
          // each of an article's hundreds of reply boxes on mount held the first paint for seconds.
          classNames={{ input: 'reply-box-input' }}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          style={{ flex: 1 }}
        />
        {/* Only while there is something to send, so an open composer's Save stays the only one. */}
        {value.trim() && (
          <Button type="submit" size="sm" variant="light">
            Save
          </Button>
        )}
      </Group>
    </form>
  );
}
