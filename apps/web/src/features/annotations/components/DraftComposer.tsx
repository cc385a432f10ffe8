import { useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { Alert, Button, Group, Text, TextInput, Textarea } from '@mantine/core';
import { checkComposerText, formatCount } from '../composerCheck';
import { draftStore } from '../draftStore';
import { useKeepInView } from '../keepInView';
import { COMPOSER_FIELD, parseTags } from '../motivations';
import type { SelectionBox } from '../useTextSelection';
import type { ThreadMotivation } from './SelectionToolbar';

interface DraftComposerProps {
  motivation: ThreadMotivation;
  quote: string;
  box: SelectionBox;
  /** Where the text is kept while typed (see drafts.ts): it survives Esc, Cancel and reloads. */
  draftKey: string;
  /** Why the server refused the last attempt to send it. */
  refusal: string | null;
  /** Refused texts kept beside the field while it holds newer text. */
  kept?: ReactNode;
  /** Every change of the text. */
  onChange?: (text: string) => void;
  onSave: (value: { body?: string; tags?: string[] }) => void;
  /** Closes the composer; the draft stays. */
  onCancel: () => void;
}

const shorten = (text: string, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The form for a new comment, question or tag set, under the passage it is about. What is typed
 * is kept as the passage's draft until it is sent or discarded, and checked against the limits
 * as it is typed, so nothing is lost to a refusal.
 */
export function DraftComposer({ motivation, quote, box, draftKey, refusal, kept, onChange, onSave, onCancel }: DraftComposerProps) {
  const [value, setValue] = useState(() => draftStore.read(draftKey) ?? '');
  const countId = useId();
  const field = COMPOSER_FIELD[motivation];
  const check = checkComposerText(motivation, value);
  const ref = useRef<HTMLDivElement>(null);
  useKeepInView(ref, [box.bottom, box.left, box.right]);

  const change = (text: string) => {
    setValue(text);
    draftStore.write(draftKey, text);
    onChange?.(text);
  };
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!check.ready) return;
    onSave(motivation === 'tagging' ? { tags: parseTags(value) } : { body: value.trim() });
  };
  const discard = () => {
    draftStore.remove(draftKey);
    onCancel();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) submit();
  };
  if (!field) return null;

  const style = { top: box.bottom + 10, left: Math.max(0, (box.left + box.right) / 2) };
  const common = {
    label: field.label,
    placeholder: field.placeholder,
    value,
    onChange: (e: { currentTarget: { value: string } }) => change(e.currentTarget.value),
    error: check.problem,
    'aria-describedby': check.count === null ? undefined : countId,
    autoFocus: true,
  };
  return (
    <div ref={ref} className="annotate-popover" style={style} role="dialog" aria-label="New annotation" onKeyDown={onKeyDown}>
      <form onSubmit={submit}>
        <Text size="xs" c="dimmed" mb={6} className="annotate-popover-quote">
          “{shorten(quote)}”
        </Text>
        {refusal && (
          <Alert color="red" variant="light" p="xs" mb="xs" role="alert" title="Not saved">
            {refusal} Your text is still here.
          </Alert>
        )}
        {motivation === 'tagging' ? (
          <TextInput {...common} description="Separate tags with commas" data-autofocus />
        ) : (
          <Textarea {...common} autosize minRows={3} maxRows={10} />
        )}
        {check.count !== null && (
          <Text id={countId} size="xs" ta="right" mt={4} c={check.problem ? 'red.8' : 'dimmed'} data-testid="composer-count">
            {formatCount(check)}
          </Text>
        )}
        {kept}
        <Group justify="space-between" mt="sm" gap="xs">
          <Text size="xs" c="dimmed">
            Ctrl+Enter saves · Esc closes, keeping the draft
          </Text>
          <Group gap="xs">
            {value.trim() && (
              <Button variant="subtle" color="red" size="xs" onClick={discard}>
                Discard
              </Button>
            )}
            <Button variant="default" size="xs" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" size="xs" disabled={!check.ready}>
              Save
            </Button>
          </Group>
        </Group>
      </form>
    </div>
  );
}
