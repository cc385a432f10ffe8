import { useEffect } from 'react';
import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import type { ArticleEvent, Presence } from '@corroborate/contracts';
import { useServerUnavailable } from '../../lib/availability';
import { queryKeys } from '../../lib/queryKeys';
import { meQuery, useMe } from '../auth/api';
import { flushOutbox } from '../annotations/writes';
import { articleSync } from './articleSync';
import { acquireSocket, releaseSocket, useConnectionStatus, type ConnectionStatus } from './socket';

export type PresenceUser = Presence['users'][number];

/** Pages showing each article; leaving waits a moment so a quick remount keeps the room. */
const mounted = new Map<string, number>();
const LEAVE_DELAY_MS = 200;

export interface ArticleLive {
  status: ConnectionStatus;
  presence: PresenceUser[];
}

/**
 * Keeps the article's annotations live: joins its room (re-joining with `sinceSeq` after
 * every reconnect), sends queued writes first, feeds events to the article's sync, and
 * tracks presence. Losing access shows a message and leaves the page.
 */
export function useArticleLive(articleId: string): ArticleLive {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const userId = useMe().data?.user.id;
  const socketStatus = useConnectionStatus();
  const serverUnavailable = useServerUnavailable();
  // A connected socket does not help while the server answers 503: say it is reconnecting.
  const status = socketStatus === 'connected' && serverUnavailable ? 'reconnecting' : socketStatus;
  const presence = useQuery<PresenceUser[]>({
    queryKey: queryKeys.articles.presence(articleId),
    queryFn: skipToken,
    staleTime: Infinity,
  });

  useEffect(() => {
    if (!userId) return;
    const socket = acquireSocket();
    const sync = articleSync(queryClient, articleId);
    const presenceKey = queryKeys.articles.presence(articleId);
    let active = true;
    mounted.set(articleId, (mounted.get(articleId) ?? 0) + 1);

    const revoked = () => {
      if (!active) return;
      notifications.show({ color: 'red', title: 'Access removed', message: 'You no longer have access to this article.' });
      queryClient.removeQueries({ queryKey: queryKeys.articles.detail(articleId) });
      // The home page picks a workspace from `me`, which must no longer list the lost one.
      void queryClient.fetchQuery({ ...meQuery, staleTime: 0 }).finally(() => navigate('/', { replace: true }));
    };

    const join = async () => {
      try {
        const ack = await sync.join(socket);
        const denied = !ack.ok && (ack.error.code === 'NOT_FOUND' || ack.error.code === 'FORBIDDEN');
        // Only an article that was readable can be "lost"; a bad link is the page's own 404.
        if (denied && queryClient.getQueryData(queryKeys.articles.detail(articleId))) revoked();
      } catch {
        // No answer in time: the next reconnect joins again.
      }
    };
    // Queued writes go first, in order; the join's catch-up then brings everything else.
    const onConnect = () => void flushOutbox(queryClient, userId).finally(() => active && void join());
    const onEvent = (event: ArticleEvent) => sync.receive(event);
    const onPresence = (update: Presence) => {
      if (update.articleId === articleId) queryClient.setQueryData(presenceKey, update.users);
    };
    const onRevoked = ({ articleId: lost }: { articleId: string }) => lost === articleId && revoked();
    const onDisconnect = () => queryClient.setQueryData(presenceKey, []);

    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('event', onEvent);
    socket.on('presence', onPresence);
    socket.on('access:revoked', onRevoked);
    if (socket.connected) onConnect();

    return () => {
      active = false;
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('event', onEvent);
      socket.off('presence', onPresence);
      socket.off('access:revoked', onRevoked);
      mounted.set(articleId, (mounted.get(articleId) ?? 1) - 1);
      setTimeout(() => {
        if ((mounted.get(articleId) ?? 0) > 0) return;
        mounted.delete(articleId);
        queryClient.setQueryData(presenceKey, []);
        if (socket.connected) socket.emit('article:leave', { articleId });
      }, LEAVE_DELAY_MS);
      releaseSocket();
    };
  }, [articleId, userId, queryClient, navigate]);

  return { status, presence: presence.data ?? [] };
}
