/** Outcome of counting one call (and its bandwidth) against a quota. */
export interface QuotaResult {
  readonly allowed: boolean;
  /** Seconds until the quota period renews. */
  readonly retryAfterSeconds: number;
}

/**
 * Fixed-period call and bandwidth counters for quota / quota-by-key: in memory by default, in Redis
 * when several gateway replicas must share one counter.
 */
export interface QuotaStore {
  take(
    key: string,
    limit: { readonly calls?: number; readonly kilobytes?: number; readonly renewalPeriodSeconds: number },
    usage: { readonly calls: number; readonly kilobytes: number },
  ): Promise<QuotaResult>;
}
