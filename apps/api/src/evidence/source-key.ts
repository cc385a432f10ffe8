/** Where a piece of evidence comes from, as the workspace records it once. */
export interface SourceKey {
  key: string;
  outlet: string;
  url: string | null;
  publisher: string | null;
}

const clean = (s: string | null | undefined) => s?.trim().split(/\s+/).join(' ') || null;

/** The path without trailing slashes (a scan: a regex anchored at the end would backtrack). */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

/**
 * A page's normalised origin and path (scheme and `www.` dropped, host lower-cased, no query,
 * fragment or trailing slash), or a publisher's name when there is no link. Null when the
 * evidence names neither.
 */
export function sourceKey(evidence: { url?: string | null; publisher?: string | null }): SourceKey | null {
  const publisher = clean(evidence.publisher);
  if (evidence.url && URL.canParse(evidence.url)) {
    const url = new URL(evidence.url);
    const host = url.hostname.toLowerCase().replace(/^www\./, '');
    const path = withoutTrailingSlashes(url.pathname);
    const port = url.port ? `:${url.port}` : '';
    return { key: `${host}${port}${path}`, outlet: host, url: `${url.protocol}//${url.host}${path || '/'}`, publisher };
  }
  if (publisher) return { key: `publisher:${publisher.toLowerCase()}`, outlet: publisher, url: null, publisher };
  return null;
}
