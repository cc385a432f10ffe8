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

/** The article's annotations as one W3C AnnotationCollection with a single page. */
export function toAnnotationCollection(annotations: Annotation[], ctx: ExportContext): Record<string, unknown> {
  const id = `${ctx.baseUrl}/api/articles/${ctx.articleId}/annotations.jsonld`;
  return {
    '@context': CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: `Annotations on “${ctx.title}”`,
    total: annotations.length,
    first: {
      id: `${id}#page1`,
      type: 'AnnotationPage',
      startIndex: 0,
      items: annotations.map((a) => toWebAnnotation(a, ctx)),
    },
  };
}
