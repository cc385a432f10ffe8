/**
 * A function run on the worker pool, named by the file of the module that exports it and its
 * export name. Such a module is loaded in a worker thread: it must not depend on Nest, the
 * database or any state of the main thread. Declare it beside the function:
 *
 *   export const convertTask = workerTask<Input, Output>(__filename, 'convert');
 *
 * `__filename` is the TypeScript source under Jest and the compiled file in dist/, so the
 * worker loads whichever the caller runs from.
 */
export interface WorkerTask<I, O> {
  readonly module: string;
  readonly name: string;
  /** Only carries the types. */
  readonly io?: (input: I) => O;
}

export const workerTask = <I, O>(module: string, name: string): WorkerTask<I, O> => ({ module, name });

/**
 * Thrown by a task for input it will not handle; the caller receives a 400 naming `path`. A
 * plain Error of its own, since errors lose their class and fields on the way back from a worker.
 */
export class Refusal extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

/** Results whose buffers go back to the caller moved rather than copied, as `handBack` marked them. */
const handed = new WeakMap<object, ArrayBuffer[]>();

/**
 * Marks `buffers` in a task's result to be moved to the caller, not copied: copying a result of
 * megabytes happens on the event loop as it arrives. They are unusable in the worker afterwards.
 */
export function handBack<T extends object>(result: T, buffers: ArrayBuffer[]): T {
  handed.set(result, buffers);
  return result;
}

/** The buffers `handBack` marked in a result, if any. */
export const handedBuffers = (result: unknown): ArrayBuffer[] | undefined => (typeof result === 'object' && result !== null ? handed.get(result) : undefined);
