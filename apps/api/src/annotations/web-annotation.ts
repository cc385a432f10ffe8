import type { Annotation } from '@corroborate/contracts';

const CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const ANNOTATION_MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

interface ExportContext {
  baseUrl: string;
  articleId: string;
  title: string;
}

/** One annotation in the W3C Web Annotation Data Model; a reply targets its parent annotation. */
export function toWebAnnotation(a: Annotation, ctx: ExportContext): Record<string, unknown> {
  const iri = (path: string) => `${ctx.baseUrl}${path}`;
  const bodies: Record<string, unknown>[] = [];
  if (a.body) {
    bodies.push({ type: 'TextualBody', value: a.body, format: 'text/markdown', purpose: a.motivation });
  }
  for (const tag of a.tags) bodies.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });

  const [quote, position] = a.target.selector;
  const target = a.replyTo
    ? iri(`/api/annotations/${a.replyTo}`)
    : {
        type: 'SpecificResource',
        source: iri(`/api/articles/${ctx.articleId}/revisions/${a.revisionId}`),
        selector: [
          { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
          { type: 'TextPositionSelector', start: position.start, end: position.end },
        ],
      };

  return {
    '@context': CONTEXT,
    id: iri(`/api/annotations/${a.id}`),
    type: 'Annotation',
    motivation: a.motivation,
    created: a.createdAt,
    modified: a.updatedAt,
    creator: { id: iri(`/api/users/${a.author.id}`), type: 'Person', name: a.author.displayName },
    ...(bodies.length === 1 ? { body: bodies[0] } : bodies.length > 1 ? { body: bodies } : {}),
    target,
  };
}

/** A claim as the export needs it; `verdict` only once it is resolved. */
export interface AssessedClaim {
  id: string;
  statement: string;
  creator: { id: string; displayName: string };
  createdAt: string;
  updatedAt: string;
  spans: { revisionId: string; exact: string; prefix: string; suffix: string; start: number; end: number }[];
  verdict: { label: string; rationale: string | null } | null;
}

/**
 * A claim as an annotation with motivation `assessing`: its statement describes what is
 * checked, and the final verdict, once there is one, assesses it. A claim with no span
 * targets the article.
 */
export function claimToWebAnnotation(c: AssessedClaim, ctx: ExportContext): Record<string, unknown> {
  const iri = (path: string) => `${ctx.baseUrl}${path}`;
  const bodies: Record<string, unknown>[] = [{ type: 'TextualBody', value: c.statement, format: 'text/plain', purpose: 'describing' }];
  if (c.verdict) {
    bodies.push({ type: 'TextualBody', value: c.verdict.rationale ? `${c.verdict.label}: ${c.verdict.rationale}` : c.verdict.label, format: 'text/markdown', purpose: 'assessing' });
  }
  const targets = c.spans.map((s) => ({
    type: 'SpecificResource',
    source: iri(`/api/articles/${ctx.articleId}/revisions/${s.revisionId}`),
    selector: [
      { type: 'TextQuoteSelector', exact: s.exact, prefix: s.prefix, suffix: s.suffix },
      { type: 'TextPositionSelector', start: s.start, end: s.end },
    ],
  }));
  return {
    '@context': CONTEXT,
    id: iri(`/api/claims/${c.id}`),
    type: 'Annotation',
    motivation: 'assessing',
    created: c.createdAt,
    modified: c.updatedAt,
    creator: { id: iri(`/api/users/${c.creator.id}`), type: 'Person', name: c.creator.displayName },
    body: bodies.length === 1 ? bodies[0] : bodies,
    target: targets.length === 0 ? iri(`/api/articles/${ctx.articleId}`) : targets.length === 1 ? targets[0] : targets,
  };
}

/** The article's annotations (and claims) as one W3C AnnotationCollection with a single page. */
export function toAnnotationCollection(annotations: Annotation[], ctx: ExportContext, claims: AssessedClaim[] = []): Record<string, unknown> {
  const id = `${ctx.baseUrl}/api/articles/${ctx.articleId}/annotations.jsonld`;
  return {
    '@context': CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: `Annotations on “${ctx.title}”`,
    total: annotations.length + claims.length,
    first: {
      id: `${id}#page1`,
      type: 'AnnotationPage',
      startIndex: 0,
      items: [...annotations.map((a) => toWebAnnotation(a, ctx)), ...claims.map((c) => claimToWebAnnotation(c, ctx))],
    },
  };
}
