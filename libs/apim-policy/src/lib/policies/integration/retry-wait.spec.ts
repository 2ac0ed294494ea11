import { retryWaitSeconds } from './retry.policy';

describe('retryWaitSeconds (APIM retry algorithms)', () => {
  it('waits the interval every time with interval only', () => {
    expect([1, 2, 3].map((n) => retryWaitSeconds(n, { interval: 4, firstFastRetry: false }))).toEqual([4, 4, 4]);
  });

  it('grows linearly with interval and delta', () => {
    expect([1, 2, 3].map((n) => retryWaitSeconds(n, { interval: 2, delta: 3, firstFastRetry: false }))).toEqual([
      2, 5, 8,
    ]);
  });

  it('doubles with interval, delta and max-interval, capped (jitter at its middle)', () => {
    const settings = { interval: 10, delta: 10, maxInterval: 100, firstFastRetry: false };
    expect([1, 2, 3, 4, 5, 6].map((n) => retryWaitSeconds(n, settings, () => 0.5))).toEqual([10, 20, 40, 80, 100, 100]);
  });

  it('jitters the delta by at most 20 %', () => {
    const settings = { interval: 0, delta: 10, maxInterval: 1000, firstFastRetry: false };
    expect(retryWaitSeconds(2, settings, () => 0)).toBeCloseTo(8);
    expect(retryWaitSeconds(2, settings, () => 1)).toBeCloseTo(12);
  });

  it('retries the first time at once with first-fast-retry', () => {
    const settings = { interval: 5, firstFastRetry: true };
    expect([1, 2].map((n) => retryWaitSeconds(n, settings))).toEqual([0, 5]);
  });
});
