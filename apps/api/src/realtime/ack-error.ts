import type { Logger } from '@nestjs/common';
import type { AckError } from '@corroborate/contracts';
import type { AppError } from '../infra/errors/app-error';
import { toAppError } from '../infra/errors/error.filter';

/**
 * A socket event's failure as the AppError REST would answer for it. One nobody expected
 * (INTERNAL) is logged, as the REST error filter logs it.
 */
export function ackFailure(error: unknown, logger: Logger): AppError {
  const appError = toAppError(error);
  if (appError.code === 'INTERNAL') logger.error(error);
  return appError;
}

/** A socket event's failure as its ack answers it: the code and message REST gives for the same error. */
export function ackError(error: unknown, logger: Logger): AckError {
  const { code, message } = ackFailure(error, logger);
  return { ok: false, error: { code, message } };
}
