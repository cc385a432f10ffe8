import { Logger } from '@nestjs/common';
import { SOCKET_WRITES, type SocketWriteAck, type SocketWriteEvent } from '@corroborate/contracts';
import type { z } from 'zod';
import type { AuthContext } from '../auth/auth.context';
import { AppError, invalid } from '../infra/errors/app-error';
import { validationError } from '../infra/errors/validation';
import { findUnstorableText } from '../infra/http/text-guard';
import { ackFailure } from './ack-error';
import type { AppSocket } from './socket.types';

type Spec<E extends SocketWriteEvent> = (typeof SOCKET_WRITES)[E];
type Ids<E extends SocketWriteEvent> = z.output<Spec<E>['ids']>;
type Body<E extends SocketWriteEvent> = z.output<Spec<E>['body']>;
type Answer<E extends SocketWriteEvent> = z.output<Spec<E>['answer']>;

const logger = new Logger('SocketWrite');

/** Checks a write's payload as REST checks its path and body, with the same error details. */
function parse<E extends SocketWriteEvent>(event: E, payload: unknown): { ids: Ids<E>; body: Body<E> } {
  const spec = SOCKET_WRITES[event];
  const { body = {}, ...idFields } = payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
  const ids = spec.ids.safeParse(idFields);
  // The ids are REST's path parameters: named alone, as the path's UUID check names them.
  if (!ids.success) throw invalid(String(ids.error.issues[0]?.path[0] ?? 'payload'), 'must be a UUID');
  const unstorable = findUnstorableText(body);
  if (unstorable !== null) {
    const message = 'must not contain NUL characters or unpaired UTF-16 surrogates';
    throw new AppError('VALIDATION_FAILED', `${unstorable}: ${message}`, [{ path: unstorable, message }]);
  }
  const parsed = spec.body.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error, 'body');
  return { ids: ids.data as Ids<E>, body: parsed.data as Body<E> };
}

/**
 * One write received on a socket: validated with the REST contract, run by the same service
 * call as the REST route (which checks access, the client id and the version, and writes the
 * event), answered in an ack with REST's status and error shape.
 */
export async function socketWrite<E extends SocketWriteEvent>(
  event: E,
  socket: AppSocket,
  payload: unknown,
  run: (auth: AuthContext, ids: Ids<E>, body: Body<E>) => Promise<{ created?: boolean; data: Answer<E> }>,
): Promise<SocketWriteAck<E>> {
  try {
    const { ids, body } = parse(event, payload);
    const { created, data } = await run(socket.data.auth, ids, body);
    return { ok: true, status: created ? 201 : 200, data };
  } catch (error) {
    const appError = ackFailure(error, logger);
    return { ok: false, status: appError.status, error: appError.toBody().error };
  }
}

/** The author of a write, as services take it. */
export const person = (auth: AuthContext) => ({ id: auth.userId, displayName: auth.displayName });
