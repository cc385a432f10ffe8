import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { Button, Group, Textarea } from '@mantine/core';
import { draftStore } from '../draftStore';

/**
 * Adds a reply to a thread; Ctrl+Enter sends too. Opened by the thread's Reply button, with
 * focus in it. Sending or Escape closes it and gives focus back to the button
 * (`giveFocusBack`); focus moving away from it empty closes it alone. Text being written
 * keeps it open, and kept as the thread's reply draft (see drafts.ts) until it is sent.
 */
interface ReplyBoxProps {
  draftKey: string;
  /** Refused replies kept beside the box while it holds newer text. */
  kept?: ReactNode;
  /** Every change of the text. */
  onChange?: (text: string) => void;
  onSave: (body: string) => void;
  onClose: (giveFocusBack: boolean) => void;
}

export function ReplyBox({ draftKey, kept, onChange, onSave, onClose }: ReplyBoxProps) {
  const [value, setValue] = useState(() => draftStore.read(draftKey) ?? '');
  const change = (text: string) => {
    setValue(text);
    draftStore.write(draftKey, text);
    onChange?.(text);
  };
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!value.trim()) return;
    onSave(value.trim());
    setValue('');
    onClose(true);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) submit();
    if (event.key === 'Escape' && !value.trim()) onClose(true);
  };

  return (
    <form
      onSubmit={submit}
      className="reply-box"
      // Focus moving elsewhere in the page, with nothing written, puts the button back.
      onBlur={(event) => !value.trim() && !event.currentTarget.contains(event.relatedTarget as Node | null) && onClose(false)}
    >
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Textarea
          aria-label="Reply"
          placeholder="Reply…"
          size="sm"
          rows={1}
          autoFocus
          // Grows with its text by CSS (`field-sizing`), not by measuring.
          classNames={{ input: 'reply-box-input' }}
          value={value}
          onChange={(e) => change(e.currentTarget.value)}
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
      {kept}
    </form>
  );
}
