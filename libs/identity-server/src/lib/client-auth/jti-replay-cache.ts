/** Remembers client assertion `jti`s until their assertion expires, to refuse replays. */

/** In-memory replay cache (one service process). */
export class JtiReplayCache {
  private readonly seen = new Map<string, number>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Records `key` as used until `expiresAtMs`.
   * @returns false when the key was already used and has not expired (a replay).
   */
  remember(key: string, expiresAtMs: number): boolean {
    const now = this.now();
    this.sweep(now);
    const until = this.seen.get(key);
    if (until !== undefined && until > now) return false;
    this.seen.set(key, expiresAtMs);
    return true;
  }

  /** Number of remembered entries (for tests). */
  get size(): number {
    return this.seen.size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, until] of this.seen) if (until <= now) this.seen.delete(key);
  }
}
