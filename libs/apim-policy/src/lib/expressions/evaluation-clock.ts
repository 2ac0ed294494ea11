/**
 * The clock `DateTime.UtcNow`, `DateTimeOffset.UtcNow` and friends read: the request context's own
 * (the gateway's injected clock, a test host's `now`) while an expression runs, else the real one.
 * Expressions run synchronously, so one slot is enough; `withClock` restores it even on a fault.
 */
let current: () => number = Date.now;

/** Epoch milliseconds of the running expression's clock. */
export function clockNow(): number {
  return current();
}

/** Runs `run` with `clock` as the expression clock. */
export function withClock<T>(clock: () => number, run: () => T): T {
  const previous = current;
  current = clock;
  try {
    return run();
  } finally {
    current = previous;
  }
}
