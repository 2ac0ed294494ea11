import { fullJitterDelay, retryDelay } from './backoff';

const options = { baseDelayMs: 100, maxDelayMs: 1000 };

describe('fullJitterDelay', () => {
  it('grows the ceiling exponentially and caps it', () => {
    const top = () => 0.999999;
    expect(fullJitterDelay(0, options, top)).toBe(99);
    expect(fullJitterDelay(1, options, top)).toBe(199);
    expect(fullJitterDelay(3, options, top)).toBe(799);
    expect(fullJitterDelay(10, options, top)).toBe(999);
  });

  it('spreads delays from 0 up to the ceiling', () => {
    expect(fullJitterDelay(2, options, () => 0)).toBe(0);
    expect(fullJitterDelay(2, options, () => 0.5)).toBe(200);
  });
});

describe('retryDelay', () => {
  it('never waits less than Retry-After, even beyond the backoff cap', () => {
    expect(retryDelay(0, 2000, options, () => 0.5)).toBe(2000);
    expect(retryDelay(5, 30_000, options, () => 0.999)).toBe(30_000);
  });

  it('uses the backoff when it is longer than Retry-After or there is none', () => {
    expect(retryDelay(3, 10, options, () => 0.5)).toBe(400);
    expect(retryDelay(3, undefined, options, () => 0.5)).toBe(400);
  });
});
