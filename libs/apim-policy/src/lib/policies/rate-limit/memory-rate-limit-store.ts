import type { RateLimitResult, RateLimitStore } from './rate-limit-store';

interface Bucket {
  /** Counted calls, oldest first; calls in the same millisecond share an entry. */
  readonly entries: Array<{ at: number; count: number }>;
  total: number;
  periodMs: number;
}

/** How many `take` calls between sweeps of keys whose window has emptied. */
const SWEEP_EVERY = 1000;

/**
 * {@link RateLimitStore} in memory: a sliding window per key (a call counts for `renewal-period`
 * seconds after it was made). Keys whose window empties are dropped, so memory follows the
 * number of recently active keys, not every key ever seen.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, Bucket>();
  private takesSinceSweep = 0;

  /** `now`: epoch milliseconds (services.now; tests pass a fake clock). */
  constructor(private readonly now: () => number = Date.now) {}

  /** Keys currently holding calls (for tests and diagnostics). */
  get size(): number {
    return this.buckets.size;
  }

  take(key: string, limit: { calls: number; renewalPeriodSeconds: number }, increment = 1): RateLimitResult {
    const now = this.now();
    this.sweepSometimes(now);
    const periodMs = limit.renewalPeriodSeconds * 1000;
    const bucket = this.buckets.get(key);
    if (bucket) {
      bucket.periodMs = periodMs;
      prune(bucket, now);
    }
    const used = bucket?.total ?? 0;
    // An uncounted call (increment 0) is still refused once the window is full.
    const allowed = increment === 0 ? used < limit.calls : used + increment <= limit.calls;
    if (!allowed) {
      return { allowed: false, remaining: 0, retryAfterSeconds: retryAfter(bucket, used, increment, limit, now) };
    }
    if (increment > 0) this.record(key, bucket, now, periodMs, increment);
    else if (bucket && bucket.total === 0) this.buckets.delete(key);
    return { allowed: true, remaining: limit.calls - used - increment, retryAfterSeconds: 0 };
  }

  private record(key: string, bucket: Bucket | undefined, now: number, periodMs: number, increment: number): void {
    const target = bucket ?? { entries: [], total: 0, periodMs };
    const last = target.entries[target.entries.length - 1];
    if (last?.at === now) last.count += increment;
    else target.entries.push({ at: now, count: increment });
    target.total += increment;
    this.buckets.set(key, target);
  }

  private sweepSometimes(now: number): void {
    if (++this.takesSinceSweep < SWEEP_EVERY) return;
    this.takesSinceSweep = 0;
    for (const [key, bucket] of this.buckets) {
      prune(bucket, now);
      if (bucket.total === 0) this.buckets.delete(key);
    }
  }
}

/** Drops calls that left the window: a call made at `at` counts while `now < at + period`. */
function prune(bucket: Bucket, now: number): void {
  let expired = 0;
  while (expired < bucket.entries.length && bucket.entries[expired].at + bucket.periodMs <= now) {
    bucket.total -= bucket.entries[expired].count;
    expired++;
  }
  if (expired > 0) bucket.entries.splice(0, expired);
}

/** Whole seconds until enough counted calls leave the window for this one to fit (at least 1). */
function retryAfter(
  bucket: Bucket | undefined,
  used: number,
  increment: number,
  limit: { calls: number; renewalPeriodSeconds: number },
  now: number,
): number {
  const mustExpire = used + Math.max(increment, 1) - limit.calls;
  let freed = 0;
  for (const entry of bucket?.entries ?? []) {
    freed += entry.count;
    if (bucket && freed >= mustExpire) return Math.max(1, Math.ceil((entry.at + bucket.periodMs - now) / 1000));
  }
  // More than `calls` at once never fits; a full window is the honest answer.
  return Math.max(1, limit.renewalPeriodSeconds);
}
