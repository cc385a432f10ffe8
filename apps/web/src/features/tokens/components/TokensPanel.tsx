import { Table, Text } from '@mantine/core';
import { notifyError } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SectionPanel } from '../../../components/SectionPanel';
import { ListSkeleton } from '../../../components/PageLoader';
import { useRevokeToken, useTokens } from '../api';
import { CreateTokenForm } from './CreateTokenForm';

export function TokensPanel() {
  const tokens = useTokens();
  const revoke = useRevokeToken();

  const revokeToken = (tokenId: string) =>
    revoke.mutateAsync(tokenId).catch((error: unknown) => notifyError(error));

  return (
    <SectionPanel title="API tokens" description="Tokens let scripts and other tools use the API on your behalf. A token cannot create tokens or change your password, and changing your password revokes every token.">
      <CreateTokenForm />
      {tokens.isPending && <ListSkeleton rows={2} label="Loading tokens" />}
      {tokens.isError && (
        <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} retrying={tokens.isFetching} />
      )}
      {tokens.isSuccess && tokens.data.length === 0 && (
        <Text size="sm" c="dimmed">
          You have no API tokens.
        </Text>
      )}
      {tokens.isSuccess && tokens.data.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" data-testid="tokens-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Scopes</Table.Th>
                <Table.Th>Workspace</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td fw={500}>{token.name}</Table.Td>
                  <Table.Td>{token.scopes.join(', ')}</Table.Td>
                  <Table.Td>{token.workspace?.name ?? 'All'}</Table.Td>
                  <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
                  <Table.Td>{token.expiresAt ? formatDateTime(token.expiresAt) : 'Never'}</Table.Td>
                  <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</Table.Td>
                  <Table.Td ta="right">
                    <ConfirmButton
                      aria-label={`Revoke token ${token.name}`}
                      title="Revoke token"
                      message={`Anything using “${token.name}” will stop working immediately.`}
                      confirmLabel="Revoke"
                      onConfirm={() => revokeToken(token.id)}
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
