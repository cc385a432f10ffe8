/// <reference types="jest" />
import type { Source } from '@corroborate/contracts';
import { at, uuid } from '../../test/fixtures';
import { groupByOutlet } from './outlets';

const source = (n: number, outlet: string, citations: number, supports: number): Source => ({
  id: uuid(n),
  key: `${outlet}/page-${n}`,
  outlet,
  url: `https://${outlet}/page-${n}`,
  publisher: null,
  citations,
  stances: { supports, refutes: citations - supports, context: 0, unclear: 0 },
  lastReliability: 'high',
  lastCitedAt: at(n),
  firstSeenAt: at(0),
});

describe('groupByOutlet', () => {
  it('adds up citations and stances per outlet, most cited first', () => {
    const groups = groupByOutlet([source(1, 'a.example', 2, 2), source(2, 'b.example', 3, 0), source(3, 'a.example', 2, 1)]);
    expect(groups.map((g) => [g.outlet, g.citations])).toEqual([
      ['a.example', 4],
      ['b.example', 3],
    ]);
    expect(groups[0]!.stances).toEqual({ supports: 3, refutes: 1, context: 0, unclear: 0 });
    expect(groups[0]!.sources.map((s) => s.id)).toEqual([uuid(1), uuid(3)]);
  });
});
