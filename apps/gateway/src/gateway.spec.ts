import { defaultRegistrations, mintToken, testSigningKey } from '@stack/testing';
import { INVALID_KEY_MESSAGE, MISSING_KEY_MESSAGE } from '@stack/apim-policy';
import { startGatewayTestKit, type GatewayTestKit } from './testing/gateway-test-kit';

/**
 * The gateway with the default config/gateway/ (the original write-up's setup) over real HTTP: the real identity
 * service issues the tokens, two loopback echo backends stand in for echo-api and protected-api.
 */
const { apiClient, noRoleClient } = defaultRegistrations.clients;
const { legacyApi } = defaultRegistrations.apis;
const WORKER_KEY = 'dev-only-worker-primary-key';
const STARTER_KEY = 'dev-only-starter-primary-key';

describe('gateway with the default configuration', () => {
  let kit: GatewayTestKit;
  let token: string;
  let noRoleToken: string;

  beforeAll(async () => {
    kit = await startGatewayTestKit();
    token = await kit.tokenFor(apiClient);
    noRoleToken = await kit.tokenFor(noRoleClient);
  }, 60_000);
  afterAll(() => kit?.close());

  const call = (path: string, init: { method?: string; token?: string; key?: string; body?: string } = {}) =>
    fetch(`${kit.gateway.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.key ? { 'ocp-apim-subscription-key': init.key } : {}),
      },
      body: init.body,
    });

  it('forwards a call with a valid token and key to the Echo API backend, token and client address included', async () => {
    const response = await call('/echo/resource?param1=sample', { token, key: WORKER_KEY });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const received = (await response.json()) as { method: string; url: string; headers: Record<string, string> };
    expect(received).toMatchObject({ method: 'GET', url: '/api/resource?param1=sample' });
    expect(received.headers['authorization']).toBe(`Bearer ${token}`);
    expect(received.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(received.headers['x-forwarded-host']).toBe(new URL(kit.gateway.url).host);
  });

  it("answers APIM's 401 bodies for a missing or invalid subscription key, before any policy", async () => {
    const missing = await call('/echo/resource', { token });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await missing.json()).toEqual({ statusCode: 401, message: MISSING_KEY_MESSAGE });

    const invalid = await call('/echo/resource', { token, key: 'not-a-key' });
    expect(await invalid.json()).toEqual({ statusCode: 401, message: INVALID_KEY_MESSAGE });
  });

  it('takes the key from the subscription-key query parameter too', async () => {
    const response = await call(`/echo/resource?subscription-key=${WORKER_KEY}`, { token });
    expect(response.status).toBe(200);
  });

  it("answers the write-up's validate-jwt message without a token or with another API's token", async () => {
    const body = { statusCode: 401, message: 'Unauthorized. Access token is missing or invalid.' };
    const none = await call('/echo/resource', { key: WORKER_KEY });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBeNull();
    expect(await none.json()).toEqual(body);

    const otherApi = await kit.tokenFor(apiClient, legacyApi.scope);
    expect(await (await call('/echo/resource', { key: WORKER_KEY, token: otherApi })).json()).toEqual(body);

    const forged = await mintToken({
      key: await testSigningKey(),
      claims: { aud: defaultRegistrations.apis.apiProxy.appId },
    });
    expect((await call('/echo/resource', { key: WORKER_KEY, token: forged })).status).toBe(401);
  });

  it('lets a client without app roles read, but its write gets 403 from the operation policy with the reason', async () => {
    expect((await call('/echo/resource', { token: noRoleToken, key: WORKER_KEY })).status).toBe(200);

    const write = await call('/echo/resource', { method: 'POST', token: noRoleToken, key: WORKER_KEY, body: '{}' });
    expect(write.status).toBe(403);
    expect(await write.json()).toEqual({
      statusCode: 403,
      message: 'JWT token is missing the following claims: roles. Access denied.',
    });

    const allowed = await call('/echo/resource', { method: 'POST', token, key: WORKER_KEY, body: '{"a":1}' });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toMatchObject({ method: 'POST', body: '{"a":1}' });
  });

  it("answers the write-up's test operation itself, before validate-jwt, without calling the backend", async () => {
    const before = kit.echoApi.received.length;
    const response = await call('/echo/status', { key: WORKER_KEY });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"status":"200","message":"OK"}');
    expect(kit.echoApi.received.length).toBe(before);
  });

  it('limits the Starter product to 5 calls a minute, with Retry-After', async () => {
    const statuses: number[] = [];
    const remaining: Array<string | null> = [];
    let limited: Response | undefined;
    for (let i = 0; i < 6; i += 1) {
      // Not /echo/status: its return-response comes before <base />, so the product's rate-limit never runs there.
      const response = await call('/echo/resource', { token, key: STARTER_KEY });
      statuses.push(response.status);
      remaining.push(response.headers.get('x-ratelimit-remaining'));
      if (response.status === 429) limited = response;
      else await response.text();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // remaining-calls-header-name in policies/products/starter.xml
    expect(remaining.slice(0, 5)).toEqual(['4', '3', '2', '1', '0']);
    const retryAfter = Number(limited?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await limited?.json()).toEqual({
      statusCode: 429,
      message: `Rate limit is exceeded. Try again in ${retryAfter} seconds.`,
    });
    // The worker's Unlimited subscription is not limited.
    expect((await call('/echo/resource', { token, key: WORKER_KEY })).status).toBe(200);
  });

  it('validates protected-api calls with validate-azure-ad-token and forwards the token for the backend to check again', async () => {
    const response = await call('/protected/resource', { token, key: WORKER_KEY });
    expect(response.status).toBe(200);
    const received = (await response.json()) as { url: string; headers: Record<string, string> };
    expect(received.url).toBe('/resource');
    expect(received.headers['authorization']).toBe(`Bearer ${token}`);

    const v1 = await kit.tokenFor(apiClient, legacyApi.scope);
    const denied = await call('/protected/resource', { token: v1, key: WORKER_KEY });
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ statusCode: 401, message: 'Audience validation failed. Access denied.' });
  });

  it('answers 404 "Resource not found" for paths and methods no API publishes', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['PATCH', '/echo/resource'],
      ['GET', '/echo/resource/extra'],
    ]) {
      const response = await call(path, { method, key: WORKER_KEY });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ statusCode: 404, message: 'Resource not found' });
    }
  });

  it('answers odd request targets and hosts with 404, never a 500', async () => {
    const { request } = await import('node:http');
    const raw = (path: string, host: string) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(kit.gateway.url);
        request({ host: url.hostname, port: url.port, path, headers: { host } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    expect(await raw('//echo/resource', 'localhost')).toBe(404);
    expect(await raw('/echo/%E0%A4%A', 'localhost')).toBe(404);
    expect(await raw('/echo/resource', 'bad host name')).toBe(401);
  });

  it('never logs the token or the subscription key', () => {
    const text = kit.logs.join('\n');
    expect(text).toContain('"msg":"request"');
    expect(text).not.toContain(token.split('.')[2]);
    expect(text).not.toContain(WORKER_KEY);
    expect(text).not.toContain(STARTER_KEY);
  });
});
