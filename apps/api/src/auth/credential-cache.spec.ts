import { DomainEvents } from '../infra/events/domain-events';
import { CREDENTIAL_TTL_MS, CredentialCache } from './credential-cache';

const alice = { userId: 'u1', email: 'a@x.test', displayName: 'Alice', sessionId: 's1' };
const script = { userId: 'u1', email: 'a@x.test', displayName: 'Alice', tokenId: 't1' };
const bob = { userId: 'u2', email: 'b@x.test', displayName: 'Bob', sessionId: 's2' };
const later = () => new Date(Date.now() + 3_600_000);

describe('CredentialCache', () => {
  let events: DomainEvents;
  let cache: CredentialCache;
  beforeEach(() => {
    events = new DomainEvents();
    cache = new CredentialCache(events);
    cache.onModuleInit();
  });
  afterEach(() => {
    cache.onModuleDestroy();
    jest.useRealTimers();
  });

  it('answers a stored credential until it is revoked, and only that one', () => {
    cache.begin()('h1', alice, later());
    cache.begin()('h2', bob, later());
    cache.begin()('h3', script, null);
    expect(cache.get('h1')).toEqual(alice);

    events.emit('credentials.revoked', { sessionIds: ['s1'] });
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h2')).toEqual(bob);
    expect(cache.get('h3')).toEqual(script);

    events.emit('credentials.revoked', { tokenIds: ['t1'], fromPeer: true });
    expect(cache.get('h3')).toBeUndefined();
    expect(cache.get('h2')).toEqual(bob);
  });

  it('does not cache a lookup that a revocation overtook', () => {
    const store = cache.begin();
    events.emit('credentials.revoked', { sessionIds: ['some other session'] });
    store('h1', alice, later());
    expect(cache.get('h1')).toBeUndefined();
    cache.begin()('h1', alice, later());
    expect(cache.get('h1')).toEqual(alice);
  });

  it('forgets a session once it expires, and everything after the TTL', () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    cache.begin()('h1', alice, new Date(Date.now() + 1_000));
    cache.begin()('h2', bob, later());
    jest.advanceTimersByTime(999);
    expect(cache.get('h1')).toEqual(alice);
    jest.advanceTimersByTime(1);
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h2')).toEqual(bob);
    jest.advanceTimersByTime(CREDENTIAL_TTL_MS);
    expect(cache.get('h2')).toBeUndefined();
  });

  it('sweeps out expired entries that nobody asks for again', () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    cache.onModuleDestroy();
    cache.onModuleInit(); // its sweep on the fake clock
    cache.begin()('h1', alice, new Date(Date.now() + 1_000));
    jest.advanceTimersByTime(CREDENTIAL_TTL_MS / 2);
    cache.begin()('h2', bob, later());
    expect(cache.size).toBe(2);
    jest.advanceTimersByTime(CREDENTIAL_TTL_MS / 2);
    expect(cache.size).toBe(1);
    jest.advanceTimersByTime(CREDENTIAL_TTL_MS);
    expect(cache.size).toBe(0);
  });

  it('stops listening once closed', () => {
    cache.begin()('h1', alice, later());
    cache.onModuleDestroy();
    events.emit('credentials.revoked', { sessionIds: ['s1'] });
    expect(cache.get('h1')).toEqual(alice);
  });
});
