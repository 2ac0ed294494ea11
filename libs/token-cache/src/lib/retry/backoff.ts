/** Settings of the capped exponential backoff used between token request attempts. */
export interface BackoffOptions {
  /** Upper bound of the first delay, in ms. */
  readonly baseDelayMs: number;
  /** No delay is longer than this, in ms (Retry-After excepted: it is always honoured). */
  readonly maxDelayMs: number;
}

/**
 * "Full jitter" backoff: a random delay between 0 and `min(maxDelayMs, baseDelayMs * 2^retry)`.
 * Random spread keeps many clients that failed together from retrying together.
 * @param retry 0 for the first retry, 1 for the second, ...
 * @param random a source of numbers in [0, 1), replaceable in tests
 */
export function fullJitterDelay(retry: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * The delay before the next attempt: the backoff, but never shorter than what the server asked for in `Retry-After`.
 * @param retry 0 for the first retry
 * @param retryAfterMs the server's `Retry-After`, in ms, if it sent one
 */
export function retryDelay(
  retry: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  return Math.max(retryAfterMs ?? 0, fullJitterDelay(retry, options, random));
}
