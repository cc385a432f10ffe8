/**
 * Tells "the database cannot serve right now" (down, unreachable, hung, overloaded,
 * restarting) from every other database error, whichever layer reports it: pg, the pg pool,
 * Prisma's driver adapter or Prisma itself. Such a request is answered 503, not 500.
 */

/** Socket errors while connecting or talking to the server. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNABORTED']);

/** Prisma: can't reach, timed out, connection closed, pool timeout, too many connections, a transaction that ran out of time. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'P2037']);

/** Prisma's driver adapter error kinds for the same. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

/**
 * SQLSTATEs: class 08 (connection exception), 53 (insufficient resources), 57P01-57P05
 * (shutdown, restart, cannot connect now, idle session timeout), 57014 (statement timeout)
 * and 25P03 (idle-in-transaction timeout).
 */
const isUnavailableState = (code: string) => /^(?:08...|53...|57P0[1-5]|57014|25P03)$/.test(code);

/** pg and pg-pool errors that carry no code, only a message. */
const MESSAGES = /Connection terminated|timeout expired|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Cannot use a pool after calling end/;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; errorCode?: unknown; kind?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  for (const code of [e.code, e.errorCode, e.originalCode]) {
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || PRISMA_CODES.has(code) || isUnavailableState(code))) return true;
  }
  if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true;
  if (typeof e.message === 'string' && e.code === undefined && MESSAGES.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1);
}
