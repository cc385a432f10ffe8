import { Alert, Button, CloseButton, Group, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLink } from '@tabler/icons-react';
import { formatDateTime } from '../../../lib/format';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SecretField } from '../../../components/SecretField';
import { useCreateInvite, type CreateInviteInput } from '../api';
import { INVITE_ROLE_OPTIONS, ROLE_LABELS } from '../roles';

const EXPIRY_OPTIONS = [
  { value: '24', label: '1 day' },
  { value: '72', label: '3 days' },
  { value: '168', label: '7 days' },
  { value: '720', label: '30 days' },
];

/** The link opens this app's join page, whatever base URL the server was configured with. */
const joinUrl = (token: string) => `${window.location.origin}/join/${encodeURIComponent(token)}`;

export function CreateInviteForm({ workspaceId }: { workspaceId: string }) {
  const create = useCreateInvite(workspaceId);
  const form = useForm<{ role: CreateInviteInput['role']; expiresInHours: string }>({
    initialValues: { role: 'analyst', expiresInHours: '168' },
  });

  const submit = form.onSubmit((values) =>
    create.mutate({ role: values.role, expiresInHours: Number(values.expiresInHours) }),
  );

  return (
    <Stack gap="sm">
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select label="Invite role" data={INVITE_ROLE_OPTIONS} allowDeselect={false} w={160} {...form.getInputProps('role')} />
          <Select label="Expires after" data={EXPIRY_OPTIONS} allowDeselect={false} w={140} {...form.getInputProps('expiresInHours')} />
          <Button type="submit" loading={create.isPending} leftSection={<IconLink size={16} />}>
            Create invite link
          </Button>
        </Group>
      </form>
      {create.isError && <ErrorAlert error={create.error} />}
      {create.data && (
        <Alert color="teal" variant="light" title="Invite link created" data-testid="created-invite">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Text size="sm" mb="xs">
              Anyone with this link can join as {ROLE_LABELS[create.data.role].toLowerCase()} until{' '}
              {formatDateTime(create.data.expiresAt)}. It is shown only now.
            </Text>
            <CloseButton aria-label="Dismiss invite link" onClick={() => create.reset()} />
          </Group>
          <SecretField value={joinUrl(create.data.token)} label="invite link" testId="invite-link" />
        </Alert>
      )}
    </Stack>
  );
}
