/**
 * Shares one running task among concurrent callers with the same key: the first caller starts it, later callers get the
 * same promise until it settles. msal-node does not do this for client credentials, so N cold callers would make N
 * token requests (msal-js #6566).
 */
export class SingleFlight<K, V> {
  private readonly running = new Map<K, Promise<V>>();

  /** Runs `task` unless a task for `key` is already running, and returns the running one's result. */
  run(key: K, task: () => Promise<V>): Promise<V> {
    const existing = this.running.get(key);
    if (existing) return existing;
    const started = (async () => task())().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }

  /** Whether a task for `key` is running. */
  has(key: K): boolean {
    return this.running.has(key);
  }
}
