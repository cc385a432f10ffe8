import { Button, Group, Paper, Select, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { AddMemberBody, type WorkspaceRole } from '@corroborate/contracts';
import { schemaErrors, serverFieldErrors } from '../../../lib/formErrors';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useAddMember } from '../api';
import { ROLE_OPTIONS } from '../roles';

const FIELDS = ['email', 'role'] as const;

export function AddMemberForm({ workspaceId }: { workspaceId: string }) {
  const add = useAddMember(workspaceId);
  const form = useForm<{ email: string; role: WorkspaceRole }>({
    initialValues: { email: '', role: 'analyst' },
    validate: (values) => schemaErrors(AddMemberBody, { ...values, email: values.email.trim() }),
  });

  const submit = form.onSubmit((values) => {
    add.mutate(
      { email: values.email.trim(), role: values.role },
      {
        onSuccess: (member) => {
          notifications.show({ color: 'teal', title: 'Member added', message: `${member.displayName} joined.` });
          form.reset();
        },
        onError: (error) => form.setErrors(serverFieldErrors(error, FIELDS)),
      },
    );
  });

  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} size="h4" mb="sm">
        Add a member
      </Title>
      <form onSubmit={submit} noValidate>
        {add.isError && (
          <div style={{ marginBottom: 'var(--mantine-spacing-sm)' }}>
            <ErrorAlert
              error={add.error}
              fields={FIELDS}
              overrides={{
                NOT_FOUND: 'No one has an account with that email. Send them an invite link instead.',
              }}
            />
          </div>
        )}
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label="Email"
            type="email"
            placeholder="colleague@example.org"
            style={{ flex: '1 1 240px' }}
            {...form.getInputProps('email')}
          />
          <Select
            label="Role"
            data={ROLE_OPTIONS}
            allowDeselect={false}
            w={160}
            {...form.getInputProps('role')}
          />
          <Button type="submit" mt={25} loading={add.isPending} leftSection={<IconUserPlus size={16} />}>
            Add member
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
