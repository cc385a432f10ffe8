import type { SocketWriteAck, SocketWriteEvent, SocketWritePayload } from '@corroborate/contracts';
import { reportUnavailable } from '../../lib/availability';
import { ApiError, http } from '../../lib/http';
import { currentSocket } from './socket';

/** How long a write sent on the socket may go unanswered before it counts as never answered. */
export const ACK_TIMEOUT_MS = 10_000;

/** The REST route a socket write stands for, taken when the socket is not connected. */
export interface RestRoute {
  method: 'POST' | 'PATCH';
  path: string;
}

type Answer<E extends SocketWriteEvent> = Extract<SocketWriteAck<E>, { ok: true }>['data'];

/**
 * Sends a write over the live socket while it is connected (no HTTP request: the server
 * receives it on the connection its events come from), else over REST. Either way it answers
 * the stored object or throws the same ApiError, so callers (and the outbox) cannot tell them
 * apart; an ack that never comes is a NETWORK error, as a request that never got an answer.
 */
export async function liveWrite<E extends SocketWriteEvent>(event: E, payload: SocketWritePayload<E>, rest: RestRoute): Promise<Answer<E>> {
  const socket = currentSocket();
  if (!socket?.connected) return http<Answer<E>>(rest.path, { method: rest.method, body: payload.body });
  let ack: SocketWriteAck<E>;
  try {
    // The event map types each write's payload and ack; the generic event name loses that link.
    ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event as 'claim:create', payload as never)) as SocketWriteAck<E>;
  } catch {
    throw new ApiError(0, 'NETWORK', 'Could not reach the server.');
  }
  if (ack.ok) return ack.data as Answer<E>;
  if (ack.status === 503) reportUnavailable();
  const { code, message, details, current } = ack.error;
  throw new ApiError(ack.status, code, message, details, current);
}
