import { Batcher, grouped, splitKeys } from './batcher';

describe('Batcher', () => {
  it('answers the keys asked for in one turn with one load, repeats included', async () => {
    const loads: string[][] = [];
    const batcher = new Batcher<string, number>(async (keys) => {
      loads.push(keys);
      return new Map(keys.filter((k) => k !== 'gone').map((k) => [k, k.length]));
    });
    const answers = await Promise.all(['a', 'bb', 'a', 'gone'].map((k) => batcher.get(k)));
    expect(answers).toEqual([1, 2, 1, undefined]);
    expect(loads).toEqual([['a', 'bb', 'gone']]);
    expect(await batcher.get('ccc')).toBe(3);
    expect(loads).toHaveLength(2);
  });

  it('splits a large turn into loads of at most maxKeys, and passes a failure to its keys only', async () => {
    const batcher = new Batcher<number, number>(async (keys) => {
      if (keys.includes(0)) throw new Error('boom');
      return new Map(keys.map((k) => [k, k * 2]));
    }, 2);
    const results = await Promise.allSettled([0, 1, 2, 3].map((k) => batcher.get(k)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual(['failed', 'failed', 4, 6]);
  });

  it('groups a list query\'s rows by key, in their order, with an empty list for a key no row names', () => {
    const rows = [
      { batchKey: 'b', n: 1 },
      { batchKey: 'a', n: 2 },
      { batchKey: 'b', n: 3 },
      { batchKey: 'stray', n: 4 },
    ];
    expect(grouped(['a', 'b', 'c'], rows)).toEqual(
      new Map([
        ['a', [{ n: 2 }]],
        ['b', [{ n: 1 }, { n: 3 }]],
        ['c', []],
      ]),
    );
    expect(splitKeys(['u1/a1', 'u2/a2'])).toEqual([
      ['u1', 'u2'],
      ['a1', 'a2'],
    ]);
  });
});
