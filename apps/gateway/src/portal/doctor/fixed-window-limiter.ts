/**
 * A per-caller count in fixed windows (e.g. 30 a minute), in memory. Bounds how much work one remote address can ask
 * of the token doctor; the gateway's own rate-limit policies are for API traffic and are not involved.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perWindow: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    /** Callers remembered at most; past this the oldest windows are dropped (a flood of addresses cannot grow it). */
    private readonly maxCallers = 10_000,
  ) {}

  /** Counts one call for `caller`: 0 when allowed, else the milliseconds until its window opens again. */
  take(caller: string): number {
    const now = this.now();
    let window = this.windows.get(caller);
    if (!window || now - window.start >= this.windowMs) {
      this.windows.delete(caller);
      if (this.windows.size >= this.maxCallers) {
        const oldest = this.windows.keys().next().value;
        if (oldest !== undefined) this.windows.delete(oldest);
      }
      window = { start: now, count: 0 };
      this.windows.set(caller, window);
    }
    if (window.count >= this.perWindow) return Math.max(1, window.start + this.windowMs - now);
    window.count++;
    return 0;
  }
}
