import { LRUCache } from 'lru-cache';
import type { PolicyCache } from '../services/policy-cache';

/** Entries the in-memory cache keeps by default before it drops the least recently used. */
export const DEFAULT_MEMORY_CACHE_ENTRIES = 10_000;

/** Wrapped so `null` and `false` can be cached (lru-cache stores objects only). */
interface Entry {
  readonly value: unknown;
}

/**
 * APIM's internal cache for one gateway: bounded (least recently used entries go first) and each
 * entry expires after its own time-to-live.
 */
export class MemoryPolicyCache implements PolicyCache {
  private readonly entries: LRUCache<string, Entry>;

  constructor(options: { maxEntries?: number } = {}) {
    this.entries = new LRUCache<string, Entry>({ max: options.maxEntries ?? DEFAULT_MEMORY_CACHE_ENTRIES });
  }

  async get(key: string): Promise<unknown> {
    return this.entries.get(key)?.value;
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    if (ttlSeconds <= 0) {
      this.entries.delete(key);
      return;
    }
    this.entries.set(key, { value }, { ttl: ttlSeconds * 1000 });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  /** Entries held now (expired ones may still count until read). */
  get size(): number {
    return this.entries.size;
  }
}
