/**
 * An in-memory map with a lifetime per entry and a size bound: the oldest entries go first when it is full, so a
 * flood of authorize requests cannot grow memory without limit. Nothing survives a restart (documented: codes,
 * sessions, consents and refresh tokens are forgotten).
 */
import { randomBytes } from 'node:crypto';

/** Random opaque handle: 32 bytes, base64url. */
export function newHandle(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export class BoundedStore<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    private readonly now: () => number,
    private readonly maxEntries: number,
  ) {}

  /** Stores `value` under `key` for `lifetimeMs`. */
  set(key: string, value: T, lifetimeMs: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + lifetimeMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** The live value, or undefined when absent or expired (expired entries are dropped). */
  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
