import { ERROR_STATUS, ErrorBody, ErrorCode, ErrorDetail } from '@corroborate/contracts';

/** The one error type services throw; the exception filter turns it into the error shape. */
export class AppError extends Error {
  /** Seconds a rate-limited caller should wait (sent as Retry-After). */
  retryAfter?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly current?: unknown,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details ? { details: this.details } : {}),
        ...(this.current !== undefined ? { current: this.current } : {}),
      },
    };
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message: string) => new AppError('FORBIDDEN', message);
export const conflict = (message: string, current?: unknown) =>
  new AppError('CONFLICT', message, undefined, current);
/**
 * A client-chosen id that is already in use, and not by an identical retry of this create. One
 * answer whatever holds the id (another workspace, a deleted object, different content), so it
 * tells nobody what exists outside their workspaces.
 */
export const idTaken = () =>
  new AppError('CONFLICT', 'id: is already taken; create it under a new id', [{ path: 'id', message: 'is already taken; use a new id' }]);
export const unauthenticated = (message = 'Sign in first') =>
  new AppError('UNAUTHENTICATED', message);
export const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${path}: ${message}`, [{ path, message }]);

/** Seconds a client should wait before trying again while the database is unavailable. */
export const UNAVAILABLE_RETRY_AFTER_S = 5;

export function unavailable(message = 'The service is briefly unavailable; try again in a few seconds'): AppError {
  const error = new AppError('UNAVAILABLE', message);
  error.retryAfter = UNAVAILABLE_RETRY_AFTER_S;
  return error;
}
