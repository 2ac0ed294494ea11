import { MemoryPolicyCache, type PolicyCache } from '@stack/apim-policy';
import Redis from 'ioredis';
import type { Logger } from 'pino';

export interface RedisPolicyCacheOptions {
  /** `redis://[user:password@]host:port[/db]` (GATEWAY_CACHE_REDIS_URL). */
  readonly url: string;
  readonly logger: Logger;
  /** The internal cache next to it, for caching-type="internal". */
  readonly internal: PolicyCache;
  /** Longest wait for one command; default 500 ms (a slow cache is a miss, not a slow request). */
  readonly commandTimeoutMs?: number;
  /** Prefix of every key; default `apim-cache:`. */
  readonly keyPrefix?: string;
}

/** Buffers survive JSON as `{ "$bytes": base64 }`. */
const BYTES = '$bytes';

/**
 * APIM's "external cache" in Redis, shared by every gateway replica on the same Redis. Values are JSON
 * with a time-to-live. While Redis is unreachable every command fails at once (no offline queue) and
 * the policies carry on without the cache, as APIM does; the outage is logged once.
 */
export class RedisPolicyCache implements PolicyCache {
  readonly external = true;
  readonly internal: PolicyCache;
  private readonly redis: Redis;
  private readonly prefix: string;
  private down = false;

  constructor(private readonly options: RedisPolicyCacheOptions) {
    const commandTimeoutMs = options.commandTimeoutMs ?? 500;
    this.internal = options.internal;
    this.prefix = options.keyPrefix ?? 'apim-cache:';
    this.redis = new Redis(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: commandTimeoutMs,
      connectTimeout: Math.max(1000, commandTimeoutMs * 2),
      retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    });
    this.redis.on('error', (error: Error) => this.markDown(error.message));
    this.redis.on('ready', () => {
      if (this.down) options.logger.info({ cache: 'redis' }, 'policy cache: Redis is reachable again');
      this.down = false;
    });
  }

  /** Resolves once Redis answers (or rejects with why not). */
  async ready(): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const onReady = () => {
        this.redis.off('error', onError);
        resolve();
      };
      const onError = (error: Error) => {
        this.redis.off('ready', onReady);
        reject(error);
      };
      this.redis.once('ready', onReady);
      this.redis.once('error', onError);
    });
  }

  async get(key: string): Promise<unknown> {
    const text = await this.redis.get(this.prefix + key);
    return text === null ? undefined : (JSON.parse(text, revive) as unknown);
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    if (ttlSeconds <= 0) return this.delete(key);
    await this.redis.set(
      this.prefix + key,
      JSON.stringify(value ?? null, replace),
      'PX',
      Math.round(ttlSeconds * 1000),
    );
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private markDown(reason: string): void {
    if (this.down) return;
    this.down = true;
    this.options.logger.warn(
      { cache: 'redis', reason },
      'policy cache: Redis is unreachable; lookups miss until it is back',
    );
  }
}

function replace(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  return Buffer.isBuffer(raw) ? { [BYTES]: raw.toString('base64') } : value;
}

function revive(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[BYTES] === 'string') {
    return Buffer.from((value as Record<string, string>)[BYTES], 'base64');
  }
  return value;
}

/** The gateway's policy cache: Redis (with memory for caching-type="internal") when a URL is set, else memory. */
export function createPolicyCache(options: {
  redisUrl?: string;
  maxEntries?: number;
  logger: Logger;
}): PolicyCache & { close?(): Promise<void> } {
  const memory = new MemoryPolicyCache({ maxEntries: options.maxEntries });
  if (!options.redisUrl) return memory;
  return new RedisPolicyCache({ url: options.redisUrl, logger: options.logger, internal: memory });
}
