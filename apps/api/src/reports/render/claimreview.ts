import type { Report, ReportClaim } from '@corroborate/contracts';

/** Words that say a claimant is a body rather than a person. */
const ORGANISATION = /\b(?:authority|department|ministry|agency|office|council|government|committee|company|corporation|inc|ltd|llc|party|campaign|university|institute|association|bureau|service|commission|police|army|kremlin|white house|newspaper|times|post|news|tv)\b/i;

const claimantType = (name: string) => (ORGANISATION.test(name) || /^the\s/i.test(name) ? 'Organization' : 'Person');

function claimReview(claim: ReportClaim, report: Report): Record<string, unknown> {
  const rating = claim.rating!;
  const { article } = report;
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: claim.url,
    claimReviewed: claim.statement,
    datePublished: (claim.resolvedAt ?? report.generatedAt).slice(0, 10),
    author: {
      '@type': 'Organization',
      name: report.publisher.organisationName ?? report.publisher.workspace,
      ...(report.publisher.organisationUrl ? { url: report.publisher.organisationUrl } : {}),
    },
    reviewRating: {
      '@type': 'Rating',
      ratingValue: rating.ratingValue,
      bestRating: rating.bestRating,
      worstRating: rating.worstRating,
      alternateName: rating.alternateName,
    },
    itemReviewed: {
      '@type': 'Claim',
      ...(claim.claimant ? { author: { '@type': claimantType(claim.claimant), name: claim.claimant } } : {}),
      ...(article.publishedAt ? { datePublished: article.publishedAt.slice(0, 10) } : {}),
      ...(article.sourceUrl ? { appearance: { '@type': 'CreativeWork', url: article.sourceUrl, headline: article.title } } : {}),
    },
  };
}

/** schema.org ClaimReview (Google's fact-check markup), one object per resolved claim. */
export function renderClaimReview(report: Report): Record<string, unknown>[] {
  return report.claims.filter((c) => c.status === 'resolved' && c.rating).map((c) => claimReview(c, report));
}
