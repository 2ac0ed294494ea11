import type { BackoffOptions } from './backoff';

/** How token requests are retried. */
export interface RetryOptions extends BackoffOptions {
  /** Attempts per token acquisition, the first one included; default 4. */
  readonly maxAttempts: number;
  /**
   * A `Retry-After` longer than this is not waited out inside `getToken()`: the call fails with
   * `TOKEN_ENDPOINT_THROTTLED` and `retryAfterMs`, and the caller decides. Default 30 s (Entra sends 60 s on 429).
   */
  readonly maxRetryAfterMs: number;
}

/** Defaults: up to 4 attempts, full-jitter delays of at most 250 ms, 500 ms, 1 s (capped at 8 s). */
export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
};
