/** A snapshot of a provider's counters, since it was created. */
export interface TokenProviderCounters {
  /** `getToken()` calls answered from the provider's memory, without waiting. */
  readonly hits: number;
  /** `getToken()` calls that had no usable token in memory and waited for an acquisition (shared with concurrent callers). */
  readonly misses: number;
  /** Acquisitions answered by the cache store (another instance or replica had the token), without a token request. */
  readonly sharedCacheHits: number;
  /** HTTP requests sent to the token endpoint, retries included. */
  readonly tokenRequests: number;
  /** Background refreshes started ahead of expiry. */
  readonly refreshes: number;
  /** Token requests repeated after a network error, 429 or 5xx. */
  readonly retries: number;
  /** Cache operations served from memory because the shared cache (Redis) was unavailable (counted by the store). */
  readonly fallbacks: number;
}

/** The mutable counters behind {@link TokenProviderCounters}; `fallbacks` comes from the cache store. */
export class CounterSet {
  hits = 0;
  misses = 0;
  sharedCacheHits = 0;
  tokenRequests = 0;
  refreshes = 0;
  retries = 0;

  snapshot(fallbacks: number): TokenProviderCounters {
    const { hits, misses, sharedCacheHits, tokenRequests, refreshes, retries } = this;
    return { hits, misses, sharedCacheHits, tokenRequests, refreshes, retries, fallbacks };
  }
}
