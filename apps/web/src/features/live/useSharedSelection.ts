import { useEffect, useRef } from 'react';
import type { PresenceUpdate } from '@corroborate/contracts';
import { currentSocket } from './socket';

const THROTTLE_MS = 100;

type Selection = NonNullable<PresenceUpdate['selection']>;

/**
 * Tells the others in the article what this user has selected: at most every 100 ms,
 * always ending on the latest state, and cleared (no selection) when it goes away.
 */
export function useSharedSelection(articleId: string, selection: Selection | null): void {
  const latest = useRef<Selection | null>(null);
  const sent = useRef<{ at: number; key: string }>({ at: 0, key: '' });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const start = selection?.start;
  const end = selection?.end;

  useEffect(() => {
    latest.current = start === undefined || end === undefined ? null : { start, end };
    const send = () => {
      timer.current = undefined;
      const current = latest.current;
      const key = current ? `${current.start}-${current.end}` : '';
      const socket = currentSocket();
      if (key === sent.current.key || !socket?.connected) return;
      sent.current = { at: Date.now(), key };
      socket.emit('presence:update', current ? { articleId, selection: current } : { articleId });
    };
    if (timer.current) return;
    const wait = sent.current.at + THROTTLE_MS - Date.now();
    if (wait <= 0) send();
    else timer.current = setTimeout(send, wait);
  }, [articleId, start, end]);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      timer.current = undefined;
      sent.current = { at: 0, key: '' };
    },
    [articleId],
  );
}
