/**
 * APIM's cache for cache-lookup/cache-store and cache-lookup-value/cache-store-value/cache-remove-value:
 * the internal cache (memory, one gateway) by default, or an "external cache" (Redis) shared by replicas.
 * Values are JSON-serialisable (strings, numbers, booleans, plain objects) or Buffers.
 *
 * As in APIM, a cache that cannot be reached must not fail the request: implementations may reject,
 * and the policies then treat a read as a miss and a write as done.
 */
export interface PolicyCache {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** True for APIM's "external cache" (Redis); `caching-type="external"` needs one. */
  readonly external?: boolean;
  /** Next to an external cache: the gateway's own in-memory cache, for `caching-type="internal"`. */
  readonly internal?: PolicyCache;
}
