import { Alert, Button, Checkbox, CloseButton, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconWebhook } from '@tabler/icons-react';
import { CreateWebhookBody, WEBHOOK_EVENT_LABELS, WebhookEventType } from '@corroborate/contracts';
import { schemaErrors, serverFieldErrors } from '../../../lib/formErrors';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SecretField } from '../../../components/SecretField';
import { useCreateWebhook } from '../api';

const FIELDS = ['url', 'description', 'events'];

interface Values {
  url: string;
  description: string;
  events: string[];
}

const toBody = (values: Values) => ({
  url: values.url.trim(),
  description: values.description.trim(),
  events: values.events as WebhookEventType[],
});

export function CreateWebhookForm({ workspaceId }: { workspaceId: string }) {
  const create = useCreateWebhook(workspaceId);
  const form = useForm<Values>({
    initialValues: { url: '', description: '', events: ['claim.resolved', 'report.published'] },
    validate: (values) => schemaErrors(CreateWebhookBody, toBody(values)),
  });

  const submit = form.onSubmit((values) =>
    create.mutate(toBody(values), {
      onSuccess: () => form.reset(),
      // What was typed stays; the refusal (a URL the guard refuses, say) shows beside its field.
      onError: (error) => form.setErrors(serverFieldErrors(error, FIELDS)),
    }),
  );

  return (
    <Stack gap="sm">
      <form onSubmit={submit} noValidate aria-label="Add a webhook endpoint">
        <Stack gap="sm">
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label="Endpoint URL"
              placeholder="https://cms.example.org/hooks/corroborate"
              style={{ flex: '2 1 320px' }}
              {...form.getInputProps('url')}
            />
            <TextInput label="Description" placeholder="e.g. Newsroom CMS" style={{ flex: '1 1 200px' }} {...form.getInputProps('description')} />
          </Group>
          <Checkbox.Group label="Events" {...form.getInputProps('events')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt={6} spacing={6}>
              {WebhookEventType.options.map((type) => (
                <Checkbox key={type} value={type} label={WEBHOOK_EVENT_LABELS[type]} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Group>
            <Button type="submit" loading={create.isPending} leftSection={<IconWebhook size={16} />}>
              Add endpoint
            </Button>
          </Group>
        </Stack>
      </form>
      {create.isError && <ErrorAlert error={create.error} fields={FIELDS} />}
      {create.data && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="Endpoint added" data-testid="created-webhook">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Text size="sm" mb="xs">
              Copy the signing secret now: it will not be shown again. Your receiver checks each delivery’s
              signature with it.
            </Text>
            <CloseButton aria-label="Dismiss secret" onClick={() => create.reset()} />
          </Group>
          <SecretField value={create.data.secret} label="signing secret" testId="webhook-secret" />
        </Alert>
      )}
    </Stack>
  );
}
