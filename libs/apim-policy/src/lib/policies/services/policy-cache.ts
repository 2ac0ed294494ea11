/**
 * APIM's cache for cache-lookup/cache-store and cache-lookup-value/cache-store-value/cache-remove-value:
 * the internal cache (memory, one gateway) by default, or an "external cache" (Redis) shared by replicas.
 * Values are JSON-serialisable or Buffers.
 */
export interface PolicyCache {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
}
