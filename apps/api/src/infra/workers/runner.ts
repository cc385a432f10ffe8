import { setPriority } from 'node:os';
import type { MessagePort } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { handedBuffers, Refusal } from './task';

/**
 * Where a thread has a priority of its own (Linux), workers yield the CPU to the event loop:
 * a busy machine then slows conversions rather than every request. (Elsewhere this call would
 * lower the whole process.)
 */
const WORKER_NICENESS = 10;
if (process.platform === 'linux') setPriority(WORKER_NICENESS);

/** One task for a worker thread, as the pool posts it. */
export interface Job {
  module: string;
  name: string;
  input: unknown;
  /** Told once the task's module is loaded and the work begins: its time limit counts from then. */
  started: MessagePort;
}

export type Outcome = { value: unknown } | { refused: { path: string; detail: string } };

/** The entry of every worker thread: loads the task's module, runs it and hands back its result or refusal. */
export default async function run(job: Job): Promise<Outcome> {
  // A task module is CommonJS in dist/, and TypeScript loaded through a require hook when run from the sources.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const task = (require(job.module) as Record<string, unknown>)[job.name];
  if (typeof task !== 'function') throw new Error(`${job.module} exports no function ${job.name}`);
  job.started.postMessage('started');
  job.started.close();
  try {
    const value = await (task as (input: unknown) => unknown)(job.input);
    const buffers = handedBuffers(value);
    if (!buffers) return { value };
    // Piscina posts a moved result's value with its buffers in the transfer list.
    return move({ [transferableSymbol]: buffers, [valueSymbol]: { value } }) as unknown as Outcome;
  } catch (error) {
    if (error instanceof Refusal) return { refused: { path: error.path, detail: error.detail } };
    throw error;
  }
}
