import { Refusal, workerTask } from '../../src/infra/workers/task';

/** Tasks for the worker pool's own spec: they run in a worker thread, so they touch nothing else. */
export function echo(input: { text: string }): { text: string; length: number } {
  return { text: input.text, length: input.text.length };
}

export function refuse(input: { field: string }): never {
  throw new Refusal(input.field, 'is not acceptable');
}

/** Keeps the worker's thread busy for `ms`, as a runaway conversion would. */
export function spin(input: { ms: number }): number {
  const until = Date.now() + input.ms;
  let turns = 0;
  while (Date.now() < until) turns++;
  return turns;
}

export function fail(): never {
  throw new Error('broken task');
}

export const echoTask = workerTask<{ text: string }, { text: string; length: number }>(__filename, 'echo');
export const refuseTask = workerTask<{ field: string }, never>(__filename, 'refuse');
export const spinTask = workerTask<{ ms: number }, number>(__filename, 'spin');
export const failTask = workerTask<Record<string, never>, never>(__filename, 'fail');
export const missingTask = workerTask<Record<string, never>, never>(__filename, 'nothing');
