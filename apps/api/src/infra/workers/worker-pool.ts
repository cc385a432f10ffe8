import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { AppError, invalid } from '../errors/app-error';
import type { Job, Outcome } from './runner';
import type { WorkerTask } from './task';

const extension = path.extname(__filename);
const RUNNER = path.join(__dirname, `runner${extension}`);

/**
 * Run from the TypeScript sources (as under Jest), the workers compile them with tsx and take
 * @corroborate/contracts from its sources (its "source" export), as Jest does; from dist/ they
 * need nothing. Source maps stay on if the process has them.
 */
const WORKER_EXEC_ARGV =
  extension === '.ts'
    ? ['--require', require.resolve('tsx/cjs'), '--conditions=source']
    : process.execArgv.filter((arg) => arg === '--enable-source-maps');

/** A worker's heap: far above what converting the largest accepted article takes, well below a runaway. */
const WORKER_HEAP_MB = 1_024;
/** Tasks waiting per thread before new ones are turned away with 503. */
const QUEUE_PER_THREAD = 8;
/** Seconds a caller turned away for a full queue is asked to wait. */
const RETRY_AFTER_SECONDS = 5;

export interface RunOptions {
  /** The request field the work is about (e.g. "html"), named in the error when it runs out of time or memory. */
  field: string;
  /** The work, as it reads in that error: "converting it to text". */
  doing: string;
  /** Overrides the configured time limit for this task (milliseconds from when its work starts). */
  timeLimitMs?: number;
  /** Gives up with 503 when no worker has started the task within this many milliseconds: for work a transaction waits on. */
  maxWaitMs?: number;
  /** Buffers in `input` handed to the worker rather than copied (megabytes are a long copy); unusable here afterwards. */
  transfer?: ArrayBuffer[];
}

const busy = () => {
  const error = new AppError('UNAVAILABLE', 'The server is busy with other documents; try again in a few seconds');
  error.retryAfter = RETRY_AFTER_SECONDS;
  return error;
};

/**
 * The pool of worker threads that takes CPU-heavy work over user input (document conversion,
 * re-anchoring, and later report rendering) off the event loop. Each task has a time limit,
 * counted from when a worker starts it: past it the worker is stopped and the request gets 413.
 */
@Injectable()
export class WorkerPool implements OnModuleDestroy {
  readonly timeLimitMs: number;
  private readonly pool: Piscina<Job, Outcome>;
  /** Tasks running or waiting, and the most there may be (piscina's maxQueue does not count tasks that carry an AbortSignal). */
  private inFlight = 0;
  private readonly capacity: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.timeLimitMs = config.WORKER_TIME_LIMIT_MS;
    this.capacity = config.WORKER_THREADS * (1 + QUEUE_PER_THREAD);
    this.pool = new Piscina<Job, Outcome>({
      filename: RUNNER,
      // Threads start on first use and stop when idle: most processes convert rarely.
      minThreads: 0,
      maxThreads: config.WORKER_THREADS,
      idleTimeout: 30_000,
      execArgv: WORKER_EXEC_ARGV,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
  }

  /** Runs `task` on `input` in a worker; a task's Refusal becomes a 400 naming its path. */
  async run<I, O>(task: WorkerTask<I, O>, input: I, options: RunOptions): Promise<O> {
    if (this.inFlight >= this.capacity) throw busy();
    this.inFlight++;
    const limit = options.timeLimitMs ?? this.timeLimitMs;
    const abort = new AbortController();
    const { port1: started, port2 } = new MessageChannel();
    let waited = false;
    let timer = options.maxWaitMs === undefined ? undefined : setTimeout(() => ((waited = true), abort.abort()), options.maxWaitMs);
    started.once('message', () => {
      clearTimeout(timer);
      timer = setTimeout(() => abort.abort(), limit);
    });
    try {
      const outcome = await this.pool.run({ module: task.module, name: task.name, input, started: port2 }, { transferList: [port2, ...(options.transfer ?? [])], signal: abort.signal });
      if ('refused' in outcome) throw invalid(outcome.refused.path, outcome.refused.detail);
      return outcome.value as O;
    } catch (error) {
      if (waited) throw busy();
      throw this.explain(error, abort.signal.aborted, limit, options);
    } finally {
      this.inFlight--;
      clearTimeout(timer);
      started.close();
    }
  }

  private explain(error: unknown, timedOut: boolean, limit: number, { field, doing }: RunOptions): unknown {
    const refuse = (message: string) => new AppError('PAYLOAD_TOO_LARGE', `${field}: ${message}`, [{ path: field, message }]);
    if (timedOut) return refuse(`${doing} took longer than ${Number((limit / 1_000).toFixed(1))} s; send a shorter or simpler document`);
    const { code } = (error ?? {}) as { code?: unknown };
    if (code === 'ERR_WORKER_OUT_OF_MEMORY') return refuse(`${doing} needed more memory than the server allows; send a shorter or simpler document`);
    return error;
  }

  /** Lets tasks already started or queued finish (each within its time limit), then stops the threads. */
  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }
}
