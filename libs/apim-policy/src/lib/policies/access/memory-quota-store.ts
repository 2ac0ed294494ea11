import {
  quotaPeriod,
  type QuotaLimit,
  type QuotaResult,
  type QuotaStore,
  type QuotaUsage,
} from '../services/quota-store';

interface Counter {
  readonly period: number;
  readonly endsAtMs?: number;
  calls: number;
  kilobytes: number;
}

/** How many writes between sweeps of counters whose period ended. */
const SWEEP_EVERY = 1000;

/**
 * {@link QuotaStore} in one process: a counter per key for the current fixed period, replaced when the
 * period changes; counters of ended periods are swept, so memory follows the keys active this period.
 */
export class MemoryQuotaStore implements QuotaStore {
  private readonly counters = new Map<string, Counter>();
  private writes = 0;

  /** `now`: epoch milliseconds (services.now; tests pass a fake clock). */
  constructor(private readonly now: () => number = Date.now) {}

  /** Keys with a counter (for tests and diagnostics). */
  get size(): number {
    return this.counters.size;
  }

  async take(key: string, limit: QuotaLimit, usage: QuotaUsage): Promise<QuotaResult> {
    const now = this.now();
    const counter = this.counter(key, limit, now);
    const retryAfterSeconds = counter.endsAtMs === undefined ? undefined : (counter.endsAtMs - now) / 1000;
    const exceeded = exceededBy(counter, limit, usage);
    if (exceeded) return { allowed: false, exceeded, retryAfterSeconds };
    this.count(key, counter, usage);
    return { allowed: true, retryAfterSeconds };
  }

  async add(key: string, limit: QuotaLimit, usage: QuotaUsage): Promise<void> {
    this.count(key, this.counter(key, limit, this.now()), usage);
  }

  private counter(key: string, limit: QuotaLimit, now: number): Counter {
    const period = quotaPeriod(limit, now);
    const existing = this.counters.get(key);
    if (existing && existing.period === period.index) return existing;
    return { period: period.index, endsAtMs: period.endsAtMs, calls: 0, kilobytes: 0 };
  }

  private count(key: string, counter: Counter, usage: QuotaUsage): void {
    counter.calls += usage.calls;
    counter.kilobytes += usage.kilobytes;
    this.counters.set(key, counter);
    if (++this.writes >= SWEEP_EVERY) this.sweep();
  }

  private sweep(): void {
    this.writes = 0;
    const now = this.now();
    for (const [key, counter] of this.counters) {
      if (counter.endsAtMs !== undefined && counter.endsAtMs <= now) this.counters.delete(key);
    }
  }
}

/** Why `usage` does not fit in `counter`, or undefined (the gateway's Redis store applies the same rule in Lua). */
export function exceededBy(
  counter: { readonly calls: number; readonly kilobytes: number },
  limit: QuotaLimit,
  usage: QuotaUsage,
): 'calls' | 'bandwidth' | undefined {
  if (limit.calls !== undefined && counter.calls + Math.max(1, usage.calls) > limit.calls) return 'calls';
  if (limit.kilobytes !== undefined && counter.kilobytes >= limit.kilobytes) return 'bandwidth';
  return undefined;
}
