import { Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ChangePasswordBody } from '@corroborate/contracts';
import { describeEnded } from '../ended';
import { schemaErrors, serverFieldErrors } from '../../../lib/formErrors';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useChangePassword } from '../api';

const FIELDS = ['currentPassword', 'newPassword'] as const;

export function ChangePasswordForm() {
  const change = useChangePassword();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '' },
    validate: (values) => schemaErrors(ChangePasswordBody, values),
  });

  const submit = form.onSubmit((values) =>
    change.mutate(values, {
      onSuccess: (ended) => {
        form.reset();
        notifications.show({ color: 'teal', title: 'Password changed', message: describeEnded(ended) });
      },
      onError: (error) => form.setErrors(serverFieldErrors(error, FIELDS)),
    }),
  );

  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} size="h4">
        Password
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Changing your password signs you out everywhere else and revokes all your API tokens.
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={420}>
          {change.isError && (
            <ErrorAlert
              error={change.error}
              fields={FIELDS}
              overrides={{
                UNAUTHENTICATED: { title: 'Password not changed', message: 'Your current password is not correct.' },
                RATE_LIMITED: 'Too many attempts. Wait a few minutes before trying again.',
              }}
            />
          )}
          <PasswordInput label="Current password" autoComplete="current-password" {...form.getInputProps('currentPassword')} />
          <PasswordInput
            label="New password"
            description="At least 10 characters."
            autoComplete="new-password"
            {...form.getInputProps('newPassword')}
          />
          <Group>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
