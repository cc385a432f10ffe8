import { useState, type FormEvent } from 'react';
import { Button, Group, NumberInput, Paper, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { UpdateReviewSettingsBody, type ReviewSettings } from '@corroborate/contracts';
import { WriteError } from '../../../components/WriteError';
import { useSaveReviewSettings } from '../writes';

/** How many verdicts a claim needs, whether agreement waits for an editor, and who publishes reports. */
export function ReviewSettingsForm({ workspaceId, settings, editable }: { workspaceId: string; settings: ReviewSettings; editable: boolean }) {
  const [values, setValues] = useState(settings);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useSaveReviewSettings(workspaceId);
  const changed = (Object.keys(values) as (keyof ReviewSettings)[]).filter((k) => values[k] !== settings[k]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = UpdateReviewSettingsBody.safeParse(Object.fromEntries(changed.map((k) => [k, values[k]])));
    if (!parsed.success) {
      return setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message])));
    }
    setErrors({});
    save.mutate(parsed.data, { onSuccess: () => notifications.show({ color: 'teal', closeButtonProps: { 'aria-label': 'Dismiss' }, message: 'Review settings saved' }) });
  };

  return (
    <Paper withBorder p="md" radius="md">
      <form aria-label="Review settings" onSubmit={submit} noValidate>
        <Stack gap="sm" maw={520}>
          <NumberInput
            label="Verdicts each claim needs"
            description="Independent verdicts before a claim is decided (1 to 5)."
            min={1}
            max={5}
            clampBehavior="strict"
            allowDecimal={false}
            value={values.requiredVerdicts}
            error={errors.requiredVerdicts}
            disabled={!editable}
            onChange={(n) => setValues((v) => ({ ...v, requiredVerdicts: typeof n === 'number' ? n : v.requiredVerdicts }))}
          />
          <Switch
            label="An editor confirms agreeing verdicts"
            description="Otherwise a claim whose verdicts agree is resolved at once."
            checked={values.requireConfirmation}
            disabled={!editable}
            onChange={(e) => {
              const requireConfirmation = e.currentTarget.checked;
              setValues((v) => ({ ...v, requireConfirmation }));
            }}
          />
          <TextInput
            label="Publishing organisation"
            description="Named as the author of published fact checks."
            value={values.organisationName ?? ''}
            error={errors.organisationName}
            disabled={!editable}
            onChange={(e) => {
              const organisationName = e.currentTarget.value || null;
              setValues((v) => ({ ...v, organisationName }));
            }}
          />
          <TextInput
            label="Organisation website"
            type="url"
            value={values.organisationUrl ?? ''}
            error={errors.organisationUrl}
            disabled={!editable}
            onChange={(e) => {
              const organisationUrl = e.currentTarget.value.trim() || null;
              setValues((v) => ({ ...v, organisationUrl }));
            }}
          />
          <WriteError error={save.error} what="Settings not saved" onDismiss={() => save.reset()} />
          {editable && (
            <Group>
              <Button type="submit" disabled={changed.length === 0} loading={save.isPending}>
                Save settings
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
