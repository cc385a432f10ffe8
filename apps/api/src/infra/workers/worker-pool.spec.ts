import { echoTask, failTask, handedLengthTask, handTask, missingTask, refuseTask, spinTask } from '../../../test/support/worker-tasks';
import type { AppConfig } from '../config/config.schema';
import { AppError } from '../errors/app-error';
import { WorkerPool } from './worker-pool';

const caught = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
};

describe('WorkerPool', () => {
  let pool: WorkerPool;
  beforeAll(() => {
    pool = new WorkerPool({ WORKER_THREADS: 1, WORKER_TIME_LIMIT_MS: 300 } as AppConfig);
  });
  afterAll(() => pool.onModuleDestroy());

  const options = { field: 'html', doing: 'converting it to text' };

  it('runs a task in a worker thread and returns its result', async () => {
    const text = 'ü'.repeat(100_000);
    expect(await pool.run(echoTask, { text }, options)).toEqual({ text, length: 100_000 });
  });

  it('moves the buffers a task hands back rather than copying them, and copies the rest', async () => {
    const moved = await pool.run(handTask, { size: 1_000_000, fill: 7, move: true }, options);
    expect(moved.bytes).toHaveLength(1_000_000);
    expect(moved.bytes.every((byte) => byte === 7)).toBe(true);
    // Moved: the worker's own buffer is left empty.
    expect(await pool.run(handedLengthTask, {}, options)).toBe(0);

    const copied = await pool.run(handTask, { size: 1_000, fill: 9, move: false }, options);
    expect([...copied.bytes]).toEqual(Array(1_000).fill(9));
    expect(await pool.run(handedLengthTask, {}, options)).toBe(1_000);
  });

  it("turns a task's Refusal into a 400 naming its path", async () => {
    const error = await caught(pool.run(refuseTask, { field: 'markdown' }, options));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).toBody()).toEqual({
      error: { code: 'VALIDATION_FAILED', message: 'markdown: is not acceptable', details: [{ path: 'markdown', message: 'is not acceptable' }] },
    });
  });

  it('stops a task past its time limit with a 413 naming the field, then runs the next', async () => {
    const error = await caught(pool.run(spinTask, { ms: 60_000 }, options));
    expect((error as AppError).toBody()).toEqual({
      error: {
        code: 'PAYLOAD_TOO_LARGE',
        message: 'html: converting it to text took longer than 0.3 s; send a shorter or simpler document',
        details: [{ path: 'html', message: 'converting it to text took longer than 0.3 s; send a shorter or simpler document' }],
      },
    });
    expect(await pool.run(echoTask, { text: 'after' }, options)).toEqual({ text: 'after', length: 5 });
  });

  it('takes a time limit per task', async () => {
    expect(await pool.run(spinTask, { ms: 500 }, { ...options, timeLimitMs: 5_000 })).toBeGreaterThan(0);
  });

  it('answers 503 with Retry-After once its queue is full, and runs what it queued', async () => {
    const runs = Array.from({ length: 24 }, () => pool.run(spinTask, { ms: 20 }, { ...options, timeLimitMs: 10_000 }).then(() => 'done', (error: unknown) => error));
    const outcomes = await Promise.all(runs);
    const busy = outcomes.filter((o): o is AppError => o instanceof AppError);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.every((e) => e.status === 503 && e.retryAfter === 5)).toBe(true);
    expect(outcomes.filter((o) => o === 'done')).toHaveLength(9);
  });

  it('answers 503 for a task no worker has started within its wait, and not for one started in time', async () => {
    const long = pool.run(spinTask, { ms: 1_000 }, { ...options, timeLimitMs: 10_000 });
    const waiting = await caught(pool.run(echoTask, { text: 'x' }, { ...options, maxWaitMs: 100 }));
    expect(waiting).toMatchObject({ status: 503, retryAfter: 5 });
    expect(await long).toBeGreaterThan(0);
    expect(await pool.run(spinTask, { ms: 300 }, { ...options, maxWaitMs: 3_000, timeLimitMs: 5_000 })).toBeGreaterThan(0);
  });

  it('passes other failures on as they are', async () => {
    expect(await caught(pool.run(failTask, {}, options))).toMatchObject({ message: 'broken task' });
    expect(await caught(pool.run(missingTask, {}, options))).toMatchObject({ message: expect.stringMatching(/exports no function nothing/) });
  });
});
