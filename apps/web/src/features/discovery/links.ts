import type { SearchResult, Snippet } from '@corroborate/contracts';

/** A claim opens in its article's reader, in the claim panel. */
export const claimLink = (claim: { id: string; articleId: string }) => `/articles/${encodeURIComponent(claim.articleId)}/claims/${encodeURIComponent(claim.id)}`;

/** A passage of an article's latest text: the reader scrolls to it and flashes it (`?at=start-end`). */
export const passageLink = (articleId: string, passage: { start: number; end: number }) => `/articles/${encodeURIComponent(articleId)}?at=${passage.start}-${passage.end}`;

/** Where a search result takes you: its article, its claim, or its passage. */
export function resultLink(result: SearchResult, workspaceId: string): string {
  if (result.type === 'source') return `/w/${encodeURIComponent(workspaceId)}/search?q=${encodeURIComponent(result.title)}&type=evidence`;
  if (!result.articleId) return `/w/${encodeURIComponent(workspaceId)}`;
  if (result.claimId) return claimLink({ id: result.claimId, articleId: result.articleId });
  if (result.passage) return passageLink(result.articleId, result.passage);
  return `/articles/${encodeURIComponent(result.articleId)}`;
}

/** `?at=120-164` → {start: 120, end: 164}; anything else → null. */
export function parsePassage(value: string | null): { start: number; end: number } | null {
  const match = value ? /^(\d{1,9})-(\d{1,9})$/.exec(value) : null;
  if (!match) return null;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return end > start ? { start, end } : null;
}

/** A snippet cut into plain and highlighted pieces, for rendering with <mark> (no HTML parsing). */
export function snippetParts({ text, highlights }: Snippet): { text: string; mark: boolean }[] {
  const parts: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const { start, end } of [...highlights].sort((a, b) => a.start - b.start)) {
    if (start < at || end <= start || end > text.length) continue;
    if (start > at) parts.push({ text: text.slice(at, start), mark: false });
    parts.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}
