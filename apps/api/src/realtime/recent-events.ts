import { Injectable } from '@nestjs/common';
import { type ArticleEvent, MAX_CATCH_UP } from '@corroborate/contracts';
import { LRUCache } from 'lru-cache';
import { asciiJson } from '../infra/serialization/ascii-json';
import { RawJson } from '../infra/serialization/raw-json';

/** Events kept in all, across articles (about 1 KiB each). */
const MAX_EVENTS = 50_000;

/**
 * One event held: as heard (`event`) until a catch-up first needs its JSON text, then as that
 * text only (ASCII, see asciiJson), serialised once and sent to every client catching up as it
 * is. A run read from the log arrives as text.
 */
interface Held {
  seq: number;
  event?: ArticleEvent;
  json?: string;
}

const jsonOf = (held: Held): string => {
  if (held.json === undefined) {
    held.json = asciiJson(JSON.stringify(held.event));
    held.event = undefined;
  }
  return held.json;
};

/** One article's latest events, contiguous in seq: `events[i].seq === from + i`. */
interface Tail {
  from: number;
  events: Held[];
}

/**
 * Every article's latest events, as PostgreSQL announced them to this process (the relay hears
 * them all, followed here or not), so that a client rejoining catches up from memory instead of
 * the log. Only a contiguous run that reaches the article's last seq answers; anything else
 * (a notification missed while the relay reconnected, an article not heard from since this
 * process started, the least recently changed articles beyond MAX_EVENTS) reads the log.
 * A catch-up joins the events' JSON texts instead of serialising them again for each client,
 * and a run read from the log is kept without being parsed (parsing 1 MB held up the first
 * client's answer while it was being sent). Events nobody catches up on are never serialised.
 */
@Injectable()
export class RecentEvents {
  private readonly tails = new LRUCache<string, Tail>({ maxSize: MAX_EVENTS, sizeCalculation: (tail) => Math.max(1, tail.events.length) });

  /** Adds a delivered event; the relay delivers each article's events in seq order. */
  add(event: ArticleEvent): void {
    const tail = this.tails.get(event.articleId);
    if (!tail || event.seq !== tail.from + tail.events.length) {
      // A gap (or the first event seen): the run starts again here.
      if (!tail || event.seq > tail.from + tail.events.length - 1) this.tails.set(event.articleId, { from: event.seq, events: [{ seq: event.seq, event }] });
      return;
    }
    tail.events.push({ seq: event.seq, event });
    if (tail.events.length > MAX_CATCH_UP) {
      tail.events.shift();
      tail.from += 1;
    }
    this.tails.set(event.articleId, tail); // its size changed
  }

  /**
   * Keeps a run read from the log (ascending, gap-free, as the log always is), so that after a
   * restart only the first client back reads it. Merged with what is here: the longest gap-free
   * run that ends at the latest seq either knows is kept.
   */
  seed(articleId: string, run: readonly { seq: number; json: string }[]): void {
    if (run.length === 0) return;
    const bySeq = new Map<number, Held>(run.map((e) => [e.seq, e]));
    const tail = this.tails.peek(articleId);
    for (const e of tail?.events ?? []) bySeq.set(e.seq, e);
    const to = Math.max(run.at(-1)!.seq, tail ? tail.from + tail.events.length - 1 : 0);
    let from = to;
    while (to - from + 1 < MAX_CATCH_UP && bySeq.has(from - 1)) from -= 1;
    const events = Array.from({ length: to - from + 1 }, (_, i) => bySeq.get(from + i)!);
    this.tails.set(articleId, { from, events });
  }

  /**
   * Events after `sinceSeq` as one JSON array, and the last one's seq (or `sinceSeq`), when
   * those up to `lastSeq` are all here; otherwise undefined (read the log).
   */
  after(articleId: string, sinceSeq: number, lastSeq: number): { events: RawJson<ArticleEvent[]>; lastSeq: number } | undefined {
    const tail = this.tails.peek(articleId);
    if (!tail || tail.from > sinceSeq + 1 || tail.from + tail.events.length - 1 < lastSeq) return undefined;
    const run = tail.events.slice(sinceSeq + 1 - tail.from, sinceSeq + 1 - tail.from + MAX_CATCH_UP);
    return { events: RawJson.array<ArticleEvent>(run.map(jsonOf)), lastSeq: run.at(-1)?.seq ?? sinceSeq };
  }
}
