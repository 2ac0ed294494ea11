import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { skipWithoutRedisServer, startRedisServer, type RedisServer } from '@stack/testing';
import { startGateway, type RunningGateway } from '../app/gateway';
import { createGatewayLogger } from '../app/logger';
import { loadGatewayEnv } from '../config/gateway-env';
import { startEchoBackend, type EchoBackend } from '../testing/echo-backend';
import { writeExampleGatewayConfig, type WrittenGatewayConfig } from '../testing/example-gateway-config';

/**
 * The integration, caching and telemetry policies in the real gateway over HTTP: send-request to a
 * loopback service through the undici client, a cache-lookup hit the backend never sees (in memory,
 * and in Redis shared by two gateways), and trace lines in the log and the telemetry file.
 */
const POLICY = `<policies>
  <inbound>
    <cache-lookup vary-by-developer="false" vary-by-developer-groups="false" />
    <choose>
      <when condition="@(context.Request.Headers.GetValueOrDefault(&quot;X-Side&quot;, &quot;&quot;) == &quot;yes&quot;)">
        <send-request mode="new" response-variable-name="side" timeout="5">
          <set-url>{{side-url}}/lookup</set-url>
          <set-method>POST</set-method>
          <set-header name="X-Asked-By" exists-action="override"><value>gateway</value></set-header>
          <set-body>@("asked for " + context.Request.Url.Path)</set-body>
        </send-request>
        <return-response response-variable-name="side" />
      </when>
    </choose>
    <trace source="e2e" severity="information"><message>@("inbound " + context.Request.Method)</message></trace>
  </inbound>
  <backend><forward-request timeout="10" /></backend>
  <outbound><cache-store duration="60" /></outbound>
</policies>`;

interface Running {
  readonly gateway: RunningGateway;
  readonly logs: string[];
}

async function start(
  config: WrittenGatewayConfig,
  backend: EchoBackend,
  side: EchoBackend,
  env: NodeJS.ProcessEnv = {},
): Promise<Running> {
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const processEnv: NodeJS.ProcessEnv = {
    GATEWAY_PORT: '0',
    GATEWAY_CONFIG_DIR: config.dir,
    GATEWAY_ECHO_API_URL: `${backend.url}/api`,
    SIDE_URL: side.url,
    ...env,
  };
  const gateway = await startGateway({
    env: loadGatewayEnv(processEnv),
    processEnv,
    logger: createGatewayLogger('info', destination),
    nestLogger: false,
  });
  return { gateway, logs };
}

describe('integration and caching policies in the gateway', () => {
  let backend: EchoBackend;
  let side: EchoBackend;
  let config: WrittenGatewayConfig;
  const telemetryFile = join(tmpdir(), `gateway-telemetry-${process.pid}.jsonl`);

  beforeAll(async () => {
    backend = await startEchoBackend();
    side = await startEchoBackend();
    config = await writeExampleGatewayConfig({
      apis: [{ id: 'cached', policy: POLICY }],
      namedValues: { 'side-url': { env: 'SIDE_URL' } },
    });
  });
  afterAll(async () => {
    await Promise.all([backend.close(), side.close(), config.remove(), rm(telemetryFile, { force: true })]);
  });

  describe('with the in-memory cache', () => {
    let running: Running;
    beforeAll(async () => {
      running = await start(config, backend, side, { GATEWAY_TELEMETRY_FILE: telemetryFile });
    });
    afterAll(() => running.gateway.close());

    it('send-request calls the loopback service and return-response hands its answer back', async () => {
      const response = await fetch(`${running.gateway.url}/cached/resource`, {
        method: 'POST',
        headers: { 'X-Side': 'yes' },
      });
      expect(response.status).toBe(200);
      const echoed = (await response.json()) as {
        method: string;
        url: string;
        headers: Record<string, string>;
        body: string;
      };
      expect(echoed).toMatchObject({ method: 'POST', url: '/lookup', body: 'asked for /api/resource' });
      expect(echoed.headers['x-asked-by']).toBe('gateway');
      expect(side.received).toHaveLength(1);
    });

    it('answers a repeated GET from the cache: the backend sees it once', async () => {
      const before = backend.received.length;
      const first = await fetch(`${running.gateway.url}/cached/resource?n=1`);
      const second = await fetch(`${running.gateway.url}/cached/resource?n=1`);
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(await second.text()).toBe(await first.text());
      expect(backend.received.length - before).toBe(1);
    });

    it('writes trace entries to the log and the telemetry file', async () => {
      await fetch(`${running.gateway.url}/cached/resource?n=trace`);
      const logged = running.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(logged).toContainEqual(
        expect.objectContaining({
          policyTelemetry: 'trace',
          source: 'e2e',
          severity: 'information',
          message: 'inbound GET',
        }),
      );
      // The file is written through a stream: read it until the line is there.
      let lines: Array<Record<string, unknown>> = [];
      for (let attempt = 0; attempt < 50 && !lines.some((line) => line['source'] === 'e2e'); attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const text = await readFile(telemetryFile, 'utf8').catch(() => '');
        lines = text
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as Record<string, unknown>);
      }
      expect(lines).toContainEqual(expect.objectContaining({ kind: 'trace', source: 'e2e', message: 'inbound GET' }));
    });
  });

  const redisSkip = skipWithoutRedisServer('the Redis policy cache spec');
  (redisSkip ? describe.skip : describe)('with Redis as the external cache', () => {
    let redis: RedisServer;
    let first: Running;
    let second: Running;
    beforeAll(async () => {
      redis = await startRedisServer();
      first = await start(config, backend, side, { GATEWAY_CACHE_REDIS_URL: redis.url });
      second = await start(config, backend, side, { GATEWAY_CACHE_REDIS_URL: redis.url });
    });
    afterAll(async () => {
      await Promise.all([first.gateway.close(), second.gateway.close()]);
      await redis.stop();
    });

    it('shares cached answers between gateways', async () => {
      const before = backend.received.length;
      const stored = await fetch(`${first.gateway.url}/cached/resource?shared=1`);
      expect(stored.status).toBe(200);
      const text = await stored.text();
      // cache-store writes before the answer leaves the first gateway, so the second one finds it.
      const hit = await fetch(`${second.gateway.url}/cached/resource?shared=1`);
      expect(await hit.text()).toBe(text);
      expect(backend.received.length - before).toBe(1);
    });

    it('keeps the gateway answering while Redis is down (lookups miss)', async () => {
      await redis.kill();
      const before = backend.received.length;
      const response = await fetch(`${first.gateway.url}/cached/resource?down=1`);
      expect(response.status).toBe(200);
      expect(backend.received.length - before).toBe(1);
      await redis.restart();
    });
  });
});
