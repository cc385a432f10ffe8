import { ACTIVE_STATUSES, seesVerdicts, type PublishReportBody, type Rating, type Report, type ReportClaim, type WorkspaceRole } from '@corroborate/contracts';
import { describe, type HistoryRecord } from '../claims/claim-history';
import { currentVerdicts } from '../claims/claim.view';

type PersonRow = { id: string; displayName: string };

/** A claim as PostgreSQL writes it for a report (ReportDataService), dates already ISO strings. */
export interface ReportClaimRow {
  id: string;
  statement: string;
  claimant: string | null;
  tags: string[];
  priority: ReportClaim['priority'];
  status: ReportClaim['status'];
  rating: string | null;
  reviewRound: number;
  resolvedAt: string | null;
  createdAt: string;
  spans: { exact: string; start: number; end: number; revisionId: string }[];
  evidence: (Omit<ReportClaim['evidence'][number], 'number' | 'addedBy'> & { createdBy: PersonRow })[];
  verdicts: { id: string; reviewerId: string; round: number; rating: string; rationale: string; evidenceIds: string[]; supersedesId: string | null; supersedeReason: string | null; createdAt: string; reviewer: PersonRow }[];
  decisions: { kind: string; round: number; rating: string | null; rationale: string | null; createdAt: string; actor: PersonRow | null }[];
}

/** An audit entry about a claim or its evidence, with its actor's name. */
export interface ReportAuditRow extends HistoryRecord {
  at: string;
  actorName: string | null;
  entityType: string;
  entityId: string;
}

/**
 * What a report is made from. The claims and the audit entries come as JSON text, one entry per
 * row as PostgreSQL wrote it: parsed and shaped on the worker pool with the rest, since an
 * article's claims with their evidence can be tens of megabytes (see renderTask).
 */
export interface ReportInput {
  options: PublishReportBody;
  /** Whose eyes: `viewer` null and role viewer for a published snapshot (anyone's). */
  role: WorkspaceRole;
  viewer: string | null;
  /** Each claim's link: in the live report, or in published snapshot `snapshot`. */
  links: { base: string; articleId: string; snapshot: number | null };
  generatedAt: string;
  publisher: Report['publisher'];
  article: Report['article'];
  /** The latest revision's text, for the appendix. */
  text: string;
  scale: Rating[];
  /** ReportClaimRow, as JSON text, in article order. */
  claims: string[];
  /** With `includeAudit`: ReportAuditRow as JSON text, oldest first, and for each claim whether the
   * caller sees its ratings, decided after the entries were read. */
  audit: { entries: string[]; sees: Record<string, boolean> } | null;
}

type RatingRef = Report['scale'][number];
const ref = (r: Rating): RatingRef => ({
  key: r.key,
  label: r.label,
  colour: r.colour,
  ratingValue: r.ratingValue,
  bestRating: r.bestRating,
  worstRating: r.worstRating,
  alternateName: r.alternateName,
});

const parseRows = <T>(rows: string[]): T[] => rows.map((row) => JSON.parse(row) as T);

/** The structured report every format is made from, as `input.viewer` may see it: blind review holds in reports too. */
export function shapeReport(input: ReportInput): Report {
  const { options, role, viewer, scale, links } = input;
  const rows = parseRows<ReportClaimRow>(input.claims);
  const ratings = new Map(scale.map((r) => [r.key, ref(r)]));
  const rated = (key: string | null) => (key ? (ratings.get(key) ?? { key, label: key, colour: '#495057', ratingValue: 0, bestRating: 0, worstRating: 0, alternateName: key }) : null);
  const claimUrl = (id: string) =>
    links.snapshot === null ? `${links.base}/articles/${links.articleId}/report#claim-${id}` : `${links.base}/articles/${links.articleId}/reports/${links.snapshot}#claim-${id}`;

  const claims: ReportClaim[] = rows.map((c, index) => {
    const mineThisRound = c.verdicts.some((v) => v.reviewerId === viewer && v.round === c.reviewRound);
    const sees = seesVerdicts({ role, hasSubmitted: mineThisRound, status: c.status });
    const replaced = new Set(c.verdicts.flatMap((v) => (v.supersedesId ? [v.supersedesId] : [])));
    const lastDecision = [...c.decisions].reverse().find((d) => d.round === c.reviewRound && d.rating);
    const agreeing = currentVerdicts(c.verdicts, c.reviewRound).filter((v) => v.rating === c.rating);
    const rationale =
      c.status !== 'resolved' ? null : lastDecision?.rationale ? lastDecision.rationale : agreeing.map((v) => v.rationale).join('\n\n') || null;
    const evidenceNumbers = new Map(c.evidence.map((e, i) => [e.id, i + 1]));
    return {
      number: index + 1,
      id: c.id,
      url: claimUrl(c.id),
      statement: c.statement,
      claimant: c.claimant,
      tags: c.tags,
      priority: c.priority,
      status: c.status,
      rating: c.status === 'resolved' ? rated(c.rating) : null,
      rationale,
      resolvedAt: c.resolvedAt,
      spans: c.spans.map((s) => ({ exact: s.exact, start: s.start, end: s.end, orphaned: s.revisionId !== input.article.revision.id })),
      verdicts: sees
        ? c.verdicts.map((v) => ({
            reviewer: v.reviewer,
            round: v.round,
            rating: rated(v.rating),
            rationale: v.rationale,
            evidenceIds: v.evidenceIds.filter((id) => evidenceNumbers.has(id)),
            supersedeReason: v.supersedeReason,
            superseded: replaced.has(v.id),
            createdAt: v.createdAt,
          }))
        : [],
      verdictsHidden: !sees,
      decisions: c.decisions
        .filter((d) => sees || d.rating === null)
        .map((d) => ({ kind: d.kind as ReportClaim['decisions'][number]['kind'], round: d.round, actor: d.actor, rating: rated(d.rating), rationale: d.rationale, createdAt: d.createdAt })),
      // PostgreSQL wrote the report's own fields (ReportDataService): numbered, and who added it named as such.
      evidence: c.evidence.map(({ id, createdBy, ...fields }, i) => ({ id, number: i + 1, ...fields, addedBy: createdBy })),
      createdAt: c.createdAt,
    };
  });

  const count = <K extends string>(keys: K[]) => {
    const counts = new Map<K, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    return counts;
  };
  const byRating = count(claims.flatMap((c) => (c.rating ? [c.rating.key] : [])));
  const byStatus = count(claims.map((c) => c.status));
  const decidedAt = claims.flatMap((c) => (c.resolvedAt ? [c.resolvedAt] : [])).sort();
  const reviewers = new Set(rows.flatMap((c) => c.verdicts.map((v) => v.reviewerId)));

  return {
    schemaVersion: 1,
    generatedAt: input.generatedAt,
    options,
    publisher: input.publisher,
    article: input.article,
    scale: scale.map(ref),
    summary: {
      claims: claims.length,
      byRating: scale.flatMap((r) => (byRating.get(r.key) ? [{ key: r.key, label: r.label, colour: r.colour, count: byRating.get(r.key)! }] : [])),
      byStatus: [...ACTIVE_STATUSES, 'resolved' as const, 'dismissed' as const].flatMap((s) => (byStatus.get(s) ? [{ status: s, count: byStatus.get(s)! }] : [])),
      evidence: claims.reduce((n, c) => n + c.evidence.length, 0),
      reviewers: reviewers.size,
      firstClaimAt: claims.map((c) => c.createdAt).sort()[0] ?? null,
      lastDecisionAt: decidedAt.at(-1) ?? null,
    },
    claims,
    appendix: options.includeAppendix
      ? {
          text: input.text,
          markers: claims.flatMap((c) => c.spans.filter((s) => !s.orphaned).map((s) => ({ number: c.number, start: s.start, end: s.end }))).sort((a, b) => a.start - b.start || a.end - b.end),
        }
      : null,
    audit: input.audit ? auditOf(input.audit, claims, scale) : null,
  };
}

/** The claims' history in words, oldest first. */
function auditOf(audit: NonNullable<ReportInput['audit']>, claims: ReportClaim[], scale: Rating[]): Report['audit'] {
  // Each entity's claim: a claim's own id, or the claim an evidence item belongs to.
  const claimOf = new Map<string, ReportClaim>();
  for (const c of claims) {
    claimOf.set(c.id, c);
    for (const e of c.evidence) claimOf.set(e.id, c);
  }
  const labels = new Map(scale.map((r) => [r.key, r.label]));
  return parseRows<ReportAuditRow>(audit.entries).flatMap((e) => {
    const claim = claimOf.get(e.entityId);
    if (!claim) return [];
    const text = describe(e.actorName, e, { seesVerdicts: audit.sees[claim.id] ?? false, label: (k) => labels.get(k) ?? k });
    return [{ at: e.at, actor: e.actorName, claimNumber: claim.number, text }];
  });
}
