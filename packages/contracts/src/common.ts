import { z } from 'zod';

export const Uuid = z.uuid();

/** Timestamps travel as ISO-8601 strings. */
export const IsoDate = z.iso.datetime({ offset: true });

export const Email = z
  .email()
  .max(254)
  .transform((value) => value.trim().toLowerCase());

/** Trimmed, non-empty single-line text of bounded length. */
export const Name = (max: number) => z.string().trim().min(1).max(max);

export const IdParam = z.object({ id: Uuid });
export type IdParam = z.infer<typeof IdParam>;
