import { byCreatedAt } from './time';

describe('byCreatedAt', () => {
  it('puts the older of two timestamps first, across a second, a day and a year', () => {
    const at = (iso: string) => ({ createdAt: iso });
    const shuffled = ['2027-01-01T00:00:00.000Z', '2026-12-31T23:59:59.999Z', '2026-12-03T09:05:00.000Z', '2026-12-03T10:00:00.000Z', '2026-02-28T12:00:00.500Z'];
    const sorted = shuffled.map(at).sort(byCreatedAt).map((a) => a.createdAt);
    expect(sorted).toEqual([...shuffled].sort((x, y) => Date.parse(x) - Date.parse(y)));
    expect(byCreatedAt(at('2026-12-03T10:00:00.000Z'), at('2026-12-03T10:00:00.000Z'))).toBe(0);
  });
});
