import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import type { Claim } from '@corroborate/contracts';
import type { Request, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infra/database/prisma.service';

const gzipAsync = promisify(gzip);

/** How long a cached view's names and settings are trusted before their rows are asked again. */
const OUTSIDE_CHECK_MS = 1_000;
/** Bytes of views (plain and compressed) held in all. */
const MAX_BYTES = 96 * 1024 * 1024;
/** Views smaller than this go out uncompressed: compressing them costs more than it saves. */
const GZIP_FROM_BYTES = 8 * 1024;

/** The views of an article that are cached: the reader's, and the claims list. */
export type ArticleViewKind = 'reader' | 'claims';

/** What a view shows from outside its article: changes to these move no seq of the article's. */
export interface Outside {
  workspaceId: string;
  /** Everyone it names. */
  people: string[];
  /** Claims of other articles it shows (duplicates and originals). */
  claims: string[];
}

/** One view of an article, serialised once for everyone who opens it. */
export interface SerialisedView {
  /** The event seq it is current to. */
  seq: number;
  /**
   * A stamp of what it shows that moves no seq: the people it names (a renamed author), its
   * workspace (the verdicts a claim needs), its members, rating scale and dismissed suggestions,
   * and the claims of other articles it links to.
   */
  stamp: string;
  outside: Outside;
  json: Buffer;
  gzip: Buffer | null;
  etag: string;
  /** When `stamp` was last compared with those rows (epoch ms). */
  checkedAt: number;
  /** That comparison while it is under way, shared by every request that waits on it. */
  checking?: Promise<boolean>;
}

/**
 * The reader view and the claims list are the same for every member (access is checked before
 * they are served), and every change to what they show moves the article's event seq, except
 * what belongs to the workspace, its people or other articles (names, settings, members, the
 * scale, dismissals, linked claims). So each is built and serialised once per article and seq
 * (and those), shared by everyone opening the article at once, and built once however many ask
 * while it is being built. Whoever holds a view at seq N catches up on the events after N, so
 * a view is never more than current.
 */
@Injectable()
export class ArticleViewCache {
  private readonly views = new LRUCache<string, SerialisedView>({
    maxSize: MAX_BYTES,
    sizeCalculation: (v) => v.json.length + (v.gzip?.length ?? 0) + 1,
  });
  private readonly building = new Map<string, Promise<SerialisedView>>();

  constructor(private readonly prisma: PrismaService) {}

  /**
   * The article's view of `kind` at `seq`, from the cache while the rest is current too, else
   * built by `build`; `outside` names what it shows from outside the article.
   */
  async get<V>(kind: ArticleViewKind, articleId: string, seq: number, build: () => Promise<V>, outside: (view: V) => Outside): Promise<SerialisedView> {
    const name = `${kind}/${articleId}`;
    const cached = this.views.get(name);
    if (cached && cached.seq === seq && (await this.outsideCurrent(cached))) return cached;
    const key = `${name}/${seq}`;
    let pending = this.building.get(key);
    if (!pending) {
      pending = this.serialise(seq, build, outside).finally(() => this.building.delete(key));
      this.building.set(key, pending);
    }
    const view = await pending;
    // A slower build of an older seq never replaces a newer view.
    const current = this.views.get(name);
    if (!current || current.seq <= view.seq) this.views.set(name, view);
    return view;
  }

  /** Whether what the view shows from outside the article is unchanged: asked at most once a second, by one query for all. */
  private outsideCurrent(view: SerialisedView): boolean | Promise<boolean> {
    if (Date.now() - view.checkedAt < OUTSIDE_CHECK_MS) return true;
    view.checking ??= this.outsideStamp(view.outside)
      .then((stamp) => {
        if (stamp !== view.stamp) return false;
        view.checkedAt = Date.now();
        return true;
      })
      .finally(() => (view.checking = undefined));
    return view.checking;
  }

  private async serialise<V>(seq: number, build: () => Promise<V>, outsideOf: (view: V) => Outside): Promise<SerialisedView> {
    const view = await build();
    const { workspaceId, people, claims } = outsideOf(view);
    const outside = { workspaceId, people: [...new Set(people)], claims: [...new Set(claims)] };
    // Stamped after the lists were read: a change in between shows as another stamp later.
    const stamp = await this.outsideStamp(outside);
    const json = Buffer.from(JSON.stringify(view));
    const compressed = json.length >= GZIP_FROM_BYTES ? await gzipAsync(json) : null;
    const digest = createHash('sha1').update(json).digest('base64url').slice(0, 16);
    return { seq, stamp, outside, json, gzip: compressed, etag: `"${seq}-${digest}"`, checkedAt: Date.now() };
  }

  /**
   * What changes to `people` (their names), the workspace (settings, members and roles, rating
   * scale, dismissed suggestions) and linked claims (and their articles' titles) leave: equal
   * stamps, nothing the view shows from them changed.
   */
  private async outsideStamp({ people, workspaceId, claims }: Outside): Promise<string> {
    const [row] = await this.prisma.sql<{ stamp: string }>(Prisma.sql`
      SELECT concat_ws('|',
        coalesce((SELECT max(updated_at) FROM users WHERE id = ANY(${people}::uuid[]))::text, ''),
        coalesce((SELECT updated_at FROM workspaces WHERE id = ${workspaceId}::uuid)::text, ''),
        coalesce((SELECT md5(string_agg(m.user_id::text || ':' || m.role::text, ',' ORDER BY m.user_id)) FROM memberships m WHERE m.workspace_id = ${workspaceId}::uuid), ''),
        coalesce((SELECT md5(string_agg(r::text, ',' ORDER BY r.position)) FROM ratings r WHERE r.workspace_id = ${workspaceId}::uuid), ''),
        (SELECT count(*) || ':' || coalesce(max(dismissed_at)::text, '') FROM claim_candidate_dismissals WHERE workspace_id = ${workspaceId}::uuid),
        coalesce((SELECT max(greatest(c.updated_at, a.updated_at)) FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id = ANY(${claims}::uuid[]))::text, '')
      ) AS stamp`);
    return row?.stamp ?? '';
  }
}

/**
 * The request's If-None-Match names `etag` (weak comparison). Judged here rather than by
 * `req.fresh`, which ignores it beside `Cache-Control: no-cache`, as fetch() sends with it.
 */
const holds = (ifNoneMatch: string | undefined, etag: string) =>
  !!ifNoneMatch && ifNoneMatch.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')));

/**
 * Answers with a cached view: private to the member and checked with the server on every open
 * (the ETag makes that cheap, a 304 when the client holds it), compressed when the client
 * accepts it.
 */
export function sendView(req: Request, res: Response, view: SerialisedView): void {
  res.setHeader('ETag', view.etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('Vary', 'Accept-Encoding');
  if (holds(req.headers['if-none-match'], view.etag)) {
    res.status(304).end();
    return;
  }
  const compressed = view.gzip && req.acceptsEncodings('gzip') === 'gzip';
  res.status(200).type('application/json; charset=utf-8');
  if (compressed) res.setHeader('Content-Encoding', 'gzip');
  res.end(compressed ? view.gzip : view.json);
}

/** What claims show from outside their article: the people they name and the claims of other articles they link to. */
export function claimsOutside(claims: readonly Claim[]): Pick<Outside, 'people' | 'claims'> {
  return {
    people: claims.flatMap((c) => [c.createdBy.id, ...c.assignees.map((p) => p.id)]),
    claims: claims.flatMap((c) => [...(c.duplicateOf ? [c.duplicateOf.id] : []), ...c.duplicates.map((d) => d.id)]),
  };
}
