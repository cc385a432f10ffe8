import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { onServerBack } from '../../lib/availability';
import { flushOutbox } from './writes';

/**
 * Sends the user's queued writes from whatever page is open: at sign-in (a queue left by an
 * earlier visit) and whenever the browser or the server is back. The reader also flushes on every
 * socket reconnect before it catches up.
 */
export function useOutboxFlush(userId: string | undefined): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!userId) return;
    const flush = () => {
      if (navigator.onLine) void flushOutbox(queryClient, userId);
    };
    flush();
    window.addEventListener('online', flush);
    const offServerBack = onServerBack(flush);
    return () => {
      window.removeEventListener('online', flush);
      offServerBack();
    };
  }, [queryClient, userId]);
}
