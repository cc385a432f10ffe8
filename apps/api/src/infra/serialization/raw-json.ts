/**
 * A value already serialised as JSON (by PostgreSQL, say), sent over the socket as it is
 * instead of being parsed into objects only to be serialised again. On the wire it is the
 * same JSON; anywhere else (`JSON.stringify`, a test) it stands for its parsed value.
 */
export class RawJson<T = unknown> {
  /** The type of the value it holds, for the compiler only. */
  declare readonly value?: T;
  constructor(readonly json: string) {}

  toJSON(): T {
    return JSON.parse(this.json) as T;
  }
}

/** `T` with any of its properties possibly sent as raw JSON. */
export type MaybeRaw<T> = T extends object ? { [K in keyof T]: T[K] | RawJson<T[K]> } : T;
