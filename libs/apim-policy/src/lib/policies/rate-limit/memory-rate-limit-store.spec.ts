import { MemoryRateLimitStore } from './memory-rate-limit-store';

describe('MemoryRateLimitStore', () => {
  let now = 0;
  const limit = { calls: 3, renewalPeriodSeconds: 60 };
  const store = () => new MemoryRateLimitStore(() => now);
  beforeEach(() => (now = 1_700_000_000_000));

  it('allows `calls` calls in the window, then refuses with the seconds until the oldest call leaves it', () => {
    const limits = store();
    expect([1, 2, 3].map(() => limits.take('k', limit))).toEqual([
      { allowed: true, remaining: 2, retryAfterSeconds: 0 },
      { allowed: true, remaining: 1, retryAfterSeconds: 0 },
      { allowed: true, remaining: 0, retryAfterSeconds: 0 },
    ]);
    expect(limits.take('k', limit)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 60 });
    now += 30_500;
    expect(limits.take('k', limit)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 30 });
    expect(limits.take('other', limit).allowed).toBe(true);
  });

  it('slides: each call leaves the window renewal-period seconds after it was made', () => {
    const limits = store();
    limits.take('k', limit);
    now += 20_000;
    limits.take('k', limit);
    now += 20_000;
    limits.take('k', limit);
    now += 10_000; // t = 50 s
    expect(limits.take('k', limit)).toMatchObject({ allowed: false, retryAfterSeconds: 10 });
    now += 10_000; // t = 60 s: the first call has left
    expect(limits.take('k', limit)).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
    now += 1_000; // t = 61 s: the next to leave was made at 20 s
    expect(limits.take('k', limit)).toMatchObject({ allowed: false, retryAfterSeconds: 19 });
  });

  it('counts increments, and refuses an uncounted call (increment 0) only when the window is full', () => {
    const limits = store();
    expect(limits.take('k', limit, 2)).toEqual({ allowed: true, remaining: 1, retryAfterSeconds: 0 });
    expect(limits.take('k', limit, 0)).toEqual({ allowed: true, remaining: 1, retryAfterSeconds: 0 });
    expect(limits.take('k', limit, 2)).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
    expect(limits.take('k', limit, 1)).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
    expect(limits.take('k', limit, 0)).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
    expect(limits.take('huge', limit, 4)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 60 });
  });

  it('forgets keys whose window emptied', () => {
    const limits = store();
    for (let i = 0; i < 50; i++) limits.take(`client-${i}`, limit);
    expect(limits.size).toBe(50);
    now += 60_000;
    for (let i = 0; i < 1000; i++) limits.take('probe', limit, 0);
    expect(limits.size).toBe(0);
  });
});
