/**
 * The whole stack as a user runs it: every app built by Nx and started as its own process on free ports, wired by the
 * same launcher and local defaults as `npm start`. The worker calls protected-api through the gateway with
 * client-credentials tokens and the worker subscription's key.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  clientCredentialsToken,
  defaultRegistrations,
  describeSecretFindings,
  scanLogsForSecrets,
  stackSecrets,
  trustDevCa,
} from '@stack/testing';
import { freePortsEnv } from './free-ports-env';
import { localStackEnv } from './local-env';
import { devCaPath, startStack, type Stack } from './stack';

const { apis, clients } = defaultRegistrations;

describe('the stack, one process per app', () => {
  let stack: Stack;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const logs: string[] = [];
  const url = (name: string) => stack.services.find((s) => s.spec.name === name)?.url as string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stack-e2e-'));
    env = localStackEnv({
      ...process.env,
      ...(await freePortsEnv()),
      IDENTITY_DATA_DIR: dataDir,
      WORKER_INTERVAL_MS: '5',
      // Everything the apps log, so the secret scan at the end sees every line they can write.
      LOG_LEVEL: 'debug',
      NODE_ENV: 'development',
    });
    stack = await startStack({ env, onLine: (service, line) => logs.push(`${service.name} | ${line}`) });
    trustDevCa(await readFile(devCaPath(env), 'utf8'));
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('the worker makes 200 calls and the identity service sees exactly one token request for it', async () => {
    type WorkerHealth = { calls: { calls: number; ok: number; failed: number }; tokens: { tokenRequests: number } };
    let health: WorkerHealth;
    do {
      await new Promise((resolve) => setTimeout(resolve, 250));
      health = (await (await fetch(`${url('worker')}/health`)).json()) as WorkerHealth;
    } while (health.calls.calls < 200);

    const query = new URLSearchParams({ clientId: clients.apiClient.appId, scope: apis.apiProxy.scope });
    const metrics = (await (await fetch(`${url('identity')}/admin/metrics?${query}`)).json()) as {
      tokenRequests: number;
    };

    expect(health.calls.failed).toBe(0);
    expect(health.calls.ok).toBe(health.calls.calls);
    expect(metrics.tokenRequests).toBe(1);
    expect(health.tokens.tokenRequests).toBe(1);
  }, 60_000);

  /** A client-credentials token for the default client, as the worker gets it. */
  const clientToken = () =>
    clientCredentialsToken(
      { url: url('identity'), tenantId: defaultRegistrations.tenantId },
      clients.apiClient,
      apis.apiProxy.scope,
    );

  it("the gateway answers a call without a subscription key with APIM's 401 body", async () => {
    const response = await fetch(`${url('gateway')}/protected/resource`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { message: string }).message).toMatch(
      /^Access denied due to missing subscription key/,
    );
  });

  it('protected-api killed during calls: the gateway answers 502 at once, and recovers when it is back', async () => {
    const token = await clientToken();
    const call = () =>
      fetch(`${url('gateway')}/protected/resource`, {
        headers: {
          authorization: `Bearer ${token}`,
          'ocp-apim-subscription-key': env['WORKER_SUBSCRIPTION_KEY'] as string,
        },
      });
    expect((await call()).status).toBe(200);
    const gatewayPid = stack.services.find((s) => s.spec.name === 'gateway')?.process.pid;

    await stack.kill('protected-api');
    const down = await call();
    expect(down.status).toBe(502);
    expect(await down.json()).toEqual({
      statusCode: 502,
      message: expect.stringMatching(/^Bad gateway: the backend http:\/\/localhost:\d+ refused the connection/),
    });

    await stack.restart('protected-api');
    expect((await call()).status).toBe(200);
    expect(stack.services.find((s) => s.spec.name === 'gateway')?.process.pid).toBe(gatewayPid);
  }, 60_000);

  it('protected-api answers a call without a token with a bare Bearer challenge', async () => {
    const response = await fetch(`${url('protected-api')}/resource`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('echo-api echoes', async () => {
    const response = await fetch(`${url('echo-api')}/api/resource?param1=sample`);
    expect(response.status).toBe(200);
  });

  // Last: stops the stack first, so shutdown lines are scanned too. Every line each app wrote (stdout and stderr).
  it('no service logged a client secret, a private key, a complete token or a subscription key', async () => {
    await stack.stop();
    const findings = scanLogsForSecrets(logs, { secrets: stackSecrets(env) });
    expect(logs.length).toBeGreaterThan(0);
    expect(describeSecretFindings(findings)).toBe('');
  });
});
