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

  /**
   * A JSON array of values serialised already. Concatenated, not joined: V8 keeps the pieces
   * as a rope that is copied once, when the socket writes it, where `join` copies a catch-up's
   * megabyte first (and each such copy brings the next full collection nearer).
   */
  static array<T>(texts: readonly string[]): RawJson<T[]> {
    let json = '[';
    for (let i = 0; i < texts.length; i++) json = i === 0 ? json + texts[i] : json + ',' + texts[i];
    return new RawJson<T[]>(json + ']');
  }
}

/** `T` with any of its properties possibly sent as raw JSON. */
export type MaybeRaw<T> = T extends object ? { [K in keyof T]: T[K] | RawJson<T[K]> } : T;
