import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { NotificationsPage } from '@corroborate/contracts';
import { http } from '../../lib/http';
import { queryKeys } from '../../lib/queryKeys';
import { ACK_TIMEOUT_MS } from '../live/liveWrite';
import { currentSocket, useConnectionStatus } from '../live/socket';
import { markAllNotificationsRead, markNotificationRead, type NotificationPages } from '../live/reducers/notifications';

const PAGE_SIZE = 20;

/**
 * A page of the user's notifications: over the live socket while it is connected (no HTTP
 * request), else over REST, which also answers whatever the socket could not (a refusal, no
 * answer in time) with the error REST gives.
 */
async function notificationsPage(before: string | null, signal: AbortSignal): Promise<NotificationsPage> {
  const query = { limit: PAGE_SIZE, ...(before ? { before } : {}) };
  const socket = currentSocket();
  if (socket?.connected) {
    const ack = await socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('notifications:list', query)
      .catch(() => null);
    if (ack?.ok) return ack.page;
  }
  return http<NotificationsPage>('/notifications', { query, signal });
}

/**
 * The user's notifications, newest first; new ones are added by `useNotificationsLive`. Read
 * once the live connection is up, over it (each connection reads them afresh, for any that came
 * while it was down), or has failed once: read before it, they would be read again as it connects.
 */
export function useNotifications() {
  const enabled = useConnectionStatus() !== 'connecting';
  return useInfiniteQuery({
    queryKey: queryKeys.notifications(),
    queryFn: ({ pageParam, signal }) => notificationsPage(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
    enabled,
    staleTime: 60_000,
  });
}

function useMarkRead<V>(send: (v: V) => Promise<void>, apply: (data: NotificationPages, v: V, at: string) => NotificationPages) {
  const queryClient = useQueryClient();
  return useMutation<void, Error, V>({
    mutationFn: send,
    onMutate: (v) => queryClient.setQueryData<NotificationPages>(queryKeys.notifications(), (data) => data && apply(data, v, new Date().toISOString())),
    // Refused or not, the server's own count is the one to show.
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications() }),
  });
}

export function useMarkNotificationRead() {
  return useMarkRead<string>(
    (id) => http<void>(`/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' }),
    (data, id, at) => markNotificationRead(data, id, at),
  );
}

export function useMarkAllNotificationsRead() {
  return useMarkRead<void>(
    () => http<void>('/notifications/read-all', { method: 'POST' }),
    (data, _v, at) => markAllNotificationsRead(data, at),
  );
}
