import { z } from 'zod';
import { Annotation } from './annotations';
import { Article } from './articles';
import { Claim } from './claims';
import { ClaimCandidate } from './discovery';
import { Rating } from './review';
import { Member } from './workspaces';

/**
 * What the reader needs to open an article, in one answer: the article, its annotations and its
 * claims, the workspace's members (assignees, names) and rating scale (a decided claim's colour),
 * and the suggested claims it marks (as `claim-candidates?include=dismissed`, at most
 * READER_CANDIDATES). `seq` is the article's event sequence read before the lists, so they hold
 * at least every change up to it: the live join resumes from it instead of fetching the lists again.
 */
export const ReaderView = z.object({
  article: Article,
  annotations: z.array(Annotation),
  claims: z.array(Claim),
  members: z.array(Member),
  ratingScale: z.array(Rating),
  candidates: z.array(ClaimCandidate),
  seq: z.number().int().min(0),
});
export type ReaderView = z.infer<typeof ReaderView>;
