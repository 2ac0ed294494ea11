import { skipWithoutRedisServer, startRedisServer, type RedisServer } from '@stack/testing';
import { startGateway, type RunningGateway } from '../app/gateway';
import { createGatewayLogger } from '../app/logger';
import { loadGatewayEnv } from '../config/gateway-env';
import { startEchoBackend, type EchoBackend } from '../testing/echo-backend';
import { inboundPolicy, writeExampleGatewayConfig, type WrittenGatewayConfig } from '../testing/example-gateway-config';

// Without redis-server: CI must fail (startRedisServer throws the install hint); a developer machine skips, loudly.
const describeRedis = skipWithoutRedisServer('RedisQuotaStore tests') ? describe.skip : describe;

describeRedis('two gateways sharing quota counters in Redis (GATEWAY_QUOTA_REDIS_URL)', () => {
  let redis: RedisServer;
  let echo: EchoBackend;
  let config: WrittenGatewayConfig;
  const gateways: RunningGateway[] = [];

  const start = async (redisUrl: string) => {
    const processEnv = {
      GATEWAY_PORT: '0',
      GATEWAY_CONFIG_DIR: config.dir,
      GATEWAY_ECHO_API_URL: `${echo.url}/api`,
      GATEWAY_QUOTA_REDIS_URL: redisUrl,
    };
    const gateway = await startGateway({
      env: loadGatewayEnv(processEnv),
      processEnv,
      logger: createGatewayLogger('silent'),
      nestLogger: false,
    });
    gateways.push(gateway);
    return gateway;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    echo = await startEchoBackend();
    config = await writeExampleGatewayConfig({
      apis: [
        {
          id: 'metered',
          policy: inboundPolicy(
            '<quota-by-key calls="3" renewal-period="3600" counter-key="@(context.Request.Headers.GetValueOrDefault(&quot;X-Tenant&quot;, &quot;none&quot;))" />',
          ),
        },
      ],
    });
  });

  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await echo?.close();
    await config?.remove();
    await redis?.stop();
  });

  it('counts one quota across both processes: the fourth call is refused whichever gateway gets it', async () => {
    const [first, second] = [await start(redis.url), await start(redis.url)];
    const call = async (gateway: RunningGateway, tenant: string) => {
      const response = await fetch(`${gateway.url}/metered/resource`, { headers: { 'X-Tenant': tenant } });
      const body = await response.text();
      return { status: response.status, headers: response.headers, json: () => JSON.parse(body) as unknown };
    };

    expect((await call(first, 'contoso')).status).toBe(200);
    expect((await call(second, 'contoso')).status).toBe(200);
    expect((await call(first, 'contoso')).status).toBe(200);
    const refused = await call(second, 'contoso');
    expect(refused.status).toBe(403);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((refused.json() as { message: string }).message).toMatch(
      /^Out of call volume quota\. Quota will be replenished in \d\d:\d\d:\d\d\.$/,
    );
    expect((await call(first, 'contoso')).status).toBe(403);
    // Another key has its own counter.
    expect((await call(second, 'fabrikam')).status).toBe(200);
  });

  it('does not start when the configured Redis cannot be reached', async () => {
    const unreachable = redis.url.replace(/:(\d+)$/, ':1');
    await expect(start(unreachable)).rejects.toThrow('cannot reach the quota Redis');
  }, 15_000);
});
