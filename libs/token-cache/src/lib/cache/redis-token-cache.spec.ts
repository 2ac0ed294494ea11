import { TokenCacheContext, type ISerializableTokenCache } from '@azure/msal-node';
import Redis from 'ioredis';
import { freePort, skipWithoutRedisServer, startRedisServer, type RedisServer } from '@stack/testing';
import { recordingLogger } from '../recording-logger.fixture';
import { tryAcquireRedisLock } from './redis-lock';
import { RedisTokenCache } from './redis-token-cache';

// Without redis-server: CI must fail (startRedisServer throws the install hint); a developer machine skips, loudly.
const describeRedis = skipWithoutRedisServer('RedisTokenCache tests') ? describe.skip : describe;

/** A stand-in for msal's serializable cache: records what msal would load, returns `blob` when asked to save. */
function fakeMsalCache(blob = '{"AccessToken":{}}') {
  const loaded: string[] = [];
  const cache: ISerializableTokenCache = {
    deserialize: (data: string) => void loaded.push(data),
    serialize: () => blob,
  };
  return { cache, loaded };
}

describeRedis('RedisTokenCache', () => {
  let redis: RedisServer;
  let client: Redis;
  const caches: RedisTokenCache[] = [];
  const cacheFor = (options: Partial<ConstructorParameters<typeof RedisTokenCache>[0]> = {}) => {
    const cache = new RedisTokenCache({ url: redis.url, logger: recordingLogger(), ...options });
    caches.push(cache);
    return cache;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    client = new Redis(redis.url);
  });
  afterEach(async () => {
    await Promise.all(caches.splice(0).map((cache) => cache.close()));
    await client.flushall();
  });
  afterAll(async () => {
    await client?.quit();
    await redis?.stop();
  });

  it('stores the msal cache under the partition key with a TTL, and loads it back into another instance', async () => {
    const writer = cacheFor({ keyPrefix: 'test:' });
    const reader = cacheFor({ keyPrefix: 'test:' });
    const blob = JSON.stringify({ AccessToken: { k: { expires_on: String(Math.floor(Date.now() / 1000) + 600) } } });
    const written = fakeMsalCache(blob);
    await writer.cachePlugin('client.tenant').afterCacheAccess(new TokenCacheContext(written.cache, true));

    expect(await client.get('test:client.tenant')).toBe(blob);
    expect(await client.pttl('test:client.tenant')).toBeGreaterThan(600_000);

    const read = fakeMsalCache();
    await reader.cachePlugin('client.tenant').beforeCacheAccess(new TokenCacheContext(read.cache, false));
    expect(read.loaded).toEqual([blob]);
  });

  it('does not write when msal did not change the cache', async () => {
    const cache = cacheFor();
    await cache.cachePlugin('p').afterCacheAccess(new TokenCacheContext(fakeMsalCache().cache, false));
    expect(await client.exists('p')).toBe(0);
  });

  it('runs one task at a time per lock key across instances (separate connections)', async () => {
    const [one, two] = [cacheFor(), cacheFor()];
    let running = 0;
    let maxRunning = 0;
    const task = async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running -= 1;
    };
    await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? one : two).runExclusive('p.lock.scope', task)));
    expect(maxRunning).toBe(1);
    expect(await client.exists('p.lock.scope')).toBe(0);
  });

  it('runs the task anyway, with a warning, when another holder keeps the lock longer than lockWaitMs', async () => {
    const logger = recordingLogger();
    const cache = cacheFor({ lockWaitMs: 100, logger });
    await client.set('p.lock.stuck', 'someone-else', 'PX', 60_000);

    expect(await cache.runExclusive('p.lock.stuck', async () => 'done')).toBe('done');
    expect(logger.records.map((record) => record.message)).toEqual([
      'token request lock still held by another replica; requesting without it',
    ]);
    expect(await client.get('p.lock.stuck')).toBe('someone-else');
  });

  it('releases only its own lock: a holder whose lock expired does not delete the next holder', async () => {
    const first = await tryAcquireRedisLock(client, 'p.lock.expiring', 50);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await tryAcquireRedisLock(client, 'p.lock.expiring', 60_000);
    expect(first && second).toBeTruthy();

    await first?.release();
    expect(await client.exists('p.lock.expiring')).toBe(1);
    await second?.release();
    expect(await client.exists('p.lock.expiring')).toBe(0);
  });

  it('falls back to memory at once when Redis is unreachable from the start, logging it once', async () => {
    const logger = recordingLogger();
    const cache = new RedisTokenCache({ url: `redis://127.0.0.1:${await freePort()}`, logger, commandTimeoutMs: 200 });
    caches.push(cache);
    const plugin = cache.cachePlugin('p');

    await plugin.afterCacheAccess(new TokenCacheContext(fakeMsalCache('{"AccessToken":{"a":{}}}').cache, true));
    const read = fakeMsalCache();
    await plugin.beforeCacheAccess(new TokenCacheContext(read.cache, false));
    expect(await cache.runExclusive('p.lock.s', async () => 42)).toBe(42);

    expect(read.loaded).toEqual(['{"AccessToken":{"a":{}}}']); // served by the memory fallback
    expect(cache.fallbacks).toBe(3);
    expect(logger.records.filter((record) => record.level === 'warn')).toHaveLength(1);
  });

  it('requires a url or a client, and says so', () => {
    expect(() => new RedisTokenCache({})).toThrow(/needs `url`/);
  });
});
