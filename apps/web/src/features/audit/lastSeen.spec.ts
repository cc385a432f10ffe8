/// <reference types="jest" />
import { isNewer, readLastSeen, writeLastSeen } from './lastSeen';

const entries = new Map<string, string>();
const store = { getItem: (k: string) => entries.get(k) ?? null, setItem: (k: string, v: string) => void entries.set(k, v) };

describe('last seen activity', () => {
  beforeEach(() => entries.clear());

  it('counts nothing as new before a first visit, then only what came after', () => {
    expect(isNewer('12', null)).toBe(false);
    expect(isNewer('12', '9')).toBe(true);
    expect(isNewer('9', '9')).toBe(false);
    // Compared as numbers, not text ("10" sorts before "9" as text).
    expect(isNewer('10', '9')).toBe(true);
    expect(isNewer('900000000000000001', '900000000000000000')).toBe(true);
  });

  it('remembers the newest seen id per person and place, never going back', () => {
    writeLastSeen('u1', 'ws', '40', store);
    writeLastSeen('u1', 'ws', '12', store);
    expect(readLastSeen('u1', 'ws', store)).toBe('40');
    expect(readLastSeen('u2', 'ws', store)).toBeNull();
    expect(readLastSeen('u1', 'article:a', store)).toBeNull();
  });
});
