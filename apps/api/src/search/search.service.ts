import { setImmediate as nextTurn } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { SearchType, type SearchPage, type SearchQuery, type SearchResult, type Snippet } from '@corroborate/contracts';
import { RevisionTexts } from '../annotations/revision-texts';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infra/database/prisma.service';
import { cut } from '../infra/text/cut';
import { AccessService } from '../workspaces/access.service';
import { SEARCH_KINDS, type DetailRow, type SearchScope } from './search-kinds';
import { HEADLINE_OPTIONS, parseHeadline, snippetHtml, windowAround } from './snippets';

interface Hit {
  type: SearchType;
  id: string;
  rank: number;
}

/** A calendar date covers its whole day: `to=2024-05-31` includes that day. */
function bound(value: string | undefined, end: boolean): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  if (end && /^\d{4}-\d{2}-\d{2}$/.test(value)) date.setUTCDate(date.getUTCDate() + 1);
  return date;
}


/**
 * One search over everything a workspace holds, with PostgreSQL full-text search: the
 * query is parsed by websearch_to_tsquery (quotes, `or`, `-word`; never a syntax error),
 * matched against tsvector columns the database keeps up to date, over GIN indexes, and
 * ranked with ts_rank. Snippets come from ts_headline for the page's rows only.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AccessService,
    private readonly texts: RevisionTexts,
  ) {}

  async search(userId: string, workspaceId: string, query: SearchQuery): Promise<SearchPage> {
    await this.access.require(userId, workspaceId);
    const scope: SearchScope = {
      workspaceId,
      userId,
      articleId: query.articleId,
      authorId: query.author === 'me' ? userId : query.author,
      statuses: query.status,
      from: bound(query.from, false),
      to: bound(query.to, true),
    };
    const types = new Set(query.type?.length ? query.type : SearchType.options);
    const tsquery = Prisma.sql`websearch_to_tsquery('english', ${query.q})`;
    const kinds = SEARCH_KINDS.filter((k) => types.has(k.type)).flatMap((k) => {
      const hits = k.hits(scope, tsquery);
      return hits ? [{ type: k.type, hits }] : [];
    });
    const counts = Object.fromEntries(SearchType.options.map((t) => [t, 0])) as SearchPage['counts'];
    if (!kinds.length) return { results: [], total: 0, counts, offset: query.offset, limit: query.limit };

    // Each kind is searched on its own connection, at once, for its best `offset + limit` rows
    // and its count; the pages are merged here. The benchmark showed one UNION of every kind
    // running them one after another on one core. Straight on the pg pool as prepared
    // statements (PrismaService.sql): the statement texts are few, and planning them afresh
    // each time cost as much as a rare word's search.
    const depth = query.offset + query.limit;
    const [lexemes, ...perKind] = await Promise.all([
      this.prisma.sql<{ lexemes: string[] }>(Prisma.sql`SELECT tsvector_to_array(to_tsvector('english', ${query.q})) AS lexemes`),
      ...kinds.map(({ hits }) =>
        this.prisma.sql<Hit & { createdAt: Date; total: string }>(Prisma.sql`
          SELECT type, id, rank, created_at AS "createdAt", count(*) OVER () AS total
          FROM (${hits}) h ORDER BY rank DESC, created_at DESC, id LIMIT ${depth}`),
      ),
    ]);
    perKind.forEach((rows, i) => (counts[kinds[i]!.type] = Number(rows[0]?.total ?? 0)));
    const page = perKind
      .flat()
      .sort((a, b) => b.rank - a.rank || b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(query.offset, depth);
    const details = await this.details(query.q, page, lexemes[0]?.lexemes ?? []);
    const results = page.flatMap((hit) => {
      const d = details.get(hit.id);
      return d ? [this.toResult(hit, d)] : [];
    });
    return { results, total: Object.values(counts).reduce((a, b) => a + b, 0), counts, offset: query.offset, limit: query.limit };
  }

  /** Display fields of the page's rows, one query per kind present, with their snippets. */
  private async details(q: string, page: Hit[], lexemes: string[]): Promise<Map<string, DetailRow & { snippet?: Snippet }>> {
    const byType = new Map<SearchType, string[]>();
    for (const hit of page) byType.set(hit.type, [...(byType.get(hit.type) ?? []), hit.id]);
    const rows = (
      await Promise.all(
        SEARCH_KINDS.filter((k) => byType.has(k.type)).map((k) =>
          this.prisma.sql<DetailRow>(k.details(byType.get(k.type)!, Prisma.sql`websearch_to_tsquery('english', ${q})`)),
        ),
      )
    ).flat();
    const out = new Map<string, DetailRow & { snippet?: Snippet }>(rows.map((r) => [r.id, r]));
    await this.articleSnippets(q, [...out.values()].filter((r) => r.revisionId), lexemes);
    return out;
  }

  /**
   * An article's snippet comes from its latest text, which may be long: ts_headline is
   * given only a window around the first likely match, found here, and the match is the
   * passage to jump to.
   */
  private async articleSnippets(q: string, rows: (DetailRow & { snippet?: Snippet })[], lexemes: string[]): Promise<void> {
    if (!rows.length) return;
    const texts = await Promise.all(rows.map((r) => this.texts.get(r.revisionId!)));
    // One text at a time, each scan in a turn of its own: a page of long articles is scanned
    // between other requests, not ahead of them.
    const windows: ReturnType<typeof windowAround>[] = [];
    for (const text of texts) {
      windows.push(windowAround(text, lexemes));
      await nextTurn();
    }
    const headlines = await this.prisma.sql<{ headline: string }>(Prisma.sql`
      SELECT ts_headline('english', w, websearch_to_tsquery('english', ${q}), ${HEADLINE_OPTIONS}) AS headline
      FROM unnest(${windows.map((w, i) => texts[i]!.slice(w.start, w.end))}::text[]) WITH ORDINALITY AS t(w, n) ORDER BY n`);
    rows.forEach((row, i) => {
      const { match } = windows[i]!;
      row.headline = headlines[i]?.headline ?? '';
      if (match) {
        row.passageStart = match.start;
        row.passageEnd = match.end;
      }
    });
  }

  private toResult(hit: Hit, d: DetailRow): SearchResult {
    const snippet = parseHeadline(d.headline ?? '');
    return {
      type: hit.type,
      id: hit.id,
      articleId: d.articleId,
      articleTitle: d.articleTitle,
      claimId: d.claimId,
      title: cut(d.title ?? '', 300),
      snippet,
      snippetHtml: snippetHtml(snippet),
      passage: d.passageStart !== null && d.passageEnd !== null ? { start: d.passageStart, end: d.passageEnd } : null,
      author: d.authorId ? { id: d.authorId, displayName: d.authorName ?? '' } : null,
      status: d.status,
      createdAt: new Date(d.createdAt).toISOString(),
      rank: Math.round(hit.rank * 1e6) / 1e6,
    };
  }
}
