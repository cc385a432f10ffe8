import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { Alert, Button, Group, TextInput, Textarea } from '@mantine/core';
import type { Annotation, UpdateAnnotationBody } from '@corroborate/contracts';
import { checkComposerText, formatCount } from '../composerCheck';
import { parseTags } from '../motivations';

interface EditAnnotationFormProps {
  annotation: Annotation;
  /** What the field is called, e.g. "Edit comment". */
  label: string;
  /** Text kept from an edit that lost to someone else's. */
  initial?: string;
  conflict: boolean;
  /** Why the server refused the last save, other than a conflict. */
  refusal?: string | null;
  /** Refused texts kept beside the field while it holds newer text. */
  kept?: ReactNode;
  /** Whether the thread is resolved now: resolving it while this form is open is worth a word. */
  threadResolved: boolean;
  /** Every change of the text, to keep it as a draft. */
  onChange: (text: string) => void;
  onSave: (change: Omit<UpdateAnnotationBody, 'version'>, text: string) => void;
  onCancel: () => void;
}

export function EditAnnotationForm({ annotation, label, initial, conflict, refusal = null, kept, threadResolved, onChange, onSave, onCancel }: EditAnnotationFormProps) {
  const tagging = annotation.motivation === 'tagging';
  const [value, setValue] = useState(initial ?? (tagging ? annotation.tags.join(', ') : (annotation.body ?? '')));
  const [resolvedAtStart] = useState(threadResolved);
  const check = checkComposerText(annotation.motivation, value);
  const valid = check.problem === null && (tagging ? check.ready : annotation.motivation === 'highlighting' || value.trim().length > 0);
  const change = (text: string) => {
    setValue(text);
    onChange(text);
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!valid) return;
    onSave(tagging ? { tags: parseTags(value) } : { body: value.trim() || null }, value);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) submit();
  };

  return (
    <form onSubmit={submit} onKeyDown={onKeyDown} className="edit-form">
      {conflict && (
        <Alert color="orange" variant="light" p="xs" mb="xs" role="alert">
          Someone else changed this while you were editing. It now shows their version; your text is kept below, and
          saving replaces theirs.
        </Alert>
      )}
      {refusal && (
        <Alert color="red" variant="light" p="xs" mb="xs" role="alert" title="Not saved">
          {refusal} Your text is still here.
        </Alert>
      )}
      {threadResolved && !resolvedAtStart && (
        <Alert color="orange" variant="light" p="xs" mb="xs" role="alert">
          Someone resolved this thread while you were editing. Your text is kept below; you can still save it.
        </Alert>
      )}
      {tagging ? (
        <TextInput label={label} size="sm" value={value} onChange={(e) => change(e.currentTarget.value)} error={check.problem} autoFocus />
      ) : (
        <Textarea
          label={label}
          size="sm"
          autosize
          minRows={2}
          maxRows={10}
          value={value}
          onChange={(e) => change(e.currentTarget.value)}
          error={check.problem}
          description={formatCount(check)}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          autoFocus
        />
      )}
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
