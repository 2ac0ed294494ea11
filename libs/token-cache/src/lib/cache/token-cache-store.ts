import type { ICachePlugin } from '@azure/msal-node';

/**
 * Where msal-node keeps tokens, and how token requests are serialized among the msal instances that share it.
 * {@link MemoryTokenCache} shares within one process; {@link RedisTokenCache} shares across processes and machines.
 */
export interface TokenCacheStore {
  /**
   * The msal persistence plugin for one cache partition. Partitions are keyed `<clientId>.<tenantId>`, as in
   * Microsoft's distributed-cache sample, so one blob holds every scope of one client in one tenant.
   */
  cachePlugin(partitionKey: string): ICachePlugin;

  /**
   * Runs `task` while holding the lock `lockKey`, so that among all the instances sharing this store only one
   * requests a given token at a time; the others wait, then find the token in the cache.
   */
  runExclusive<T>(lockKey: string, task: () => Promise<T>): Promise<T>;

  /** Cache reads, writes and locks served from memory because the shared store was unavailable. */
  readonly fallbacks: number;

  /** Releases connections this store opened itself. */
  close(): Promise<void>;
}

/** The partition key of one client in one tenant: `<clientId>.<tenantId>`. */
export function partitionKey(clientId: string, tenantId: string): string {
  return `${clientId}.${tenantId}`;
}

/** The lock key for requesting one scope's token within a partition. */
export function tokenLockKey(partition: string, scope: string): string {
  return `${partition}.lock.${scope}`;
}
