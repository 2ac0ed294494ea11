import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import {
  defaultRegistrations,
  skipWithoutRedisServer,
  startIdentity,
  startRedisServer,
  type RedisServer,
  type TestIdentity,
} from '@stack/testing';
import { runWorker } from './run-worker';
import { runCall } from './run-call';
import type { WorkerConfig } from './worker-config';

const { apis, clients, tenantId } = defaultRegistrations;

/**
 * A stand-in API that validates the bearer token against the identity service's JWKS, so the worker is tested with
 * real tokens; the API itself is not the unit under test here (protected-api has its own suite).
 */
interface TestApi {
  url: string;
  server: Server;
  calls: number;
  /** Answer the next N valid calls with this instead of 200. */
  script: { status: number; headers: Record<string, string> }[];
}

async function startTestApi(identity: TestIdentity): Promise<TestApi> {
  const jwks = createRemoteJWKSet(new URL(`${identity.url}/${tenantId}/discovery/v2.0/keys`));
  const api: TestApi = { url: '', server: createServer(), calls: 0, script: [] };
  api.server.on('request', async (req, res) => {
    api.calls += 1;
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    try {
      if (!token) throw new Error('no token');
      await jwtVerify(token, jwks, { audience: apis.apiProxy.appId });
    } catch {
      res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' }).end();
      return;
    }
    const next = api.script.shift();
    res.writeHead(next?.status ?? 200, { 'content-type': 'application/json', ...next?.headers });
    res.end(JSON.stringify({ path: req.url, subscriptionKey: req.headers['ocp-apim-subscription-key'] ?? null }));
  });
  await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
  api.url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
  return api;
}

function configFor(identity: TestIdentity, api: TestApi, overrides: Partial<WorkerConfig> = {}): WorkerConfig {
  return {
    authority: identity.authority(),
    knownAuthorities: identity.knownAuthorities,
    clientId: clients.apiClient.appId,
    credential: { kind: 'secret', clientSecret: clients.apiClient.secret as string },
    scope: apis.apiProxy.scope,
    apiBaseUrl: api.url,
    apiPath: '/resource',
    subscriptionKey: 'test-subscription-key',
    intervalMs: 0,
    maxCalls: 0,
    healthPort: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    ...overrides,
  };
}

describe('worker against the identity service', () => {
  let identity: TestIdentity;
  let api: TestApi;

  beforeAll(async () => {
    identity = await startIdentity();
    api = await startTestApi(identity);
  });
  afterAll(async () => {
    await new Promise((resolve) => api.server.close(resolve));
    await identity.dispose();
  });
  beforeEach(() => {
    identity.resetCounters();
    api.calls = 0;
    api.script = [];
  });

  it('makes 200 calls with one token request, and reports its counters on /health', async () => {
    const worker = await runWorker(configFor(identity, api, { maxCalls: 200 }));
    await worker.loop.done;
    const health = await (await fetch(`http://127.0.0.1:${worker.healthPort}/health`).catch(() => undefined))?.json();
    await worker.stop();

    expect(worker.loop.stats).toMatchObject({ calls: 200, ok: 200, failed: 0 });
    expect(identity.tokenRequestCount({ clientId: clients.apiClient.appId, scope: apis.apiProxy.scope })).toBe(1);
    expect(api.calls).toBe(200);
    expect(health).toMatchObject({ status: 'ok', calls: { calls: 200, ok: 200 }, tokens: { tokenRequests: 1 } });
  });

  it('on 401 invalid_token takes a fresh token and retries once', async () => {
    api.script = [
      { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token", error_description="key rolled"' } },
    ];
    const out = new CaptureStream();
    const code = await runCall(configFor(identity, api), ['GET', '/resource'], out as never);
    expect(code).toBe(0);
    expect(api.calls).toBe(2);
    expect(identity.tokenRequestCount()).toBe(2);
    expect(out.text).toContain('-> 200');
  });

  it('pushes the next call back by the Retry-After of a 429', async () => {
    api.script = [{ status: 429, headers: { 'retry-after': '1' } }];
    const started = Date.now();
    const worker = await runWorker(configFor(identity, api, { maxCalls: 2 }));
    await worker.loop.done;
    await worker.stop();
    expect(worker.loop.stats).toMatchObject({ calls: 2, ok: 1, failed: 1 });
    // Correctness of honouring Retry-After (the server asked for 1 s), not a speed threshold.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('one-shot call prints the response and sends the subscription key', async () => {
    const out = new CaptureStream();
    const code = await runCall(configFor(identity, api), ['get', '/resource'], out as never);
    expect(code).toBe(0);
    expect(out.text).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/resource -> 200/);
    expect(out.text).toContain('"subscriptionKey": "test-subscription-key"');
    expect(out.text).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // never prints the token
  });

  it('one-shot call explains its usage', async () => {
    const out = new CaptureStream();
    expect(await runCall(configFor(identity, api), ['GET'], out as never)).toBe(2);
    expect(out.text).toContain('Usage: npm run call -- <METHOD> </path> [body]');
  });
});

const describeRedis = skipWithoutRedisServer('worker replicas sharing Redis') ? describe.skip : describe;

describeRedis('two workers sharing a real redis-server', () => {
  let identity: TestIdentity;
  let api: TestApi;
  let redis: RedisServer;

  beforeAll(async () => {
    [identity, redis] = await Promise.all([startIdentity(), startRedisServer()]);
    api = await startTestApi(identity);
  });
  afterAll(async () => {
    await new Promise((resolve) => api.server.close(resolve));
    await Promise.all([identity.dispose(), redis.stop()]);
  });

  it('make one token request between them', async () => {
    const config = configFor(identity, api, { maxCalls: 50, redisUrl: redis.url });
    const workers = await Promise.all([runWorker(config), runWorker(config)]);
    await Promise.all(workers.map((worker) => worker.loop.done));
    await Promise.all(workers.map((worker) => worker.stop()));

    for (const worker of workers) expect(worker.loop.stats).toMatchObject({ calls: 50, ok: 50, failed: 0 });
    expect(identity.tokenRequestCount({ clientId: clients.apiClient.appId, scope: apis.apiProxy.scope })).toBe(1);
  });
});

class CaptureStream {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}
