import { z } from 'zod';
import { Annotation } from './annotations';
import { Article } from './articles';

/**
 * What the reader needs to open an article, in one answer. `seq` is the article's event
 * sequence read before the lists, so they hold at least every change up to it: the live join
 * resumes from it instead of fetching the lists again.
 */
export const ReaderView = z.object({
  article: Article,
  annotations: z.array(Annotation),
  seq: z.number().int().min(0),
});
export type ReaderView = z.infer<typeof ReaderView>;
