import { Report, type ReportClaim } from '@corroborate/contracts';

const AT = '2025-06-03T10:00:00.000Z';
const person = (n: number, displayName: string) => ({ id: `00000000-0000-4000-8000-00000000000${n}`, displayName });
const FALSE = { key: 'false', label: 'False', colour: '#b00020', ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'False' };

/** A resolved claim with one piece of evidence and one verdict, for the renderers; `over` replaces any part. */
export function newReportClaim(over: Partial<ReportClaim> = {}): ReportClaim {
  return {
    number: 1,
    id: '00000000-0000-4000-8000-0000000000c1',
    url: 'https://app.example.org/articles/a/report#claim-c1',
    statement: 'Nitrate levels fell by 42 percent',
    claimant: 'the water authority',
    tags: ['water', 'health'],
    priority: 'normal',
    status: 'resolved',
    rating: FALSE,
    rationale: 'The data shows 24 percent.',
    resolvedAt: AT,
    spans: [{ exact: 'nitrate levels fell by 42 percent', start: 10, end: 43, orphaned: false }],
    verdicts: [{ reviewer: person(1, 'Reviewer A'), round: 1, rating: FALSE, rationale: 'The data shows 24 percent.', evidenceIds: [], supersedeReason: null, superseded: false, createdAt: AT }],
    verdictsHidden: false,
    decisions: [],
    evidence: [
      {
        id: '00000000-0000-4000-8000-0000000000e1',
        number: 1,
        kind: 'url',
        url: 'https://data.example.org/nitrate',
        title: 'Nitrate data',
        publisher: 'River Agency',
        publishedAt: '2025-05-01',
        excerpt: 'Levels fell by 24 percent.',
        note: null,
        stance: 'refutes',
        reliability: 'high',
        reliabilityNote: null,
        addedBy: person(2, 'Analyst'),
      },
    ],
    createdAt: AT,
    ...over,
  };
}

/** A report of the given claims, with no appendix or audit unless `over` adds them; checked against the contract. */
export function newReport(claims: ReportClaim[] = [newReportClaim()], over: Partial<Report> = {}): Report {
  return Report.parse({
    schemaVersion: 1,
    generatedAt: AT,
    options: { includeUnresolved: false, includeAudit: false, includeAppendix: false },
    publisher: { workspace: 'River Desk', organisationName: null, organisationUrl: null },
    article: {
      id: '00000000-0000-4000-8000-0000000000a1',
      title: 'River report',
      sourceUrl: null,
      author: null,
      publishedAt: null,
      revision: { id: '00000000-0000-4000-8000-0000000000b1', number: 1, sha256: 'ab'.repeat(32), createdAt: AT },
    },
    scale: [FALSE],
    summary: { claims: claims.length, byRating: [], byStatus: [], evidence: 0, reviewers: 1, firstClaimAt: null, lastDecisionAt: null },
    claims,
    appendix: null,
    audit: null,
    ...over,
  });
}
