import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FactChecks, PublishedFactCheck } from '@corroborate/contracts';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { ClaimAccessService } from '../claims/claim-access.service';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config.schema';
import { AccessService } from '../workspaces/access.service';

/** The part of a Fact Check Tools `claims:search` answer we read; anything else is ignored. */
const SearchAnswer = z.object({
  claims: z
    .array(
      z.object({
        text: z.string().optional(),
        claimant: z.string().optional(),
        claimDate: z.string().optional(),
        claimReview: z
          .array(
            z.object({
              publisher: z.object({ name: z.string().optional(), site: z.string().optional() }).optional(),
              url: z.string().optional(),
              title: z.string().optional(),
              reviewDate: z.string().optional(),
              textualRating: z.string().optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
});

const isWebAddress = (url: string) => URL.canParse(url) && ['http:', 'https:'].includes(new URL(url).protocol);

/** Each review of each claim found, as one published fact-check. */
export function toFactChecks(answer: z.infer<typeof SearchAnswer>): PublishedFactCheck[] {
  return (answer.claims ?? []).flatMap((claim) =>
    (claim.claimReview ?? []).flatMap((review) =>
      // A link is what the client shows; one that is not a web address is left out.
      review.url && isWebAddress(review.url)
        ? [
            {
              claim: claim.text ?? '',
              claimant: claim.claimant ?? null,
              claimDate: claim.claimDate ?? null,
              publisher: review.publisher?.name ?? review.publisher?.site ?? null,
              rating: review.textualRating ?? null,
              title: review.title ?? null,
              url: review.url,
              reviewDate: review.reviewDate ?? null,
            },
          ]
        : [],
    ),
  );
}

/**
 * Published fact-checks from Google's Fact Check Tools API, shown beside a desk's own similar
 * claims. Optional: without FACTCHECK_API_KEY it answers that it is off. It never fails the
 * page: a timeout or any error answers an empty list with the reason. Answers are kept for
 * ten minutes, so typing and re-opening a claim do not ask again.
 */
@Injectable()
export class FactChecksService {
  private readonly logger = new Logger(FactChecksService.name);
  private readonly cache = new LRUCache<string, PublishedFactCheck[]>({ max: 1_000, ttl: 10 * 60_000 });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly claimAccess: ClaimAccessService,
  ) {}

  async forQuery(userId: string, workspaceId: string, query: string, language?: string): Promise<FactChecks> {
    await this.access.require(userId, workspaceId);
    return this.search(query, language);
  }

  async forClaim(userId: string, claimId: string, language?: string): Promise<FactChecks> {
    const { claim } = await this.claimAccess.require(userId, claimId);
    // The API takes a short query; a statement's first 500 characters say what it is about.
    return this.search(claim.statement.slice(0, 500), language);
  }

  private async search(query: string, language?: string): Promise<FactChecks> {
    const key = this.config.FACTCHECK_API_KEY;
    if (!key) return { enabled: false, results: [], error: null };
    const cacheKey = `${language ?? ''}\n${query}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return { enabled: true, results: cached, error: null };

    let base = this.config.FACTCHECK_API_URL;
    while (base.endsWith('/')) base = base.slice(0, -1);
    const url = new URL(`${base}/claims:search`);
    url.searchParams.set('query', query);
    url.searchParams.set('pageSize', '10');
    if (language) url.searchParams.set('languageCode', language);
    url.searchParams.set('key', key);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(this.config.FACTCHECK_TIMEOUT_MS), headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`answered ${res.status}`);
      const parsed = SearchAnswer.safeParse(await res.json());
      if (!parsed.success) throw new Error('answered in an unexpected shape');
      const results = toFactChecks(parsed.data);
      this.cache.set(cacheKey, results);
      return { enabled: true, results, error: null };
    } catch (error) {
      // AbortSignal.timeout rejects with a DOMException, which is not always an Error instance.
      const name = (error as { name?: unknown } | null)?.name;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      this.logger.warn(`Fact Check Tools ${timedOut ? `gave no answer within ${this.config.FACTCHECK_TIMEOUT_MS} ms` : `failed: ${(error as Error)?.message ?? String(error)}`}`);
      return { enabled: true, results: [], error: timedOut ? 'timeout' : 'unavailable' };
    }
  }
}
