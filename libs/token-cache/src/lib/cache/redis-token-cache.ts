import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import Redis from 'ioredis';
import { TokenProviderOptionsError } from '../errors';
import { defaultLogger, type TokenCacheLogger } from '../logger';
import { blobTtlMs } from './blob-ttl';
import { MemoryTokenCache } from './memory-token-cache';
import { tryAcquireRedisLock, type HeldRedisLock } from './redis-lock';
import type { TokenCacheStore } from './token-cache-store';

/** Options of {@link RedisTokenCache}. Give `url` or `client`. */
export interface RedisTokenCacheOptions {
  /** `redis://[user:password@]host:port[/db]`; the cache opens and closes its own connection. */
  readonly url?: string;
  /**
   * An ioredis client you own (not closed by `close()`). Create it with `enableOfflineQueue: false` and a short
   * `commandTimeout`, otherwise calls wait for Redis instead of falling back to memory.
   */
  readonly client?: Redis;
  /** Prefix of every key this cache writes, e.g. `worker:`; default none, so keys are `<clientId>.<tenantId>`. */
  readonly keyPrefix?: string;
  /** Longest wait for one Redis command before falling back to memory; default 500 ms. */
  readonly commandTimeoutMs?: number;
  /** How long a replica may hold the token-request lock before it expires by itself; default 30 s. */
  readonly lockTtlMs?: number;
  /** How long a replica waits for another replica's token request before requesting itself; default 30 s. */
  readonly lockWaitMs?: number;
  /** Pause between two attempts to take a held lock; default 50 ms (plus up to 50% jitter). */
  readonly lockPollMs?: number;
  /** TTL of a cache blob that holds no access token; default 1 h. Blobs with tokens live until their last token expires. */
  readonly emptyBlobTtlMs?: number;
  /** Where the fallback to memory and the return to Redis are logged; default pino. */
  readonly logger?: TokenCacheLogger;
}

/**
 * msal-node's token cache in Redis, shared by every replica that uses the same Redis and client, plus a cross-replica
 * lock so that N replicas make one token request per token lifetime rather than N.
 *
 * When Redis is unreachable each operation falls back to an in-process {@link MemoryTokenCache} at once (no offline
 * queue, short command timeout), the outage is logged once, and the cache goes back to Redis when ioredis reconnects.
 * See docs/decisions/005-token-cache-retries-and-shared-cache.md.
 */
export class RedisTokenCache implements TokenCacheStore {
  private readonly redis: Redis;
  private readonly ownsClient: boolean;
  private readonly prefix: string;
  private readonly lockTtlMs: number;
  private readonly lockWaitMs: number;
  private readonly lockPollMs: number;
  private readonly emptyBlobTtlMs: number;
  private readonly logger: TokenCacheLogger;
  private readonly memory = new MemoryTokenCache();
  private readonly firstConnection: Promise<void>;
  private fallbackCount = 0;
  private down = false;
  private closed = false;

  constructor(options: RedisTokenCacheOptions) {
    if (!options.url && !options.client) {
      throw new TokenProviderOptionsError(
        'RedisTokenCache needs `url` (e.g. redis://localhost:6379) or an ioredis `client`.',
      );
    }
    const commandTimeoutMs = options.commandTimeoutMs ?? 500;
    this.ownsClient = !options.client;
    this.redis =
      options.client ??
      new Redis(options.url as string, {
        // Fail at once while disconnected instead of queueing: callers then use memory and never wait on Redis.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: commandTimeoutMs,
        connectTimeout: Math.max(1000, commandTimeoutMs * 2),
        // Keep reconnecting forever, at most one attempt per second, so the cache returns to Redis when it is back.
        retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
      });
    this.prefix = options.keyPrefix ?? '';
    this.lockTtlMs = options.lockTtlMs ?? 30_000;
    this.lockWaitMs = options.lockWaitMs ?? 30_000;
    this.lockPollMs = options.lockPollMs ?? 50;
    this.emptyBlobTtlMs = options.emptyBlobTtlMs ?? 60 * 60 * 1000;
    this.logger = options.logger ?? defaultLogger();

    this.redis.on('ready', () => this.markUp());
    this.redis.on('error', (error: Error) => this.markDown(error.message));
    this.redis.on('close', () => this.markDown('connection closed'));
    this.firstConnection = this.waitForFirstConnection(Math.max(1000, commandTimeoutMs * 2));
  }

  /** @inheritdoc */
  get fallbacks(): number {
    return this.fallbackCount;
  }

  /** @inheritdoc */
  cachePlugin(partitionKey: string): ICachePlugin {
    const key = this.prefix + partitionKey;
    return {
      beforeCacheAccess: (context) => this.read(key, context),
      afterCacheAccess: (context) => this.write(key, context),
    };
  }

  /** @inheritdoc */
  async runExclusive<T>(lockKey: string, task: () => Promise<T>): Promise<T> {
    const key = this.prefix + lockKey;
    const deadline = Date.now() + this.lockWaitMs;
    let lock: HeldRedisLock | undefined;
    for (;;) {
      if (!(await this.usable())) return this.fallBack(() => this.memory.runExclusive(lockKey, task));
      try {
        lock = await tryAcquireRedisLock(this.redis, key, this.lockTtlMs);
      } catch (error) {
        this.markDown(describe(error));
        return this.fallBack(() => this.memory.runExclusive(lockKey, task));
      }
      if (lock) break;
      if (Date.now() >= deadline) {
        // The holder is stuck or gone; one extra token request is better than a caller that never gets a token.
        this.logger.warn(
          { lockKey: key, waitedMs: this.lockWaitMs },
          'token request lock still held by another replica; requesting without it',
        );
        break;
      }
      await sleep(this.lockPollMs * (1 + Math.random() / 2));
    }
    try {
      return await task();
    } finally {
      await lock?.release();
    }
  }

  /** @inheritdoc */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.memory.close();
    if (!this.ownsClient) return;
    // QUIT lets Redis close the connection cleanly; when it cannot be sent (Redis down), just drop the connection.
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async read(key: string, context: TokenCacheContext): Promise<void> {
    if (!(await this.usable())) return this.fallBack(async () => this.memory.read(key, context));
    let blob: string | null;
    try {
      blob = await this.redis.get(key);
    } catch (error) {
      this.markDown(describe(error));
      return this.fallBack(async () => this.memory.read(key, context));
    }
    if (blob === null) return;
    try {
      context.tokenCache.deserialize(blob);
    } catch (error) {
      // A damaged blob costs one token request, not an error for the caller; the next write replaces it.
      this.logger.warn({ key, reason: describe(error) }, 'ignoring an unreadable token cache blob in Redis');
    }
  }

  private async write(key: string, context: TokenCacheContext): Promise<void> {
    if (!context.cacheHasChanged) return;
    const blob = context.tokenCache.serialize();
    // Keep the memory copy current too, so a fallback during an outage starts from the latest tokens.
    this.memory.writeBlob(key, blob);
    if (!(await this.usable())) return this.fallBack(async () => undefined);
    try {
      await this.redis.set(key, blob, 'PX', blobTtlMs(blob, Date.now(), this.emptyBlobTtlMs));
    } catch (error) {
      this.markDown(describe(error));
      this.fallbackCount += 1;
    }
  }

  private async usable(): Promise<boolean> {
    await this.firstConnection;
    if (this.closed) return false;
    if (this.redis.status === 'ready') {
      this.markUp();
      return true;
    }
    this.markDown(`connection ${this.redis.status}`);
    return false;
  }

  private fallBack<T>(operation: () => Promise<T>): Promise<T> {
    this.fallbackCount += 1;
    return operation();
  }

  private markDown(reason: string): void {
    if (this.down || this.closed) return;
    this.down = true;
    this.logger.warn({ reason }, 'Redis token cache unavailable; using the in-process memory cache until it is back');
  }

  private markUp(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.info({}, 'Redis token cache is back; using it again');
  }

  /** Resolves once the first connection attempt has an outcome (ready, refused ...), or after `timeoutMs`. */
  private waitForFirstConnection(timeoutMs: number): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.redis.off('ready', done).off('error', done).off('close', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      timer.unref();
      this.redis.once('ready', done).once('error', done).once('close', done);
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
