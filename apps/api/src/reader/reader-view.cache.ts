import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import type { ReaderView } from '@corroborate/contracts';
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

/** One article's reader view, serialised once for everyone who opens it. */
export interface SerialisedView {
  /** The event seq it is current to. */
  seq: number;
  /**
   * A stamp of what it shows that moves no seq: the people it names (a renamed author), its
   * workspace (the verdicts a claim needs), its members, rating scale and dismissed suggestions.
   */
  outside: string;
  workspaceId: string;
  /** Everyone it names. */
  people: string[];
  json: Buffer;
  gzip: Buffer | null;
  etag: string;
  /** When `outside` was last compared with those rows (epoch ms). */
  checkedAt: number;
  /** That comparison while it is under way, shared by every request that waits on it. */
  checking?: Promise<boolean>;
}

/**
 * The reader view is the same for every member (access is checked before it is served), and
 * every change to what it shows moves the article's event seq, except what belongs to the
 * workspace or its people (names, settings, members, the scale, dismissals). So it is built
 * and serialised once per article and seq (and those), shared by everyone opening the article
 * at once, and built once however many ask while it is being built. Whoever holds a view at
 * seq N catches up on the events after N, so a view is never more than current.
 */
@Injectable()
export class ReaderViewCache {
  private readonly views = new LRUCache<string, SerialisedView>({
    maxSize: MAX_BYTES,
    sizeCalculation: (v) => v.json.length + (v.gzip?.length ?? 0) + 1,
  });
  private readonly building = new Map<string, Promise<SerialisedView>>();

  constructor(private readonly prisma: PrismaService) {}

  /** The article's view at `seq`, from the cache while the rest is current too, else built by `build`. */
  async get(articleId: string, seq: number, build: () => Promise<ReaderView>): Promise<SerialisedView> {
    const cached = this.views.get(articleId);
    if (cached && cached.seq === seq && (await this.outsideCurrent(cached))) return cached;
    const key = `${articleId}/${seq}`;
    let pending = this.building.get(key);
    if (!pending) {
      pending = this.serialise(build).finally(() => this.building.delete(key));
      this.building.set(key, pending);
    }
    const view = await pending;
    // A slower build of an older seq never replaces a newer view.
    const current = this.views.get(articleId);
    if (!current || current.seq <= view.seq) this.views.set(articleId, view);
    return view;
  }

  /** Whether what the view shows from outside the article is unchanged: asked at most once a second, by one query for all. */
  private outsideCurrent(view: SerialisedView): boolean | Promise<boolean> {
    if (Date.now() - view.checkedAt < OUTSIDE_CHECK_MS) return true;
    view.checking ??= this.outsideStamp(view.people, view.workspaceId)
      .then((stamp) => {
        if (stamp !== view.outside) return false;
        view.checkedAt = Date.now();
        return true;
      })
      .finally(() => (view.checking = undefined));
    return view.checking;
  }

  private async serialise(build: () => Promise<ReaderView>): Promise<SerialisedView> {
    const view = await build();
    const people = [
      ...new Set([
        ...view.annotations.map((a) => a.author.id),
        ...view.claims.flatMap((c) => [c.createdBy.id, ...c.assignees.map((p) => p.id)]),
        ...view.members.map((m) => m.userId),
      ]),
    ];
    // Stamped after the lists were read: a change in between shows as another stamp later.
    const workspaceId = view.article.workspaceId;
    const outside = await this.outsideStamp(people, workspaceId);
    const json = Buffer.from(JSON.stringify(view));
    const compressed = json.length >= GZIP_FROM_BYTES ? await gzipAsync(json) : null;
    const digest = createHash('sha1').update(json).digest('base64url').slice(0, 16);
    return { seq: view.seq, outside, workspaceId, people, json, gzip: compressed, etag: `"${view.seq}-${digest}"`, checkedAt: Date.now() };
  }

  /**
   * What changes to `people` (their names) and the workspace (settings, members and roles, rating
   * scale, dismissed suggestions) leave: equal stamps, nothing the view shows from them changed.
   */
  private async outsideStamp(people: string[], workspaceId: string): Promise<string> {
    const [row] = await this.prisma.sql<{ stamp: string }>(Prisma.sql`
      SELECT concat_ws('|',
        coalesce((SELECT max(updated_at) FROM users WHERE id = ANY(${people}::uuid[]))::text, ''),
        coalesce((SELECT updated_at FROM workspaces WHERE id = ${workspaceId}::uuid)::text, ''),
        coalesce((SELECT md5(string_agg(m.user_id::text || ':' || m.role::text, ',' ORDER BY m.user_id)) FROM memberships m WHERE m.workspace_id = ${workspaceId}::uuid), ''),
        coalesce((SELECT md5(string_agg(r::text, ',' ORDER BY r.position)) FROM ratings r WHERE r.workspace_id = ${workspaceId}::uuid), ''),
        (SELECT count(*) || ':' || coalesce(max(dismissed_at)::text, '') FROM claim_candidate_dismissals WHERE workspace_id = ${workspaceId}::uuid)
      ) AS stamp`);
    return row?.stamp ?? '';
  }
}
