import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import type { ReaderView } from '@corroborate/contracts';
import { LRUCache } from 'lru-cache';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infra/database/prisma.service';

const gzipAsync = promisify(gzip);

/** How long a cached view's display names are trusted before the users' rows are asked again. */
const NAMES_CHECK_MS = 1_000;
/** Bytes of views (plain and compressed) held in all. */
const MAX_BYTES = 96 * 1024 * 1024;
/** Views smaller than this go out uncompressed: compressing them costs more than it saves. */
const GZIP_FROM_BYTES = 8 * 1024;

/** One article's reader view, serialised once for everyone who opens it. */
export interface SerialisedView {
  /** The event seq it is current to. */
  seq: number;
  /** The latest change to anyone named in it (epoch ms), so a renamed author is not shown by the old name. */
  namesAt: number;
  /** Everyone it names. */
  people: string[];
  json: Buffer;
  gzip: Buffer | null;
  etag: string;
  /** When its names were last compared with the users' rows (epoch ms). */
  checkedAt: number;
}

/**
 * The reader view is the same for every member (access is checked before it is served), and
 * every change to what it shows moves the article's event seq, except a display name. So it is
 * built and serialised once per article and seq (and names), shared by everyone opening the
 * article at once, and built once however many ask while it is being built. Whoever holds a
 * view at seq N catches up on the events after N, so a view is never more than current.
 */
@Injectable()
export class ReaderViewCache {
  private readonly views = new LRUCache<string, SerialisedView>({
    maxSize: MAX_BYTES,
    sizeCalculation: (v) => v.json.length + (v.gzip?.length ?? 0) + 1,
  });
  private readonly building = new Map<string, Promise<SerialisedView>>();

  constructor(private readonly prisma: PrismaService) {}

  /** The article's view at `seq`, from the cache while its names are current, else built by `build`. */
  async get(articleId: string, seq: number, build: () => Promise<ReaderView>): Promise<SerialisedView> {
    const cached = this.views.get(articleId);
    if (cached && cached.seq === seq && (await this.namesCurrent(cached))) return cached;
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

  private async namesCurrent(view: SerialisedView): Promise<boolean> {
    if (Date.now() - view.checkedAt < NAMES_CHECK_MS) return true;
    const namesAt = await this.latestChange(view.people);
    if (namesAt !== view.namesAt) return false;
    view.checkedAt = Date.now();
    return true;
  }

  private async serialise(build: () => Promise<ReaderView>): Promise<SerialisedView> {
    const view = await build();
    const people = [
      ...new Set([...view.annotations.map((a) => a.author.id), ...view.claims.flatMap((c) => [c.createdBy.id, ...c.assignees.map((p) => p.id)])]),
    ];
    // Names are stamped after the lists were read: a rename in between shows as a newer stamp later.
    const namesAt = await this.latestChange(people);
    const json = Buffer.from(JSON.stringify(view));
    const compressed = json.length >= GZIP_FROM_BYTES ? await gzipAsync(json) : null;
    const digest = createHash('sha1').update(json).digest('base64url').slice(0, 16);
    return { seq: view.seq, namesAt, people, json, gzip: compressed, etag: `"${view.seq}-${digest}"`, checkedAt: Date.now() };
  }

  /** When anyone of `people` last changed (their name, say), in epoch ms; 0 for nobody. */
  private async latestChange(people: string[]): Promise<number> {
    if (!people.length) return 0;
    const [row] = await this.prisma.sql<{ at: Date | null }>(Prisma.sql`SELECT max(updated_at) AS at FROM users WHERE id = ANY(${people}::uuid[])`);
    return row?.at?.getTime() ?? 0;
  }
}
