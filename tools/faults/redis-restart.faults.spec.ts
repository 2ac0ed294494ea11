/**
 * Fault: the worker's Redis token cache is killed and restarted while the worker calls protected-api through the
 * gateway. Tokens live 6 s here, so the worker refreshes through the cache (Redis lock, read, write) every few seconds
 * and Redis is really in use when it dies. Zero failed calls: the cache falls back to memory while Redis is away and
 * goes back to it after the restart. A private redis-server on a free port, never the machine's Redis.
 */
import Redis from 'ioredis';
import { partitionKey } from '@stack/token-cache';
import { defaultRegistrations, skipWithoutRedisServer, startRedisServer, type RedisServer } from '@stack/testing';
import { startFaultStack, waitFor, type FaultStack } from './fault-stack';

const TOKEN_LIFETIME_SECONDS = 6;
const blobKey = partitionKey(defaultRegistrations.clients.apiClient.appId, defaultRegistrations.tenantId);

// Without redis-server: CI must fail (startRedisServer throws the install hint); a developer machine skips, loudly.
const describeRedis = skipWithoutRedisServer('the Redis fault test') ? describe.skip : describe;

describeRedis('fault: Redis killed and restarted under worker load', () => {
  let redis: RedisServer;
  let inspector: Redis;
  let faults: FaultStack;

  /** Whether the worker's token cache blob is in Redis (false while Redis is down). */
  const blobInRedis = async () => (await inspector.exists(blobKey).catch(() => 0)) === 1;

  beforeAll(async () => {
    redis = await startRedisServer();
    inspector = new Redis(redis.url, { maxRetriesPerRequest: 0, retryStrategy: () => 100 });
    inspector.on('error', () => undefined); // it sees the kill too
    faults = await startFaultStack({
      env: { REDIS_URL: redis.url, IDENTITY_TOKEN_LIFETIME_SECONDS: String(TOKEN_LIFETIME_SECONDS) },
    });
  }, 90_000);

  afterAll(async () => {
    await faults?.dispose();
    inspector?.disconnect();
    await redis?.stop();
  });

  it('the worker makes every call while Redis is away, and uses Redis again once it is back', async () => {
    // Warm: the worker has refreshed its token through Redis at least once.
    const warm = await waitFor(
      'a token refresh through Redis',
      async () => ({ health: await faults.workerHealth(), blob: await blobInRedis() }),
      ({ health, blob }) => blob && health.tokens.tokenRequests >= 2,
    );

    await redis.kill();
    // Two refreshes while Redis is dead: each goes to the identity service through the memory fallback.
    const down = await waitFor(
      'token refreshes without Redis',
      () => faults.workerHealth(),
      (health) => health.tokens.tokenRequests >= warm.health.tokens.tokenRequests + 2,
    );
    expect(down.tokens.fallbacks).toBeGreaterThan(0);

    await redis.restart(); // empty: nothing was persisted
    await waitFor('the worker to write its cache to Redis again', blobInRedis, (blob) => blob);

    const after = await faults.workerHealth();
    expect(after.calls.ok).toBeGreaterThan(down.calls.ok);
    expect(after.calls.failed).toBe(0);
  }, 120_000);

  it('no app logged a secret, a private key, a complete token or a subscription key', async () => {
    expect(await faults.stopAndScanLogs()).toBe('');
  }, 30_000);
});
