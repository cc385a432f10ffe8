import fs from 'node:fs';
import path from 'node:path';
import { ARTICLE } from './fixture-article';
import type { HttpClient, Reply } from './http-client';

const SHARED_ARTICLE = path.resolve(__dirname, '../../../../../shared/fixtures/article.txt');
/** Whether the shared fixture article is beside the repository (it is not on a bare clone). */
export const HAS_SHARED_ARTICLE = fs.existsSync(SHARED_ARTICLE);
/** The shared fixture article (an op-ed of about 8,600 characters); empty when it is absent, so importing this file never throws. */
export const ARTICLE_TEXT = HAS_SHARED_ARTICLE ? fs.readFileSync(SHARED_ARTICLE, 'utf8') : '';

/** Offset of the `occurrence`-th (0-based) appearance of `exact` in `text`. */
export function offsetOf(text: string, exact: string, occurrence = 0): number {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(exact, at + 1);
    if (at === -1) throw new Error(`"${exact}" does not occur ${occurrence + 1} times`);
  }
  return at;
}

/** A [TextQuoteSelector, TextPositionSelector] pair for a span of `text`, with `context` characters each side. */
export function selectorsFor(text: string, exact: string, occurrence = 0, context = 32) {
  const start = offsetOf(text, exact, occurrence);
  const end = start + exact.length;
  return [
    { type: 'TextQuoteSelector', exact, prefix: text.slice(Math.max(0, start - context), start), suffix: text.slice(end, end + context) },
    { type: 'TextPositionSelector', start, end },
  ];
}

/** Imports an article as `client` and returns its id and canonical text. */
export async function importArticle(client: HttpClient, workspaceId: string, text = ARTICLE.text, title = ARTICLE.title) {
  const res = await client.post(`/api/workspaces/${workspaceId}/articles`, { title, text });
  if (res.status !== 201) throw new Error(`article import failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, text: res.body.revision.text as string };
}

/** Every audit entry of a workspace, oldest first, following the pages. */
export async function auditLog(client: HttpClient, workspaceId: string) {
  const entries: { action: string; entityId: string; actorId: string | null }[] = [];
  let before: string | null = null;
  do {
    const res: Reply = await client.get(`/api/workspaces/${workspaceId}/audit?limit=200${before ? `&before=${before}` : ''}`);
    if (res.status !== 200) throw new Error(`audit failed: ${res.status} ${JSON.stringify(res.body)}`);
    entries.push(...res.body.entries);
    before = res.body.nextBefore;
  } while (before);
  return entries.reverse();
}
