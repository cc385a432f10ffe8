import { isDatabaseUnavailable } from './unavailable';

/** A PostgreSQL error as pg raises it. */
const pgError = (code: string, message = 'server error') => Object.assign(new Error(message), { code, severity: 'ERROR' });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect', errno: -111 })],
    ['a pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['a client connect timeout', new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') })],
    ['an unanswered query', new Error('Query read timeout')],
    ['a statement timeout', pgError('57014', 'canceling statement due to statement timeout')],
    ['an idle transaction ended by the server', pgError('25P03', 'terminating connection due to idle-in-transaction timeout')],
    ['a server shutting down', pgError('57P01', 'terminating connection due to administrator command')],
    ['a server starting up', pgError('57P03', 'the database system is starting up')],
    ['too many connections', pgError('53300', 'sorry, too many clients already')],
    ['a connection exception', pgError('08006', 'connection failure')],
    ['a closed pool', new Error('Cannot use a pool after calling end on the pool')],
    ['Prisma unable to reach the server', Object.assign(new Error("Can't reach database server"), { code: 'P1001' })],
    ['a transaction that ran out of time on a busy server', Object.assign(new Error('Transaction already closed: the timeout for this transaction was 20000 ms'), { code: 'P2028' })],
    ['Prisma wrapping a statement timeout', Object.assign(new Error('Raw query failed'), { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'postgres', originalCode: '57014' } } } })],
    ['a driver adapter error', Object.assign(new Error('DatabaseNotReachable'), { cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1' } })],
  ])('recognises %s', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', pgError('23505', 'duplicate key value')],
    ['a foreign key violation', pgError('23503', 'violates foreign key constraint')],
    ['a syntax error', pgError('42601', 'syntax error')],
    ['Prisma not finding a record', Object.assign(new Error('Record not found'), { code: 'P2025' })],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('leaves %s alone', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
