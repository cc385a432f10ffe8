import { z } from 'zod';

export const Uuid = z.uuid();

/** Timestamps travel as ISO-8601 strings. */
export const IsoDate = z.iso.datetime({ offset: true });

/** Emails compare case-insensitively, so they are stored trimmed and lower-cased. */
export const Email = z.string().trim().toLowerCase().pipe(z.email().max(254));

/** Trimmed, non-empty single-line text of bounded length. */
export const Name = (max: number) => z.string().trim().min(1).max(max);
