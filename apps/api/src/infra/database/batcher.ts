/**
 * Gathers the keys asked for within one turn of the event loop into one query. A burst of
 * the same kind of lookup (a reconnect storm: thousands of handshakes and joins at once) then
 * costs a few statements instead of one each, and no longer queues for the pool's connections
 * until its wait times out. Each key is read after it was asked for, so answers are as fresh
 * as a query of their own.
 */
export class Batcher<K, V> {
  private pending = new Map<K, { resolve: (value: V | undefined) => void; reject: (error: unknown) => void }[]>();
  private scheduled = false;

  constructor(
    private readonly load: (keys: K[]) => Promise<Map<K, V>>,
    private readonly maxKeys = 500,
  ) {}

  get(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiting = this.pending.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else this.pending.set(key, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = new Map();
    const keys = [...batch.keys()];
    for (let from = 0; from < keys.length; from += this.maxKeys) {
      const chunk = keys.slice(from, from + this.maxKeys);
      this.load(chunk).then(
        (found) => {
          for (const key of chunk) for (const { resolve } of batch.get(key)!) resolve(found.get(key));
        },
        (error: unknown) => {
          for (const key of chunk) for (const { reject } of batch.get(key)!) reject(error);
        },
      );
    }
  }
}

/**
 * Rows of a batched list query grouped by their `batchKey` column, for a Batcher whose values
 * are lists: every key asked for gets its list, empty when no row names it.
 */
export function grouped<R extends { batchKey: string }>(keys: string[], rows: R[]): Map<string, Omit<R, 'batchKey'>[]> {
  const lists = new Map<string, Omit<R, 'batchKey'>[]>(keys.map((key) => [key, []]));
  for (const { batchKey, ...row } of rows) lists.get(batchKey)?.push(row);
  return lists;
}

/** `oneId/otherId` keys (as batched lookups by two ids use) as the two id lists of an `unnest`. */
export const splitKeys = (keys: string[]): [string[], string[]] => [keys.map((k) => k.split('/')[0]!), keys.map((k) => k.split('/')[1]!)];
