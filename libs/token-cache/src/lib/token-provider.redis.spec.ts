import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Redis from 'ioredis';
import {
  defaultRegistrations,
  startIdentity,
  skipWithoutRedisServer,
  startRedisServer,
  type RedisServer,
  type TestIdentity,
} from '@stack/testing';
import { RedisTokenCache } from './cache/redis-token-cache';
import { partitionKey } from './cache/token-cache-store';
import { recordingLogger } from './recording-logger.fixture';
import type { ReplicaConfig, ReplicaReport } from './replica-process.fixture';
import { TokenProvider, type TokenProviderOptions } from './token-provider';

const { apiClient } = defaultRegistrations.clients;
const { apiProxy, legacyApi } = defaultRegistrations.apis;

// Without redis-server: CI must fail (startRedisServer throws the install hint); a developer machine skips, loudly.
const describeRedis = skipWithoutRedisServer('Redis token cache tests') ? describe.skip : describe;

describeRedis('TokenProvider with a RedisTokenCache (real redis-server started by the test)', () => {
  let identity: TestIdentity;
  let redis: RedisServer;
  let inspector: Redis;
  const closers: Array<() => Promise<void>> = [];

  function replica(options: Partial<TokenProviderOptions> = {}, cacheLogger = recordingLogger()) {
    const cache = new RedisTokenCache({ url: redis.url, logger: cacheLogger });
    const tokens = new TokenProvider({
      authority: identity.authority(),
      clientId: apiClient.appId,
      credential: { clientSecret: apiClient.secret as string },
      cache,
      logger: recordingLogger(),
      ...options,
    });
    closers.push(
      () => tokens.close(),
      () => cache.close(),
    );
    return { tokens, cache, cacheLogger };
  }

  const issued = (scope: string) => identity.tokenRequestCount({ clientId: apiClient.appId, scope });
  const blobKey = partitionKey(apiClient.appId, defaultRegistrations.tenantId);

  beforeAll(async () => {
    [identity, redis] = await Promise.all([startIdentity(), startRedisServer()]);
    inspector = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    inspector.on('error', () => undefined); // it sees the kill too
  });
  beforeEach(async () => {
    if (inspector.status !== 'ready') await inspector.connect().catch(() => undefined);
    await inspector.flushall();
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    identity.resetCounters();
  });
  afterAll(async () => {
    await inspector?.quit().catch(() => inspector.disconnect());
    await redis?.stop();
    await identity?.dispose();
  });

  it('two replicas (separate msal instances and connections) calling at once make one token request between them', async () => {
    const [one, two] = [replica(), replica()];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? one : two).tokens.getToken(apiProxy.scope)),
    );

    expect(issued(apiProxy.scope)).toBe(1);
    expect(new Set(results.map((result) => result.accessToken)).size).toBe(1);
    const counters = [one.tokens.counters(), two.tokens.counters()];
    expect(counters.map((c) => c.tokenRequests).sort()).toEqual([0, 1]);
    expect(counters.map((c) => c.sharedCacheHits).sort()).toEqual([0, 1]);
    // The blob is keyed <clientId>.<tenantId>, as in Microsoft's sample, and expires with its tokens.
    const ttl = await inspector.pttl(blobKey);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual((3599 + 61) * 1000);
  });

  it('two worker processes sharing the Redis make one token request between them', async () => {
    const config: ReplicaConfig = {
      authority: identity.authority(),
      clientId: apiClient.appId,
      clientSecret: apiClient.secret as string,
      scope: apiProxy.scope,
      redisUrl: redis.url,
      calls: 20,
    };
    const children = [forkReplica(identity.caCertPath), forkReplica(identity.caCertPath)];
    try {
      await Promise.all(children.map((child) => nextMessage(child, config)));
      const reports = (await Promise.all(children.map((child) => nextMessage(child, 'go')))) as ReplicaReport[];

      expect(reports).toEqual([expect.objectContaining({ ok: true }), expect.objectContaining({ ok: true })]);
      const ok = reports.filter((report): report is Extract<ReplicaReport, { ok: true }> => report.ok);
      expect(ok.map((report) => report.tokenRequests).sort()).toEqual([0, 1]);
      expect(new Set(ok.flatMap((report) => report.tokenHashes)).size).toBe(1);
      expect(issued(apiProxy.scope)).toBe(1);
    } finally {
      for (const child of children) child.kill();
    }
  }, 60_000);

  it('keeps every call working while Redis is killed (fallback to memory, logged once) and returns to Redis after a restart', async () => {
    const { tokens, cache, cacheLogger } = replica();
    await tokens.getToken(apiProxy.scope);
    expect(await inspector.exists(blobKey)).toBe(1);

    // Each round forgets the token, so every call goes through the cache store and the lock, not the provider's memory.
    const failures: unknown[] = [];
    const round = async (scope: string) => {
      tokens.invalidate(scope);
      await tokens.getToken(scope).catch((error: unknown) => failures.push(error));
    };
    const calls: Promise<void>[] = [];
    for (let i = 0; i < 30; i += 1) {
      if (i === 10) calls.push(redis.kill()); // killed while calls are in flight
      calls.push(round(i % 2 === 0 ? apiProxy.scope : legacyApi.scope));
      if (i % 3 === 0) await Promise.all(calls.splice(0));
    }
    await Promise.all(calls);

    expect(failures).toEqual([]);
    expect(cache.fallbacks).toBeGreaterThan(0);
    expect(tokens.counters().fallbacks).toBe(cache.fallbacks);
    const unavailable = cacheLogger.records.filter((record) => /unavailable/.test(record.message));
    expect(unavailable).toHaveLength(1);
    expect(unavailable[0].level).toBe('warn');

    await redis.restart();
    await inspector.connect().catch(() => undefined);
    // ioredis reconnects on its own; the provider writes to Redis again once it has.
    while ((await inspector.exists(blobKey)) === 0) {
      await round(apiProxy.scope);
      if (failures.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(failures).toEqual([]);
    expect(cacheLogger.records.filter((record) => /is back; using it again/.test(record.message))).toHaveLength(1);
    const fallbacksAfterReturn = cache.fallbacks;
    await round(legacyApi.scope);
    expect(cache.fallbacks).toBe(fallbacksAfterReturn);
  });

  it('never writes a secret or a token to its logs', async () => {
    const { tokens, cacheLogger } = replica();
    const providerLogger = recordingLogger();
    const wrongSecret = new TokenProvider({
      authority: identity.authority(),
      clientId: apiClient.appId,
      credential: { clientSecret: 'wrong-secret-value' },
      logger: providerLogger,
    });
    closers.push(() => wrongSecret.close());
    const { accessToken } = await tokens.getToken(apiProxy.scope);
    await wrongSecret.getToken(apiProxy.scope).catch(() => undefined);
    await redis.kill();
    tokens.invalidate(apiProxy.scope);
    await tokens.getToken(apiProxy.scope);
    await redis.restart();

    const logged = JSON.stringify([...cacheLogger.records, ...providerLogger.records]);
    expect(logged).not.toContain(accessToken);
    expect(logged).not.toContain(apiClient.secret as string);
    expect(logged).not.toContain('wrong-secret-value');
  });
});

function forkReplica(caCertPath: string): ChildProcess {
  return fork(join(__dirname, 'replica-process.fixture.ts'), [], {
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caCertPath },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Sends `message` to the child and resolves with its next message (or rejects when it exits first). */
function nextMessage(child: ChildProcess, message: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`replica process exited with code ${code} before answering`));
    child.once('exit', onExit);
    child.once('message', (answer) => {
      child.off('exit', onExit);
      resolve(answer);
    });
    child.send(message as object);
  });
}
