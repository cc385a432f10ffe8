import { type ArticleEvent, MAX_CATCH_UP } from '@corroborate/contracts';
import { RecentEvents } from './recent-events';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const event = (seq: number, articleId = A): ArticleEvent => ({ seq, articleId, type: 'annotation.created', actorId: null, at: new Date(seq * 1000).toISOString(), data: { n: seq } });
const seqs = (answer: ReturnType<RecentEvents['after']>) => answer?.events.toJSON().map((e) => e.seq);

describe('RecentEvents', () => {
  it('answers from a contiguous run that reaches the last seq, and nothing else', () => {
    const recent = new RecentEvents();
    for (let seq = 5; seq <= 9; seq++) recent.add(event(seq));
    expect(seqs(recent.after(A, 6, 9))).toEqual([7, 8, 9]);
    expect(seqs(recent.after(A, 4, 9))).toEqual([5, 6, 7, 8, 9]);
    expect(seqs(recent.after(A, 9, 9))).toEqual([]);
    // Events before the run, or a last seq the run has not reached yet: read the log.
    expect(recent.after(A, 3, 9)).toBeUndefined();
    expect(recent.after(A, 6, 10)).toBeUndefined();
    expect(recent.after(B, 0, 1)).toBeUndefined();
  });

  it('starts again after a gap, and ignores an event it already holds', () => {
    const recent = new RecentEvents();
    [1, 2, 3, 2, 3].forEach((seq) => recent.add(event(seq)));
    expect(seqs(recent.after(A, 0, 3))).toEqual([1, 2, 3]);
    recent.add(event(6));
    expect(recent.after(A, 2, 6)).toBeUndefined();
    expect(seqs(recent.after(A, 5, 6))).toEqual([6]);
  });

  it('keeps the latest MAX_CATCH_UP events of each article', () => {
    const recent = new RecentEvents();
    const last = MAX_CATCH_UP + 10;
    for (let seq = 1; seq <= last; seq++) recent.add(event(seq));
    recent.add(event(1, B));
    expect(recent.after(A, 9, last)).toBeUndefined();
    expect(seqs(recent.after(A, 10, last))).toHaveLength(MAX_CATCH_UP);
    expect(recent.after(A, 10, last)!.events.toJSON()[0]).toEqual(event(11));
    expect(recent.after(A, 10, last)!.lastSeq).toBe(last);
    expect(seqs(recent.after(B, 0, 1))).toEqual([1]);
  });

  it('keeps a run read from the log, merged with what it heard meanwhile', () => {
    // As the log's reader gives them: each event's JSON text.
    const range = (from: number, to: number, articleId = A) =>
      Array.from({ length: to - from + 1 }, (_, i) => event(from + i, articleId)).map((e) => ({ seq: e.seq, json: JSON.stringify(e) }));
    const recent = new RecentEvents();
    recent.seed(A, range(3, 6));
    expect(seqs(recent.after(A, 2, 6))).toEqual([3, 4, 5, 6]);
    expect(recent.after(A, 2, 6)!.events.toJSON()).toEqual([3, 4, 5, 6].map((seq) => event(seq)));
    // Announced after the read: the run goes on.
    recent.add(event(7));
    expect(seqs(recent.after(A, 2, 7))).toEqual([3, 4, 5, 6, 7]);

    // Announced before the read answered: both join into one run.
    recent.add(event(11, B));
    recent.seed(B, range(8, 11, B));
    expect(seqs(recent.after(B, 7, 11))).toEqual([8, 9, 10, 11]);
    // An older run that does not reach what is held changes nothing.
    recent.seed(B, range(2, 5, B));
    expect(recent.after(B, 4, 11)).toBeUndefined();
    expect(seqs(recent.after(B, 7, 11))).toEqual([8, 9, 10, 11]);

    // At most the latest MAX_CATCH_UP.
    const last = MAX_CATCH_UP + 5;
    recent.seed(A, range(1, last));
    expect(recent.after(A, 4, last)).toBeUndefined();
    expect(seqs(recent.after(A, 5, last))).toHaveLength(MAX_CATCH_UP);
  });
});
