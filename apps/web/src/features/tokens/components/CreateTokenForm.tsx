import { Alert, Button, CloseButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconKey } from '@tabler/icons-react';
import { CreateTokenBody } from '@corroborate/contracts';
import { schemaErrors, serverFieldErrors } from '../../../lib/formErrors';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SecretField } from '../../../components/SecretField';
import { useCreateToken } from '../api';

export function CreateTokenForm() {
  const create = useCreateToken();
  const form = useForm({
    initialValues: { name: '' },
    validate: (values) => schemaErrors(CreateTokenBody, values),
  });

  const submit = form.onSubmit((values) =>
    create.mutate(
      { name: values.name.trim() },
      {
        onSuccess: () => form.reset(),
        onError: (error) => form.setErrors(serverFieldErrors(error, ['name'])),
      },
    ),
  );

  return (
    <Stack gap="sm">
      <form onSubmit={submit} noValidate>
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label="Token name"
            placeholder="e.g. Newsroom CMS import"
            style={{ flex: '1 1 240px' }}
            {...form.getInputProps('name')}
          />
          <Button type="submit" mt={25} loading={create.isPending} leftSection={<IconKey size={16} />}>
            Create token
          </Button>
        </Group>
      </form>
      {create.isError && <ErrorAlert error={create.error} fields={['name']} />}
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
