import { VerifiedTokenCache, type VerifiedToken } from './verified-token-cache';

const verified = (exp: unknown): VerifiedToken => ({
  header: { alg: 'RS256', kid: 'k1' },
  claims: { exp, roles: ['Echo.Read'] },
});

describe('VerifiedTokenCache', () => {
  let clock = 1_000_000_000_000;
  const now = () => clock;
  const inAnHour = clock / 1000 + 3600;

  it('serves a token until its exp, for the key set it was verified with', () => {
    const cache = new VerifiedTokenCache(10, now);
    const entry = verified(inAnHour);
    cache.set('a.b.c', entry, 1);
    expect(cache.get('a.b.c', 1)).toBe(entry);
    expect(cache.get('a.b.d', 1)).toBeUndefined();
    expect(cache.get('a.b.c', 2)).toBeUndefined();
    expect(cache.size).toBe(0); // a stale entry is dropped on sight

    cache.set('a.b.c', entry, 2);
    clock += 3600 * 1000;
    expect(cache.get('a.b.c', 2)).toBeUndefined();
  });

  it('keeps no token without a numeric exp, or already expired', () => {
    const cache = new VerifiedTokenCache(10, now);
    for (const exp of [undefined, '9999999999', Number.NaN, clock / 1000 - 1]) cache.set(`t.${exp}`, verified(exp), 1);
    expect(cache.size).toBe(0);
  });

  it('is bounded, least recently used out first', () => {
    const cache = new VerifiedTokenCache(2, now);
    cache.set('t1', verified(clock / 1000 + 60), 1);
    cache.set('t2', verified(clock / 1000 + 60), 1);
    cache.get('t1', 1);
    cache.set('t3', verified(clock / 1000 + 60), 1);
    expect(cache.get('t2', 1)).toBeUndefined();
    expect(cache.get('t1', 1)).toBeDefined();
    expect(cache.get('t3', 1)).toBeDefined();
  });

  it('freezes what it shares between requests', () => {
    const cache = new VerifiedTokenCache(2, now);
    const entry = verified(clock / 1000 + 60);
    cache.set('t', entry, 1);
    expect(Object.isFrozen(entry.claims)).toBe(true);
    expect(Object.isFrozen(entry.claims['roles'])).toBe(true);
  });
});
