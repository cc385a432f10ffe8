import { anchorAt } from './anchoring';
import { MatchBudget, reanchor, reanchorAll, searchCost } from './reanchor';

const OLD = 'Musk spoke with Putin in 2022. The Kremlin denied it. Musk later said nothing.';
const at = (exact: string, from = 0) => {
  const start = OLD.indexOf(exact, from);
  return anchorAt(OLD, start, start + exact.length);
};

describe('reanchor', () => {
  it('keeps a span whose text has not moved', async () => {
    const result = await reanchor(at('Putin'), OLD.length, OLD + ' Added at the end.');
    expect(result).toMatchObject({ outcome: 'exact', anchor: { start: 16, end: 21, exact: 'Putin' } });
  });

  it('follows a quote that moved', async () => {
    const text = 'New opening sentence. ' + OLD;
    const result = await reanchor(at('The Kremlin denied it'), OLD.length, text);
    expect(result.outcome).toBe('moved');
    expect(text.slice(result.anchor!.start, result.anchor!.end)).toBe('The Kremlin denied it');
  });

  it('uses the context to choose between repeated quotes', async () => {
    const second = at('Musk', 5);
    const text = 'Intro. ' + OLD;
    const result = await reanchor(second, OLD.length, text);
    expect(result.anchor!.start).toBe(text.lastIndexOf('Musk'));
  });

  it('finds an edited quote approximately, with a score', async () => {
    const text = OLD.replace('The Kremlin denied it', 'The Kremlin has denied it');
    const result = await reanchor(at('The Kremlin denied it'), OLD.length, text);
    expect(result.outcome).toBe('fuzzy');
    expect(result.score).toBeGreaterThan(0.75);
    expect(result.score).toBeLessThan(1);
    expect(text.slice(result.anchor!.start, result.anchor!.end)).toContain('Kremlin');
  });

  it('orphans a quote that is gone', async () => {
    const result = await reanchor(at('The Kremlin denied it'), OLD.length, 'A completely different article about rivers.');
    expect(result).toEqual({ outcome: 'orphaned' });
  });
});

describe('reanchor within bounds', () => {
  // A long article of made-up sentences, with no two stretches alike.
  const WORDS = ['claims', 'report', 'convoy', 'witness', 'border', 'minister', 'denied', 'source', 'video', 'satellite', 'image', 'official', 'village', 'evidence', 'timeline', 'document'];
  let seed = 1;
  const next = (n: number) => (seed = (seed * 48_271) % 2_147_483_647) % n;
  let LONG = '';
  while (LONG.length < 150_000) LONG += Array.from({ length: 8 + next(7) }, () => WORDS[next(WORDS.length)]).join(' ') + '. ';

  const quote = (near: number, length = 300) => {
    const start = LONG.indexOf(' ', near) + 1;
    return anchorAt(LONG, start, start + length);
  };
  /** Nine characters inserted into the quote. */
  const edit = (exact: string) => exact.slice(0, 100) + 'NEW ' + exact.slice(100, 200) + 'ALSO ' + exact.slice(200);
  /** The work of one search of the whole of `text` for `exact`. */
  const wholeText = (text: string, exact: string) => searchCost(text.length, exact.length);

  it('finds an edited quote near where it was, without searching the whole text', async () => {
    const old = quote(75_000);
    const edited = edit(old.exact);
    const text = 'A new opening paragraph.\n\n' + LONG.slice(0, old.start) + edited + LONG.slice(old.end);
    const budget = new MatchBudget(wholeText(text, old.exact) / 2);
    const result = await reanchor(old, LONG.length, text, budget);
    const start = text.indexOf(edited);
    expect(result).toMatchObject({ outcome: 'fuzzy', score: 0.97, anchor: { start, end: start + edited.length, exact: edited } });
    expect(budget.remaining).toBeGreaterThan(0);
  });

  it('finds an edited quote that moved, after its unchanged prefix', async () => {
    const old = quote(30_000);
    const edited = edit(old.exact);
    // The quote and its context move 20,000 characters on: far from where the quote was expected.
    const rest = LONG.slice(0, old.start - old.prefix.length) + LONG.slice(old.end + old.suffix.length);
    const at = rest.indexOf(' ', 50_000) + 1;
    const text = rest.slice(0, at) + old.prefix + edited + old.suffix + rest.slice(at);
    const result = await reanchor(old, LONG.length, text, new MatchBudget(wholeText(text, old.exact) / 2));
    const start = text.indexOf(edited);
    expect(result).toMatchObject({ outcome: 'fuzzy', score: 0.97, anchor: { start, end: start + edited.length } });
  });

  it('searches the whole text for an edited quote that moved without its context, while the budget allows', async () => {
    const old = quote(30_000);
    const edited = edit(old.exact);
    const rest = LONG.slice(0, old.start) + LONG.slice(old.end);
    const at = rest.indexOf(' ', 110_000) + 1;
    const text = rest.slice(0, at) + edited + rest.slice(at);
    const found = await reanchor(old, LONG.length, text, new MatchBudget(wholeText(text, old.exact) * 4));
    expect(found).toMatchObject({ outcome: 'fuzzy', score: 0.97, anchor: { start: text.indexOf(edited) } });
    // Searches of the whole text leave half the budget to the annotations still to come.
    expect(await reanchor(old, LONG.length, text, new MatchBudget(wholeText(text, old.exact) * 1.5))).toEqual({ outcome: 'orphaned' });
  });

  it('orphans what the budget cannot pay for, and still finds exact and moved quotes', async () => {
    const spent = new MatchBudget(0);
    const old = quote(75_000);
    const text = 'Intro. ' + LONG.slice(0, old.start) + edit(old.exact) + LONG.slice(old.end);
    expect(await reanchor(old, LONG.length, text, spent)).toEqual({ outcome: 'orphaned' });
    expect((await reanchor(old, LONG.length, LONG, spent)).outcome).toBe('exact');
    expect((await reanchor(old, LONG.length, 'Intro. ' + LONG, spent)).outcome).toBe('moved');
  });

  it('orphans what is left once the budget’s time is up, whatever units remain', async () => {
    const old = quote(75_000);
    const text = LONG.slice(0, old.start) + edit(old.exact) + LONG.slice(old.end);
    const overdue = new MatchBudget(MatchBudget.DEFAULT, 0);
    expect(await reanchor(old, LONG.length, text, overdue)).toEqual({ outcome: 'orphaned' });
    expect(overdue.remaining).toBe(MatchBudget.DEFAULT);
    expect((await reanchor(old, LONG.length, text, new MatchBudget())).outcome).toBe('fuzzy');
  });

  it('shares one budget among the annotations of a revision', async () => {
    const first = quote(40_000);
    const second = quote(90_000);
    let text = LONG;
    for (const old of [first, second]) text = text.replace(old.exact, edit(old.exact));
    const probe = new MatchBudget();
    await reanchor(first, LONG.length, text, probe);
    const budget = new MatchBudget(probe.total - probe.remaining);
    expect((await reanchor(first, LONG.length, text, budget)).outcome).toBe('fuzzy');
    expect(await reanchor(second, LONG.length, text, budget)).toEqual({ outcome: 'orphaned' });
  });

  it('counts errors as edits and takes the span that has the fewest', async () => {
    const text = OLD.replace('The Kremlin denied it', 'The Kremlin then denied it');
    const result = await reanchor(at('The Kremlin denied it'), OLD.length, text);
    // Five characters inserted into 21.
    expect(result).toMatchObject({ outcome: 'fuzzy', score: 0.762 });
    expect(text.slice(result.anchor!.start, result.anchor!.end)).toBe('The Kremlin then denied it');
  });

  it('matches a quote in highly repetitive text', async () => {
    const old = anchorAt('ab'.repeat(2_000) + 'c' + 'ab'.repeat(2_000), 3_750, 4_250);
    const result = await reanchor(old, 8_001, 'ab'.repeat(20_000));
    expect(result).toMatchObject({ outcome: 'fuzzy', score: 0.998 });
  });

  it('moves many anchors in one go as the worker pool does, carrying the budget over as it stands', async () => {
    const first = quote(40_000);
    const second = quote(90_000);
    let text = LONG;
    for (const old of [first, second]) text = text.replace(old.exact, edit(old.exact));
    const probe = new MatchBudget();
    await reanchor(first, LONG.length, text, probe);
    // Enough for the first only, as in 'shares one budget' above.
    const budget = new MatchBudget(probe.total - probe.remaining).state();
    const { results, budget: after } = await reanchorAll({
      text,
      anchors: [
        { id: 'first', anchor: first, oldLength: LONG.length },
        { id: 'second', anchor: second, oldLength: LONG.length },
      ],
      budget,
    });
    expect(results.map(([id, r]) => [id, r.outcome])).toEqual([['first', 'fuzzy'], ['second', 'orphaned']]);
    expect(after).toMatchObject({ total: budget.total, left: 0 });
    expect(after.seconds).toBeGreaterThan(0);
    expect(after.seconds).toBeLessThanOrEqual(budget.seconds);
    // A budget carried on keeps what is left, and its time.
    expect(MatchBudget.resume({ total: 10, left: 4, seconds: 0 }).take(1)).toBe(false);
    const resumed = MatchBudget.resume({ total: 10, left: 4, seconds: 5 });
    expect([resumed.take(5), resumed.take(4), resumed.remaining]).toEqual([false, true, 0]);
  });
});
