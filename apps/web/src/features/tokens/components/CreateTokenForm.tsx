import { Alert, Button, Checkbox, CloseButton, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconKey } from '@tabler/icons-react';
import { CreateTokenBody, type TokenScope } from '@corroborate/contracts';
import { useMe } from '../../auth/api';
import { schemaErrors, serverFieldErrors } from '../../../lib/formErrors';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SecretField } from '../../../components/SecretField';
import { useCreateToken } from '../api';

const FIELDS = ['name', 'scopes', 'workspaceId', 'expiresInDays'];

export const SCOPE_LABELS: Record<TokenScope, string> = {
  read: 'Read: everything you may read',
  write: 'Write: annotations, claims, evidence, verdicts, reports',
  admin: 'Admin: members, invites, settings, webhooks',
};

const EXPIRY_CHOICES = [
  { value: '7', label: 'In 7 days' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
  { value: 'never', label: 'Never' },
];

interface Values {
  name: string;
  scopes: string[];
  workspaceId: string;
  expiresInDays: string;
}

const toBody = (values: Values) => ({
  name: values.name.trim(),
  scopes: values.scopes as TokenScope[],
  workspaceId: values.workspaceId === 'all' ? null : values.workspaceId,
  expiresInDays: values.expiresInDays === 'never' ? null : Number(values.expiresInDays),
});

export function CreateTokenForm() {
  const create = useCreateToken();
  const me = useMe();
  const form = useForm<Values>({
    initialValues: { name: '', scopes: ['read'], workspaceId: 'all', expiresInDays: '90' },
    validate: (values) => schemaErrors(CreateTokenBody, toBody(values)),
  });
  const workspaceChoices = [
    { value: 'all', label: 'All my workspaces' },
    ...(me.data?.workspaces ?? []).map((w) => ({ value: w.id, label: w.name })),
  ];

  const submit = form.onSubmit((values) =>
    create.mutate(toBody(values), {
      onSuccess: () => form.reset(),
      // The form keeps what was typed; the refusal is shown beside the field it names.
      onError: (error) => form.setErrors(serverFieldErrors(error, FIELDS)),
    }),
  );

  return (
    <Stack gap="sm">
      <form onSubmit={submit} noValidate aria-label="Create an API token">
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label="Token name"
            placeholder="e.g. Newsroom CMS import"
            style={{ flex: '1 1 240px' }}
            {...form.getInputProps('name')}
          />
          <Select
            label="Workspace"
            data={workspaceChoices}
            allowDeselect={false}
            style={{ flex: '1 1 200px' }}
            {...form.getInputProps('workspaceId')}
          />
          <Select
            label="Expires"
            data={EXPIRY_CHOICES}
            allowDeselect={false}
            style={{ flex: '0 1 150px' }}
            {...form.getInputProps('expiresInDays')}
          />
        </Group>
        <Checkbox.Group label="Scopes" mt="sm" {...form.getInputProps('scopes')}>
          <Group mt={6} gap="md">
            {(Object.keys(SCOPE_LABELS) as TokenScope[]).map((scope) => (
              <Checkbox key={scope} value={scope} label={SCOPE_LABELS[scope]} />
            ))}
          </Group>
        </Checkbox.Group>
        <Button type="submit" mt="sm" loading={create.isPending} leftSection={<IconKey size={16} />}>
          Create token
        </Button>
      </form>
      {create.isError && <ErrorAlert error={create.error} fields={FIELDS} />}
      {create.data && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title={`Token “${create.data.name}” created`}
          data-testid="created-token"
        >
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Text size="sm" mb="xs">
              Copy this token now and keep it somewhere safe. It will not be shown again; anyone holding it can act
              as you.
            </Text>
            <CloseButton aria-label="Dismiss token" onClick={() => create.reset()} />
          </Group>
          <SecretField value={create.data.token} label="token" testId="token-value" />
        </Alert>
      )}
    </Stack>
  );
}
