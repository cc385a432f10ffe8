/**
 * Oldest first, by the server's timestamps: ISO instants in UTC, which sort as their text.
 * A plain comparison, where `localeCompare` would run ICU's collation (and load it, in a new
 * tab, before the reader's first threads show).
 */
export function byCreatedAt(a: { createdAt: string }, b: { createdAt: string }): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}
