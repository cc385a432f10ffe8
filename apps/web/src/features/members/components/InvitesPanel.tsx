import { Badge, Table, Text } from '@mantine/core';
import { notifyError } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SectionPanel } from '../../../components/SectionPanel';
import { ListSkeleton } from '../../../components/PageLoader';
import { useInvites, useRevokeInvite } from '../api';
import { ROLE_LABELS } from '../roles';
import { CreateInviteForm } from './CreateInviteForm';

export function InvitesPanel({ workspaceId }: { workspaceId: string }) {
  const invites = useInvites(workspaceId);
  const revoke = useRevokeInvite(workspaceId);

  const revokeInvite = (inviteId: string) =>
    revoke.mutateAsync(inviteId).catch((error: unknown) => notifyError(error));

  return (
    <SectionPanel title="Invite links" description="Share a link with people who do not have an account yet.">
      <CreateInviteForm workspaceId={workspaceId} />
      {invites.isPending && <ListSkeleton rows={2} label="Loading invites" />}
      {invites.isError && (
        <ErrorAlert error={invites.error} onRetry={() => void invites.refetch()} retrying={invites.isFetching} />
      )}
      {invites.isSuccess && invites.data.length === 0 && (
        <Text size="sm" c="dimmed">
          No open invite links.
        </Text>
      )}
      {invites.isSuccess && invites.data.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="xs" data-testid="invites-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Role</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invites.data.map((invite) => (
                <Table.Tr key={invite.id}>
                  <Table.Td>
                    <Badge variant="light">{ROLE_LABELS[invite.role]}</Badge>
                  </Table.Td>
                  <Table.Td>{formatDateTime(invite.createdAt)}</Table.Td>
                  <Table.Td>{formatDateTime(invite.expiresAt)}</Table.Td>
                  <Table.Td ta="right">
                    <ConfirmButton
                      aria-label={`Revoke ${ROLE_LABELS[invite.role].toLowerCase()} invite created ${formatDateTime(invite.createdAt)}`}
                      title="Revoke invite link"
                      message="The link will stop working immediately."
                      confirmLabel="Revoke"
                      onConfirm={() => revokeInvite(invite.id)}
                    >
                      Revoke
                    </ConfirmButton>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionPanel>
  );
}
