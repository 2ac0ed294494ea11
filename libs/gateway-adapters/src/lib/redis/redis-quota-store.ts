import {
  MemoryQuotaStore,
  quotaPeriod,
  type QuotaLimit,
  type QuotaResult,
  type QuotaStore,
  type QuotaUsage,
} from '@stack/apim-policy';
import Redis from 'ioredis';
import type { Logger } from 'pino';

/**
 * Check and count in one step, so replicas sharing the counter never admit more than the limit.
 * KEYS[1]: the period's counter (a hash: c = calls, k = kilobytes).
 * ARGV: calls to add, kilobytes to add, call limit (-1: none), kilobyte limit (-1: none), expiry (epoch ms, 0: none),
 * check (1: refuse when used up, 0: just add).
 * Returns 0 (counted), 1 (calls used up) or 2 (bandwidth used up).
 */
const TAKE_SCRIPT = `
local calls = tonumber(redis.call('HGET', KEYS[1], 'c') or '0')
local kilobytes = tonumber(redis.call('HGET', KEYS[1], 'k') or '0')
local addCalls = tonumber(ARGV[1])
local maxCalls = tonumber(ARGV[3])
local maxKilobytes = tonumber(ARGV[4])
if ARGV[6] == '1' then
  local wanted = addCalls
  if wanted < 1 then wanted = 1 end
  if maxCalls >= 0 and calls + wanted > maxCalls then return 1 end
  if maxKilobytes >= 0 and kilobytes >= maxKilobytes then return 2 end
end
if addCalls > 0 then redis.call('HINCRBY', KEYS[1], 'c', addCalls) end
if tonumber(ARGV[2]) > 0 then redis.call('HINCRBYFLOAT', KEYS[1], 'k', ARGV[2]) end
if tonumber(ARGV[5]) > 0 then redis.call('PEXPIREAT', KEYS[1], ARGV[5]) end
return 0
`;

export interface RedisQuotaStoreOptions {
  /** `redis://[user:password@]host:port[/db]` (GATEWAY_QUOTA_REDIS_URL). */
  readonly url: string;
  readonly logger: Logger;
  /** Epoch milliseconds; every replica should share one clock source (NTP). */
  readonly now?: () => number;
  /** Longest wait for one command; default 500 ms. */
  readonly commandTimeoutMs?: number;
  /** Prefix of every key; default `apim-quota:`. */
  readonly keyPrefix?: string;
}

/**
 * quota / quota-by-key counters in Redis, shared by every gateway replica on the same Redis: one hash per key and
 * fixed period, checked and counted atomically by a Lua script, expiring when its period ends. While Redis is
 * unreachable requests are let through (logged once per outage): a quota store outage must not take the APIs down.
 */
export class RedisQuotaStore implements QuotaStore {
  private readonly redis: Redis;
  private readonly now: () => number;
  private readonly prefix: string;
  private down = false;

  constructor(private readonly options: RedisQuotaStoreOptions) {
    const commandTimeoutMs = options.commandTimeoutMs ?? 500;
    this.redis = new Redis(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: commandTimeoutMs,
      connectTimeout: Math.max(1000, commandTimeoutMs * 2),
      retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
      lazyConnect: false,
    });
    this.redis.on('error', (error: Error) => this.markDown(error.message));
    this.redis.on('ready', () => {
      if (this.down) options.logger.info('quota store: Redis is back');
      this.down = false;
    });
    this.now = options.now ?? Date.now;
    this.prefix = options.keyPrefix ?? 'apim-quota:';
  }

  /** Waits until the first connection is up (start-up), so the first requests are counted in Redis. */
  async ready(timeoutMs = 5000): Promise<void> {
    if (this.redis.status === 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        this.redis.once('ready', () => resolve());
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `cannot reach the quota Redis at ${safeUrl(this.options.url)} (GATEWAY_QUOTA_REDIS_URL) within ${timeoutMs} ms`,
              ),
            ),
          timeoutMs,
        );
      });
    } finally {
      clearTimeout(timer);
    }
  }

  async take(key: string, limit: QuotaLimit, usage: QuotaUsage): Promise<QuotaResult> {
    const { outcome, retryAfterSeconds } = await this.run(key, limit, usage, true);
    if (outcome === 0) return { allowed: true, retryAfterSeconds };
    return { allowed: false, exceeded: outcome === 1 ? 'calls' : 'bandwidth', retryAfterSeconds };
  }

  async add(key: string, limit: QuotaLimit, usage: QuotaUsage): Promise<void> {
    await this.run(key, limit, usage, false);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async run(key: string, limit: QuotaLimit, usage: QuotaUsage, check: boolean) {
    const now = this.now();
    const period = quotaPeriod(limit, now);
    const retryAfterSeconds = period.endsAtMs === undefined ? undefined : (period.endsAtMs - now) / 1000;
    try {
      const outcome = (await this.redis.eval(
        TAKE_SCRIPT,
        1,
        `${this.prefix}${key}|${limit.renewalPeriodSeconds}|${period.index}`,
        usage.calls,
        usage.kilobytes,
        limit.calls ?? -1,
        limit.kilobytes ?? -1,
        period.endsAtMs ?? 0,
        check ? '1' : '0',
      )) as number;
      return { outcome, retryAfterSeconds };
    } catch (error) {
      this.markDown((error as Error).message);
      return { outcome: 0, retryAfterSeconds };
    }
  }

  private markDown(reason: string): void {
    if (this.down) return;
    this.down = true;
    this.options.logger.warn({ reason }, 'quota store: Redis unreachable; quotas are not enforced until it is back');
  }
}

/** The URL without its password, for messages. */
function safeUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

/**
 * The gateway's quota store: Redis when GATEWAY_QUOTA_REDIS_URL is set (shared by replicas; the gateway does not
 * start until it answers), else counters in this process.
 */
export async function createQuotaStore(options: {
  readonly redisUrl?: string;
  readonly logger: Logger;
  readonly now: () => number;
}): Promise<QuotaStore & { close?(): Promise<void> }> {
  if (!options.redisUrl) return new MemoryQuotaStore(options.now);
  const store = new RedisQuotaStore({ url: options.redisUrl, logger: options.logger, now: options.now });
  try {
    await store.ready();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
