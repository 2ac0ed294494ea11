import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import { KeyedMutex } from './keyed-mutex';
import type { TokenCacheStore } from './token-cache-store';

/**
 * The default store: serialized msal caches in a Map, and an in-process lock. Nothing to install or run. Providers in
 * one process that share an instance share their tokens; separate processes each keep their own.
 */
export class MemoryTokenCache implements TokenCacheStore {
  readonly fallbacks = 0;
  private readonly blobs = new Map<string, string>();
  private readonly mutex = new KeyedMutex();

  /** @inheritdoc */
  cachePlugin(partitionKey: string): ICachePlugin {
    return {
      beforeCacheAccess: async (context: TokenCacheContext) => this.read(partitionKey, context),
      afterCacheAccess: async (context: TokenCacheContext) => this.write(partitionKey, context),
    };
  }

  /** Loads the partition's blob into msal's in-memory cache, if there is one. */
  read(partitionKey: string, context: TokenCacheContext): void {
    const blob = this.blobs.get(partitionKey);
    if (blob !== undefined) context.tokenCache.deserialize(blob);
  }

  /** Stores msal's cache as the partition's blob when msal changed it. */
  write(partitionKey: string, context: TokenCacheContext): void {
    if (context.cacheHasChanged) this.writeBlob(partitionKey, context.tokenCache.serialize());
  }

  /** Stores a serialized msal cache as the partition's blob. */
  writeBlob(partitionKey: string, blob: string): void {
    this.blobs.set(partitionKey, blob);
  }

  /** @inheritdoc */
  runExclusive<T>(lockKey: string, task: () => Promise<T>): Promise<T> {
    return this.mutex.run(lockKey, task);
  }

  /** @inheritdoc */
  async close(): Promise<void> {
    this.blobs.clear();
  }
}
