import { useEffect, useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { Claim, Evidence, Rating } from '@corroborate/contracts';
import { WriteError } from '../../../components/WriteError';
import { draftStore } from '../../annotations/draftStore';
import { useGiveVerdict } from '../writes';
import { EMPTY_VERDICT, parseVerdictDraft, refusedFields, serialiseVerdictDraft, toVerdictBody, verdictDraftKey, type FieldErrors, type VerdictValues } from '../verdictForm';
import { RatingChoice } from './RatingChoice';
import { evidenceName } from '../evidenceName';

interface VerdictFormProps {
  claim: Claim;
  userId: string;
  scale: readonly Rating[];
  evidence: readonly Evidence[];
  /** My current verdict, when this form replaces it. */
  supersedes?: string;
  onDone?: () => void;
  onCancel?: () => void;
}

/**
 * My independent verdict: a rating, a rationale and the evidence it rests on. What is typed is
 * kept as a draft until the server takes it, so a refusal or a reload loses nothing.
 */
export function VerdictForm({ claim, userId, scale, evidence, supersedes, onDone, onCancel }: VerdictFormProps) {
  const key = verdictDraftKey(userId, claim.articleId, claim.id, supersedes ? 'supersede' : 'verdict');
  const [values, setValues] = useState<VerdictValues>(() => parseVerdictDraft(draftStore.read(key)) ?? EMPTY_VERDICT);
  const [errors, setErrors] = useState<FieldErrors>({});
  const give = useGiveVerdict(claim);
  const title = supersedes ? 'Change my verdict' : 'Your verdict';
  // The fields on screen, where the server's reasons about them are shown (the rest stay in the alert).
  const fields = (['rating', 'rationale', 'evidenceIds', 'reason'] as const).filter(
    (f) => (f !== 'evidenceIds' || evidence.length > 0) && (f !== 'reason' || !!supersedes),
  );
  const refused = refusedFields(give.error, fields, give.variables?.body.evidenceIds ?? [], evidence);
  const shown: FieldErrors = { ...refused, ...errors };

  useEffect(() => draftStore.write(key, serialiseVerdictDraft(values)), [key, values]);
  const change = (patch: Partial<VerdictValues>) => setValues((v) => ({ ...v, ...patch }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const cited = { ...values, evidenceIds: values.evidenceIds.filter((id) => evidence.some((e) => e.id === id)) };
    const checked = toVerdictBody(cited, scale, supersedes);
    if ('errors' in checked) return setErrors(checked.errors);
    setErrors({});
    give.mutate({ body: checked.body, draftKey: key }, { onSuccess: onDone });
  };

  return (
    <form aria-label={title} onSubmit={submit} className="verdict-form" noValidate>
      <Stack gap="sm">
        <RatingChoice label="Rating" scale={scale} value={values.rating} error={shown.rating} onChange={(rating) => change({ rating })} />
        <Textarea
          label="Rationale"
          description="Why this rating; Markdown works."
          withAsterisk
          autosize
          minRows={3}
          maxRows={12}
          value={values.rationale}
          error={shown.rationale}
          onChange={(e) => change({ rationale: e.currentTarget.value })}
        />
        {evidence.length > 0 ? (
          <Checkbox.Group label="Evidence it rests on" value={values.evidenceIds} error={shown.evidenceIds} onChange={(evidenceIds) => change({ evidenceIds })}>
            <Stack gap={4} mt={6}>
              {evidence.map((e) => (
                <Checkbox key={e.id} value={e.id} label={evidenceName(e)} size="sm" />
              ))}
            </Stack>
          </Checkbox.Group>
        ) : (
          <Text size="sm" c="dimmed">
            No evidence on this claim to cite yet.
          </Text>
        )}
        {supersedes && (
          <TextInput label="Reason for the change" withAsterisk value={values.reason} error={shown.reason} onChange={(e) => change({ reason: e.currentTarget.value })} />
        )}
        <WriteError error={give.error} what="Verdict not given" fields={fields} onDismiss={() => give.reset()} />
        <Group justify="flex-end" gap="xs">
          {onCancel && (
            <Button variant="default" size="compact-sm" onClick={onCancel}>
              Cancel
            </Button>
          )}
          <Button type="submit" size="compact-sm" loading={give.isPending}>
            {supersedes ? 'Replace my verdict' : 'Submit verdict'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
