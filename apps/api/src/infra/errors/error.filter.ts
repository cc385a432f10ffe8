import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { CODE_FOR_STATUS } from '@corroborate/contracts';
import type { Response } from 'express';
import { Prisma } from '../../generated/prisma/client';
import { isDatabaseUnavailable } from '../database/unavailable';
import { AppError, unavailable } from './app-error';

/** Maps anything thrown while handling a request to the one error shape. */
export function toAppError(exception: unknown): AppError {
  if (exception instanceof AppError) return exception;
  // Checked first: a lost connection is the database's state, not the request's fault.
  if (isDatabaseUnavailable(exception)) return unavailable();
  if (exception instanceof HttpException) {
    const code = CODE_FOR_STATUS[exception.getStatus()];
    if (code) return new AppError(code, exception.message);
  }
  if (exception instanceof Prisma.PrismaClientKnownRequestError) {
    if (exception.code === 'P2002') return new AppError('CONFLICT', 'That already exists');
    if (exception.code === 'P2025') return new AppError('NOT_FOUND', 'Not found');
  }
  // PostgreSQL errors from statements run straight on the pool.
  const sqlState = (exception as { code?: unknown } | null)?.code;
  if (sqlState === '23505') return new AppError('CONFLICT', 'That already exists');
  if (sqlState === '23503') return new AppError('NOT_FOUND', 'Something it refers to no longer exists');
  // body-parser errors carry a client-error status, with a type unless a decompression failed.
  const e = exception as { status?: number; type?: string; expose?: boolean; message?: string };
  if (e && typeof e.status === 'number' && e.status < 500 && (e.type !== undefined || e.expose)) {
    if (e.type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', 'Request body is too large');
    if (e.type === 'entity.parse.failed')
      return new AppError('VALIDATION_FAILED', 'Request body is not valid JSON', [
        { path: 'body', message: 'is not valid JSON' },
      ]);
    if (e.type === undefined && e.status === 400)
      return new AppError('VALIDATION_FAILED', 'Request body could not be decoded: check its Content-Encoding', [
        { path: 'body', message: 'could not be decompressed' },
      ]);
    const code = CODE_FOR_STATUS[e.status];
    if (code) return new AppError(code, e.message ?? 'Bad request');
  }
  return new AppError('INTERNAL', 'Something went wrong on our side');
}

/** During an outage every request fails alike: one line per interval says so. */
const UNAVAILABLE_LOG_INTERVAL_MS = 10_000;

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');
  private lastUnavailableLog = 0;

  private warnUnavailable(exception: unknown): void {
    if (Date.now() - this.lastUnavailableLog < UNAVAILABLE_LOG_INTERVAL_MS) return;
    this.lastUnavailableLog = Date.now();
    // Prisma's message opens with the call site; its last line names the cause.
    const cause = String((exception as Error)?.message ?? exception).trim().split('\n').at(-1);
    this.logger.warn(`Answering 503: ${cause}`);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const error = toAppError(exception);
    if (error.code === 'INTERNAL') this.logger.error(exception);
    else if (error.code === 'UNAVAILABLE') this.warnUnavailable(exception);
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (error.retryAfter) res.setHeader('Retry-After', String(error.retryAfter));
    res.status(error.status).json(error.toBody());
  }
}
