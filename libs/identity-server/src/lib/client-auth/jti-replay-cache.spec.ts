import { JtiReplayCache } from './jti-replay-cache';

it('refuses a key until it expires, then forgets it', () => {
  let now = 0;
  const cache = new JtiReplayCache(() => now);
  expect(cache.remember('a', 1000)).toBe(true);
  expect(cache.remember('a', 1000)).toBe(false);
  expect(cache.remember('b', 1000)).toBe(true);
  now = 1000;
  expect(cache.remember('a', 2000)).toBe(true);
  now = 120_000;
  cache.remember('c', 130_000);
  expect(cache.size).toBe(1);
});
