/**
 * A virtual clock for tests that must run real delays (a 300 s key publish delay, a 120 s background refresh)
 * in seconds: `now()` for the identity service (`StartIdentityServerOptions.now`) and nest-auth's JwksKeyStore
 * (`keys.now`), `schedule()` for the key store's background refresh (`keys.schedule`). Time moves only when the
 * test calls `advance()`, which runs the timers that fall due, in order, each at its own instant.
 */

interface Timer {
  readonly at: number;
  readonly run: () => void;
  readonly seq: number;
}

/** Options of {@link VirtualClock.advance}. */
export interface AdvanceOptions {
  /**
   * Awaited after each timer ran, before the clock moves on: e.g. until the work the timer started (a real HTTP
   * fetch) has finished. Default: one turn of the event loop.
   */
  readonly settle?: () => Promise<void>;
}

export class VirtualClock {
  private current: number;
  private timers: Timer[] = [];
  private seq = 0;

  /** @param start the initial time, ms since the epoch; default the real time now. */
  constructor(start = Date.now()) {
    this.current = start;
  }

  /** The virtual time, ms since the epoch. Bound, so it can be passed around as a function. */
  readonly now = (): number => this.current;

  /** Runs `run` once the clock has been advanced by `delayMs`; returns a cancel function. */
  readonly schedule = (run: () => void, delayMs: number): (() => void) => {
    const timer: Timer = { at: this.current + Math.max(0, delayMs), run, seq: this.seq++ };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  };

  /** Timers waiting to run. */
  pendingTimers(): number {
    return this.timers.length;
  }

  /**
   * Moves the clock forward by `ms`, running every timer that falls due on the way (also those scheduled by a timer
   * that ran), each with the clock at its due time.
   */
  async advance(ms: number, options: AdvanceOptions = {}): Promise<void> {
    if (!(ms >= 0)) throw new Error(`VirtualClock.advance needs a duration of 0 ms or more, got ${ms}.`);
    const settle = options.settle ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
    const target = this.current + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.current = Math.max(this.current, due.at);
      due.run();
      await settle();
    }
    this.current = target;
  }
}
