import { Badge, Button, Group, Table, Text } from '@mantine/core';
import type { WebhookDelivery } from '@corroborate/contracts';
import { notifyError } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ListSkeleton } from '../../../components/PageLoader';
import { useDeliveries, useSendDelivery } from '../api';

const STATUS_COLOR: Record<WebhookDelivery['status'], string> = { pending: 'yellow', succeeded: 'green', failed: 'red' };

export function DeliveryLog({ workspaceId, endpointId }: { workspaceId: string; endpointId: string }) {
  const deliveries = useDeliveries(workspaceId, endpointId);
  const send = useSendDelivery(workspaceId, endpointId);
  const act = (action: Parameters<typeof send.mutateAsync>[0]) => send.mutateAsync(action).catch((error: unknown) => notifyError(error));

  return (
    <>
      <Group justify="space-between" mb="xs">
        <Text size="sm" fw={500}>
          Deliveries
        </Text>
        <Button size="xs" variant="light" loading={send.isPending && send.variables?.kind === 'test'} onClick={() => void act({ kind: 'test' })}>
          Send test event
        </Button>
      </Group>
      {deliveries.isPending && <ListSkeleton rows={2} label="Loading deliveries" />}
      {deliveries.isError && (
        <ErrorAlert error={deliveries.error} onRetry={() => void deliveries.refetch()} retrying={deliveries.isFetching} />
      )}
      {deliveries.isSuccess && deliveries.data.length === 0 && (
        <Text size="sm" c="dimmed">
          Nothing sent yet.
        </Text>
      )}
      {deliveries.isSuccess && deliveries.data.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing={4} fz="sm" data-testid="delivery-log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Event</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Response</Table.Th>
                <Table.Th>Latency</Table.Th>
                <Table.Th>Attempts</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Next retry</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deliveries.data.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Text size="sm">{d.eventType}</Text>
                    <Text size="xs" c="dimmed" title="Delivery id">
                      {d.id}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[d.status]} variant="light">
                      {d.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td title={d.lastError ?? undefined}>{d.responseStatus ?? (d.lastError ? 'no answer' : '—')}</Table.Td>
                  <Table.Td>{d.latencyMs === null ? '—' : `${d.latencyMs} ms`}</Table.Td>
                  <Table.Td>{d.attempts}</Table.Td>
                  <Table.Td>{formatDateTime(d.createdAt)}</Table.Td>
                  <Table.Td>{d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : '—'}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="subtle"
                      aria-label={`Redeliver ${d.eventType} ${d.id}`}
                      onClick={() => void act({ kind: 'redeliver', deliveryId: d.id })}
                    >
                      Redeliver
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
