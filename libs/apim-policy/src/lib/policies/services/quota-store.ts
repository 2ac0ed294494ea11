/** A quota's limits over one fixed period. */
export interface QuotaLimit {
  /** Calls allowed per period; undefined: calls are not limited. */
  readonly calls?: number;
  /** Kilobytes (request and response bodies) allowed per period; undefined: bandwidth is not limited. */
  readonly kilobytes?: number;
  /** Length of the fixed period; 0: one period forever (a lifetime quota). */
  readonly renewalPeriodSeconds: number;
  /** Epoch milliseconds periods are counted from (APIM's first-period-start; default 0001-01-01T00:00:00Z). */
  readonly firstPeriodStartMs: number;
}

/** What one request adds to a counter. */
export interface QuotaUsage {
  readonly calls: number;
  readonly kilobytes: number;
}

/** Outcome of {@link QuotaStore.take}. */
export interface QuotaResult {
  readonly allowed: boolean;
  /** What ran out when refused. */
  readonly exceeded?: 'calls' | 'bandwidth';
  /** Seconds until the current period ends; undefined for a lifetime quota (renewal period 0). */
  readonly retryAfterSeconds?: number;
}

/** Epoch milliseconds of 0001-01-01T00:00:00Z, APIM's default first-period-start. */
export const DOTNET_EPOCH_MS = -62_135_596_800_000;

/**
 * Fixed-period call and bandwidth counters for quota / quota-by-key: in memory by default
 * (MemoryQuotaStore), in Redis when several gateway replicas must share one counter.
 */
export interface QuotaStore {
  /**
   * Counts `usage` in the current period unless the quota is used up: refused (and nothing counted) when
   * `usage.calls` (at least 1) more calls would pass `limit.calls`, or the period's bandwidth already reached
   * `limit.kilobytes`. Atomic per key, so replicas sharing a store never over-admit.
   */
  take(key: string, limit: QuotaLimit, usage: QuotaUsage): Promise<QuotaResult>;
  /** Adds `usage` without checking (bandwidth once the response is known, increment-condition). */
  add(key: string, limit: QuotaLimit, usage: QuotaUsage): Promise<void>;
}

/** The current period of `limit` at `nowMs`: its index (part of the counter's key) and when it ends. */
export function quotaPeriod(limit: QuotaLimit, nowMs: number): { readonly index: number; readonly endsAtMs?: number } {
  if (limit.renewalPeriodSeconds === 0) return { index: 0 };
  const periodMs = limit.renewalPeriodSeconds * 1000;
  const index = Math.floor((nowMs - limit.firstPeriodStartMs) / periodMs);
  return { index, endsAtMs: limit.firstPeriodStartMs + (index + 1) * periodMs };
}
