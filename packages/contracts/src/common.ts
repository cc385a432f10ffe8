import { z } from 'zod';

/** Ids compare as stored: lower-case, whatever case a client sends. */
export const Uuid = z.uuid().toLowerCase();

/** The largest value of a PostgreSQL integer column (versions, sequence numbers). */
export const MAX_INT = 2_147_483_647;

/** The `version` an update was made against. */
export const Version = z.number().int().min(1).max(MAX_INT);

/** A per-article sequence number, 0 before the first event. */
export const Seq = z.number().int().min(0).max(MAX_INT);

/** Timestamps travel as ISO-8601 strings. */
export const IsoDate = z.iso.datetime({ offset: true });

/** Emails compare case-insensitively, so they are stored trimmed and lower-cased. */
export const Email = z.string().trim().toLowerCase().pipe(z.email().max(254));

/**
 * Whether text has something to read: a letter, digit, punctuation mark or symbol, not only
 * spaces, zero-width characters or lone combining marks (which trimming leaves in place).
 */
export const readable = (text: string): boolean => /[\p{L}\p{N}\p{P}\p{S}]/u.test(text);
export const UNREADABLE = 'must contain visible characters';

/** Trimmed, non-empty single-line text of bounded length. */
export const Name = (max: number) => z.string().trim().min(1).max(max).refine(readable, UNREADABLE);

/** A user as others see them. */
export const Person = z.object({ id: Uuid, displayName: z.string() });
export type Person = z.infer<typeof Person>;

/**
 * A limit as people write it (10,000), the same everywhere. Grouped by hand, not by Intl: the
 * schemas format their limits as the module loads, and a process's first Intl formatter loads
 * the locale data behind it, 17-50 ms for every process and page that loads the contracts.
 */
export const formatLimit = (n: number): string => {
  const [whole, fraction] = String(Math.abs(n)).split('.') as [string, string?];
  let grouped = whole.slice(0, whole.length % 3 || 3);
  for (let i = grouped.length; i < whole.length; i += 3) grouped += `,${whole.slice(i, i + 3)}`;
  return (n < 0 ? '-' : '') + grouped + (fraction === undefined ? '' : `.${fraction}`);
};

/**
 * Free text a user searches with: NUL characters (which PostgreSQL text cannot hold) are
 * dropped, the rest trimmed and bounded.
 */
export const QueryText = (max: number) =>
  z
    .string()
    .transform((s) => s.replaceAll('\u0000', ''))
    .pipe(z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${formatLimit(max)} characters`));

/** A list's optional text filter, as QueryText but empty allowed (it filters nothing). */
export const FilterText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${formatLimit(max)} characters`)
    .transform((s) => s.replaceAll('\u0000', ''));
