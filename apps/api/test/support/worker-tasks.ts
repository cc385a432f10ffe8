import { handBack, Refusal, workerTask } from '../../src/infra/workers/task';

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

/** The last buffer `hand` made, kept by the worker to see whether it was moved away. */
let lastHanded: ArrayBuffer | undefined;

/** `size` bytes of `fill`, handed back rather than copied when `move` is set. */
export function hand(input: { size: number; fill: number; move: boolean }): { bytes: Uint8Array } {
  const bytes = new Uint8Array(input.size).fill(input.fill);
  lastHanded = bytes.buffer;
  return input.move ? handBack({ bytes }, [bytes.buffer]) : { bytes };
}

/** The byte length the worker still sees of the last buffer `hand` made: 0 once it was moved. */
export function handedLength(): number {
  return lastHanded?.byteLength ?? -1;
}

export function fail(): never {
  throw new Error('broken task');
}

export const echoTask = workerTask<{ text: string }, { text: string; length: number }>(__filename, 'echo');
export const refuseTask = workerTask<{ field: string }, never>(__filename, 'refuse');
export const spinTask = workerTask<{ ms: number }, number>(__filename, 'spin');
export const handTask = workerTask<{ size: number; fill: number; move: boolean }, { bytes: Uint8Array }>(__filename, 'hand');
export const handedLengthTask = workerTask<Record<string, never>, number>(__filename, 'handedLength');
export const failTask = workerTask<Record<string, never>, never>(__filename, 'fail');
export const missingTask = workerTask<Record<string, never>, never>(__filename, 'nothing');
