import type { Logger } from '@nestjs/common';
import type { AckError } from '@corroborate/contracts';
import { toAppError } from '../infra/errors/error.filter';

/**
 * A socket event's failure as its ack answers it: the code and message REST gives for the same
 * error. One nobody expected (INTERNAL) is logged, as the REST error filter logs it.
 */
export function ackError(error: unknown, logger: Logger): AckError {
  const appError = toAppError(error);
  if (appError.code === 'INTERNAL') logger.error(error);
  return { ok: false, error: { code: appError.code, message: appError.message } };
}
