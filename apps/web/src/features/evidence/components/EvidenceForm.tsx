import type { ReactNode } from 'react';
import { Button, Group, SegmentedControl, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { EvidenceKind, Reliability, RELIABILITY_LABEL, Stance, STANCE_LABEL } from '@corroborate/contracts';
import { WriteError } from '../../../components/WriteError';
import { serverFieldErrors } from '../../../lib/formErrors';
import { EMPTY_EVIDENCE, EVIDENCE_FIELDS, validateEvidence, type EvidenceValues } from '../evidenceForm';

interface EvidenceFormProps {
  initial?: EvidenceValues;
  /** Why the last save was refused; the form keeps what was typed. */
  error?: unknown;
  /** Refused values kept beside the form while it holds newer ones. */
  kept?: ReactNode;
  /** Every change of the values. */
  onChange?: (values: EvidenceValues) => void;
  submitLabel: string;
  onSubmit: (values: EvidenceValues) => void;
  onCancel: () => void;
}

const KINDS: { value: EvidenceKind; label: string }[] = [
  { value: 'url', label: 'Link' },
  { value: 'document', label: 'Document' },
  { value: 'quote', label: 'Quote' },
  { value: 'note', label: 'Note' },
];
const STANCES = Stance.options.map((s) => ({ value: s, label: STANCE_LABEL[s] }));
const RELIABILITIES = Reliability.options.map((r) => ({ value: r, label: RELIABILITY_LABEL[r] }));

/** A piece of evidence: what it is, where it is from, what it says about the claim and how far to trust it. */
export function EvidenceForm({ initial = EMPTY_EVIDENCE, error, kept, onChange, submitLabel, onSubmit, onCancel }: EvidenceFormProps) {
  const form = useForm<EvidenceValues>({
    initialValues: initial,
    initialErrors: serverFieldErrors(error, EVIDENCE_FIELDS),
    validate: validateEvidence,
    onValuesChange: onChange,
  });
  const kind = form.values.kind;
  return (
    <form onSubmit={form.onSubmit(onSubmit)} noValidate className="evidence-form" aria-label={submitLabel}>
      <Stack gap="xs">
        <SegmentedControl
          aria-label="Kind of evidence"
          size="xs"
          data={KINDS}
          value={kind}
          onChange={(v) => form.setFieldValue('kind', EvidenceKind.parse(v))}
        />
        {(kind === 'url' || kind === 'document') && (
          <TextInput label="Address (URL)" type="url" inputMode="url" placeholder="https://" withAsterisk={kind === 'url'} {...form.getInputProps('url')} />
        )}
        {kind !== 'note' && (
          <SimpleGrid cols={2} spacing="xs">
            <TextInput label="Title" {...form.getInputProps('title')} />
            <TextInput label="Publisher" {...form.getInputProps('publisher')} />
          </SimpleGrid>
        )}
        {kind !== 'note' && <TextInput label="Published" type="date" {...form.getInputProps('publishedAt')} />}
        {kind !== 'note' && <Textarea label="Excerpt" autosize minRows={2} maxRows={6} withAsterisk={kind === 'quote'} {...form.getInputProps('excerpt')} />}
        <SimpleGrid cols={2} spacing="xs">
          <Select label="Stance" data={STANCES} allowDeselect={false} comboboxProps={{ withinPortal: true }} {...form.getInputProps('stance')} />
          <Select label="Source reliability" data={RELIABILITIES} allowDeselect={false} comboboxProps={{ withinPortal: true }} {...form.getInputProps('reliability')} />
        </SimpleGrid>
        {form.values.reliability !== 'unknown' && <TextInput label="Why this rating" {...form.getInputProps('reliabilityNote')} />}
        <Textarea label="Note" autosize minRows={kind === 'note' ? 3 : 1} maxRows={6} withAsterisk={kind === 'note'} {...form.getInputProps('note')} />
        <WriteError error={error} what="Evidence not saved" fields={EVIDENCE_FIELDS} />
        {kept}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="compact-sm" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" size="compact-sm">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
