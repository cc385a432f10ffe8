import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Notification } from '@corroborate/contracts';
import { queryKeys } from '../../lib/queryKeys';
import { addNotification, type NotificationPages } from '../live/reducers/notifications';
import { acquireSocket, releaseSocket } from '../live/socket';

/**
 * Keeps the tab's socket open while signed in, on every page, for notifications pushed to this
 * user. Each one is added to the menu; as it may be about a claim in the user's queue or the
 * claims table (lists that are not on an article's event stream), those are refetched too.
 */
export function useNotificationsLive(userId: string | undefined): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!userId) return;
    const socket = acquireSocket();
    const onNotification = (notification: Notification) => {
      queryClient.setQueryData<NotificationPages>(queryKeys.notifications(), (data) => data && addNotification(data, notification));
      // An account notice belongs to no workspace.
      if (!notification.workspaceId) return;
      void queryClient.invalidateQueries({ queryKey: queryKeys.workspaces.queue(notification.workspaceId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.workspaces.claims(notification.workspaceId) });
    };
    // Whatever arrived while the socket was down is read afresh.
    const onConnect = () => void queryClient.invalidateQueries({ queryKey: queryKeys.notifications() });
    socket.on('notification', onNotification);
    socket.on('connect', onConnect);
    return () => {
      socket.off('notification', onNotification);
      socket.off('connect', onConnect);
      releaseSocket();
    };
  }, [queryClient, userId]);
}
