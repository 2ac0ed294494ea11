/** Outcome of counting one call against a limit. */
export interface RateLimitResult {
  readonly allowed: boolean;
  /** Calls left in the window after this one (0 when refused). */
  readonly remaining: number;
  /** Seconds until a call would be accepted again (0 when allowed). */
  readonly retryAfterSeconds: number;
}

/**
 * Sliding-window call counters (rate-limit: per subscription and policy; rate-limit-by-key: per key
 * value). In memory: one gateway process, as a local APIM stand-in needs.
 */
export interface RateLimitStore {
  /** Counts `increment` calls for `key` if the limit allows it. */
  take(key: string, limit: { calls: number; renewalPeriodSeconds: number }, increment?: number): RateLimitResult;
}
