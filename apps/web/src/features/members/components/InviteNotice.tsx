import { Alert, Loader, Group, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { IconMailOpened } from '@tabler/icons-react';
import type { InvitePreview } from '@corroborate/contracts';
import { formatDateTime } from '../../../lib/format';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ROLE_LABELS } from '../roles';

/** What an invite link offers, shown before the user accepts or signs up. */
export function InviteNotice({ query }: { query: UseQueryResult<InvitePreview> }) {
  if (query.isPending) {
    return (
      <Group gap="xs" role="status">
        <Loader size="xs" />
        <Text size="sm">Checking invite…</Text>
      </Group>
    );
  }
  if (query.isError) {
    return (
      <ErrorAlert
        error={query.error}
        overrides={{ NOT_FOUND: 'This invite link is invalid or has expired. Ask for a new one.' }}
      />
    );
  }
  const invite = query.data;
  return (
    <Alert color="blue" variant="light" icon={<IconMailOpened size={18} />} title="You are invited" data-testid="invite-preview">
      <Text size="sm">
        Join <strong>{invite.workspaceName}</strong> as {ROLE_LABELS[invite.role].toLowerCase()}.
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        Link valid until {formatDateTime(invite.expiresAt)}
      </Text>
    </Alert>
  );
}
