import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreatedWebhook, CreateWebhookBody, WebhookDelivery, WebhookEndpoint } from '@corroborate/contracts';
import { http } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';

/** The delivery log refreshes this often while it is open (retries change it without an event). */
const LOG_REFRESH_MS = 5_000;

export function useWebhooks(workspaceId: string) {
  return useQuery({
    queryKey: queryKeys.workspaces.webhooks(workspaceId),
    queryFn: ({ signal }) => http<WebhookEndpoint[]>(`/workspaces/${encodeURIComponent(workspaceId)}/webhooks`, { signal }),
  });
}

export function useCreateWebhook(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWebhookBody) =>
      http<CreatedWebhook>(`/workspaces/${encodeURIComponent(workspaceId)}/webhooks`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspaces.webhooks(workspaceId) }),
  });
}

export function useDeleteWebhook(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (endpointId: string) => http<void>(`/webhooks/${encodeURIComponent(endpointId)}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspaces.webhooks(workspaceId) }),
  });
}

export function useDeliveries(workspaceId: string, endpointId: string) {
  return useQuery({
    queryKey: queryKeys.workspaces.webhookDeliveries(workspaceId, endpointId),
    queryFn: ({ signal }) => http<WebhookDelivery[]>(`/webhooks/${encodeURIComponent(endpointId)}/deliveries`, { signal }),
    refetchInterval: LOG_REFRESH_MS,
  });
}

/** "Send test event" and "Redeliver": both add a delivery to the endpoint's log. */
export function useSendDelivery(workspaceId: string, endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: { kind: 'test' } | { kind: 'redeliver'; deliveryId: string }) =>
      action.kind === 'test'
        ? http<WebhookDelivery>(`/webhooks/${encodeURIComponent(endpointId)}/test`, { method: 'POST' })
        : http<WebhookDelivery>(`/webhook-deliveries/${encodeURIComponent(action.deliveryId)}/redeliver`, { method: 'POST' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspaces.webhookDeliveries(workspaceId, endpointId) }),
  });
}
