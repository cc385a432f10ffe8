import { Accordion, Badge, Group, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { can, WEBHOOK_EVENT_LABELS } from '@corroborate/contracts';
import { notifyError } from '../../../lib/errors';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { ListSkeleton } from '../../../components/PageLoader';
import { SectionPanel } from '../../../components/SectionPanel';
import { useCurrentWorkspace } from '../../workspaces/context';
import { useDeleteWebhook, useWebhooks } from '../api';
import { CreateWebhookForm } from './CreateWebhookForm';
import { DeliveryLog } from './DeliveryLog';

/** Workspace settings: webhook endpoints and their delivery logs (owners only). */
export function WebhooksPage() {
  const { workspace, role } = useCurrentWorkspace();
  useDocumentTitle(`Webhooks · ${workspace.name} · Corroborate`);
  const manage = can.manageWebhooks(role);

  return (
    <Stack gap="lg">
      <PageHeader
        title="Webhooks"
        description={`Tell other tools when something changes in ${workspace.name}. Each delivery is signed (HMAC-SHA256 over the timestamp and body) and retried for a day until it is accepted.`}
      />
      {manage ? (
        <WebhookEndpoints workspaceId={workspace.id} />
      ) : (
        <Text size="sm" c="dimmed">
          Only owners can manage webhooks.
        </Text>
      )}
    </Stack>
  );
}

function WebhookEndpoints({ workspaceId }: { workspaceId: string }) {
  const endpoints = useWebhooks(workspaceId);
  const remove = useDeleteWebhook(workspaceId);

  return (
    <>
      <SectionPanel title="Add an endpoint" description="Only https:// URLs on the public internet are accepted.">
        <CreateWebhookForm workspaceId={workspaceId} />
      </SectionPanel>
      <SectionPanel title="Endpoints">
        {endpoints.isPending && <ListSkeleton rows={2} label="Loading webhooks" />}
        {endpoints.isError && (
          <ErrorAlert error={endpoints.error} onRetry={() => void endpoints.refetch()} retrying={endpoints.isFetching} />
        )}
        {endpoints.isSuccess && endpoints.data.length === 0 && (
          <Text size="sm" c="dimmed">
            No endpoints yet.
          </Text>
        )}
        {endpoints.isSuccess && endpoints.data.length > 0 && (
          <Accordion variant="separated" data-testid="webhook-endpoints">
            {endpoints.data.map((endpoint) => (
              <Accordion.Item key={endpoint.id} value={endpoint.id}>
                <Accordion.Control>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm" fw={500} style={{ wordBreak: 'break-all' }}>
                      {endpoint.url}
                    </Text>
                    {!endpoint.active && (
                      <Badge color="orange" variant="light">
                        Paused
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {[endpoint.description, endpoint.events.map((e) => WEBHOOK_EVENT_LABELS[e]).join(', ')].filter(Boolean).join(' · ')}
                  </Text>
                  {!endpoint.active && (
                    <Text size="xs">
                      Nothing is sent to it: the person who added it no longer manages this workspace’s webhooks. Add it again to resume.
                    </Text>
                  )}
                </Accordion.Control>
                <Accordion.Panel>
                  <DeliveryLog workspaceId={workspaceId} endpointId={endpoint.id} />
                  <Group justify="flex-end" mt="sm">
                    <ConfirmButton
                      aria-label={`Delete endpoint ${endpoint.url}`}
                      title="Delete endpoint"
                      message="Deliveries to this URL stop at once, and its delivery log is deleted."
                      confirmLabel="Delete"
                      onConfirm={() => remove.mutateAsync(endpoint.id).catch((error: unknown) => notifyError(error))}
                    >
                      Delete endpoint
                    </ConfirmButton>
                  </Group>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        )}
      </SectionPanel>
    </>
  );
}
