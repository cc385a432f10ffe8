import { useEffect, useState, type FormEvent } from 'react';
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import type { Claim, Rating } from '@corroborate/contracts';
import { WriteError } from '../../../components/WriteError';
import { draftStore } from '../../annotations/draftStore';
import { ratingLook } from '../ratings';
import { EMPTY_VERDICT, parseVerdictDraft, serialiseVerdictDraft, toAdjudicationBody, verdictDraftKey, type FieldErrors, type VerdictValues } from '../verdictForm';
import { useDecide } from '../writes';
import { RatingBadge } from './RatingBadge';
import { RatingChoice } from './RatingChoice';

/** An editor settles a disputed claim: the final rating and why, sent against the claim's version. */
export function AdjudicationForm({ claim, userId, scale }: { claim: Claim; userId: string; scale: readonly Rating[] }) {
  const key = verdictDraftKey(userId, claim.articleId, claim.id, 'adjudication');
  const [values, setValues] = useState<VerdictValues>(() => parseVerdictDraft(draftStore.read(key)) ?? EMPTY_VERDICT);
  const [errors, setErrors] = useState<FieldErrors>({});
  const decide = useDecide(claim);
  useEffect(() => draftStore.write(key, serialiseVerdictDraft(values)), [key, values]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = toAdjudicationBody(values, scale, claim.version);
    if ('errors' in checked) return setErrors(checked.errors);
    setErrors({});
    decide.mutate({ kind: 'adjudication', body: checked.body, draftKey: key });
  };

  return (
    <form aria-label="Adjudicate" onSubmit={submit} className="verdict-form" noValidate>
      <Stack gap="sm">
        <RatingChoice label="Final rating" scale={scale} value={values.rating} error={errors.rating} onChange={(rating) => setValues((v) => ({ ...v, rating }))} />
        <Textarea
          label="Adjudication rationale"
          description="Why this rating settles it; Markdown works."
          withAsterisk
          autosize
          minRows={3}
          maxRows={12}
          value={values.rationale}
          error={errors.rationale}
          onChange={(e) => {
            const rationale = e.currentTarget.value;
            setValues((v) => ({ ...v, rationale }));
          }}
        />
        <WriteError error={decide.error} what="Not adjudicated" onDismiss={() => decide.reset()} />
        <Group justify="flex-end">
          <Button type="submit" size="compact-sm" loading={decide.isPending}>
            Adjudicate
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The workspace asks an editor to confirm agreeing verdicts before the claim resolves. */
export function ConfirmationForm({ claim, rating, scale }: { claim: Claim; rating: string | null; scale: readonly Rating[] | undefined }) {
  const [rationale, setRationale] = useState('');
  const decide = useDecide(claim);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    decide.mutate({ kind: 'confirmation', body: { version: claim.version, ...(rationale.trim() ? { rationale: rationale.trim() } : {}) } });
  };
  return (
    <form aria-label="Confirm the agreed rating" onSubmit={submit} className="verdict-form">
      <Stack gap="sm">
        <Group gap={6}>
          <Text size="sm">The verdicts agree:</Text>
          {rating && <RatingBadge look={ratingLook(scale, rating)} />}
          <Text size="sm">This workspace asks an editor to confirm it.</Text>
        </Group>
        <Textarea label="Note (optional)" autosize minRows={2} maxRows={8} value={rationale} onChange={(e) => setRationale(e.currentTarget.value)} />
        <WriteError error={decide.error} what="Not confirmed" onDismiss={() => decide.reset()} />
        <Group justify="flex-end">
          <Button type="submit" size="compact-sm" loading={decide.isPending}>
            Confirm rating
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
