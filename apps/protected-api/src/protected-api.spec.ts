import {
  clientCredentialsToken,
  defaultRegistrations,
  mintToken,
  startIdentity,
  type TestIdentity,
} from '@stack/testing';
import { startProtectedApi, type RunningProtectedApi } from './app/protected-api';
import { loadProtectedApiConfig } from './config/protected-api-config';

/**
 * protected-api over real HTTP against the real identity service (in-process, HTTPS with its dev CA):
 * once configured for the v2 API (ago-apiproxy-oauth-app) and once for the v1 API (ago-legacyapi-oauth-app).
 */
const { apiProxy, legacyApi } = defaultRegistrations.apis;
const { apiClient, noRoleClient } = defaultRegistrations.clients;

type Api = typeof apiProxy | typeof legacyApi;
type Client = typeof apiClient;

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  reasons?: { code: string; claim?: string; hint?: string }[];
}

describe('protected-api against the local identity service', () => {
  let identity: TestIdentity;
  let v2Api: RunningProtectedApi;
  let v1Api: RunningProtectedApi;

  function start(api: Api): Promise<RunningProtectedApi> {
    const config = loadProtectedApiConfig({
      PROTECTED_API_PORT: '0',
      AUTH_TENANT_ID: identity.tenantId,
      AUTH_AUTHORITY_HOST: identity.url,
      AUTH_API_APP_ID: api.appId,
      AUTH_APP_ID_URIS: api.appIdUri,
      // No cooldown so the outage test can ask for an unknown kid right away.
      AUTH_KEY_COOLDOWN_SECONDS: '0',
    });
    return startProtectedApi(config, { logger: false });
  }

  /** A client-credentials token, fetched the way a daemon would (form POST to the v2 token endpoint). */
  const tokenFor = (client: Client, api: Api) => clientCredentialsToken(identity, client, api.scope);

  function get(api: RunningProtectedApi, path: string, token?: string): Promise<Response> {
    return fetch(`${api.url}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  }

  function claimsOf(token: string): Record<string, unknown> {
    return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
  }

  beforeAll(async () => {
    identity = await startIdentity();
    [v2Api, v1Api] = await Promise.all([start(apiProxy), start(legacyApi)]);
  });
  afterAll(async () => {
    await Promise.all([v2Api?.close(), v1Api?.close()]);
    await identity?.dispose();
  });

  describe('configured for the v2 API', () => {
    it('is live and ready once the signing keys are loaded', async () => {
      expect((await get(v2Api, '/health/live')).status).toBe(200);
      const ready = await get(v2Api, '/health/ready');
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'ok',
        info: { signingKeys: { status: 'up' } },
      });
    });

    it('lets the client with both roles read and write', async () => {
      const token = await tokenFor(apiClient, apiProxy);
      const read = await get(v2Api, '/resource?param1=sample', token);
      expect(read.status).toBe(200);
      expect(await read.json()).toMatchObject({
        method: 'GET',
        path: '/resource',
        query: { param1: 'sample' },
        caller: { clientId: apiClient.appId, tokenVersion: '2.0' },
      });

      const sent = { vehicleType: 'train', maxSpeed: 125 };
      for (const method of ['POST', 'PUT', 'DELETE']) {
        const write = await fetch(`${v2Api.url}/resource`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
          },
          body: method === 'DELETE' ? undefined : JSON.stringify(sent),
        });
        expect(write.status).toBe(method === 'POST' ? 201 : 200);
        expect(await write.json()).toMatchObject({
          method,
          body: method === 'DELETE' ? null : sent,
        });
      }
    });

    it('answers HEAD /resource for readers, and echoes non-JSON bodies as text', async () => {
      const token = await tokenFor(apiClient, apiProxy);
      expect(
        (
          await fetch(`${v2Api.url}/resource`, {
            method: 'HEAD',
            headers: { authorization: `Bearer ${token}` },
          })
        ).status,
      ).toBe(200);
      expect((await fetch(`${v2Api.url}/resource`, { method: 'HEAD' })).status).toBe(401);
      const xml = await fetch(`${v2Api.url}/resource`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/xml',
        },
        body: '<vehicle>train</vehicle>',
      });
      expect(xml.status).toBe(201);
      expect(await xml.json()).toMatchObject({
        body: '<vehicle>train</vehicle>',
      });
    });

    it('answers 400, not 500, to a malformed JSON body', async () => {
      const response = await fetch(`${v2Api.url}/resource`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await tokenFor(apiClient, apiProxy)}`,
          'content-type': 'application/json',
        },
        body: '{"broken"',
      });
      expect(response.status).toBe(400);
    });

    it('tells who called on GET /me', async () => {
      const response = await get(v2Api, '/me', await tokenFor(apiClient, apiProxy));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        kind: 'app',
        clientId: apiClient.appId,
        tokenVersion: '2.0',
        roles: expect.arrayContaining(['Echo.Read', 'Echo.Write']),
        scopes: [],
        tenantId: identity.tenantId,
        objectId: apiClient.objectId,
      });
    });

    it('answers 403 insufficient_scope to the client without a role', async () => {
      const response = await get(v2Api, '/resource', await tokenFor(noRoleClient, apiProxy));
      expect(response.status).toBe(403);
      expect(response.headers.get('www-authenticate')).toBe(
        'Bearer error="insufficient_scope", error_description="This is an app token (client credentials): it carries ' +
          'neither roles nor scp; the route accepts the app role Echo.Read or the delegated scope Echo.Read.User", ' +
          'scope="Echo.Read Echo.Read.User"',
      );
      const body = (await response.json()) as ErrorBody;
      expect(body).toMatchObject({
        statusCode: 403,
        error: 'insufficient_scope',
        reasons: [{ code: 'ERR_CLAIM_MISSING', claim: 'roles' }],
      });
    });

    it('answers 401 with a bare Bearer challenge when no token is sent', async () => {
      const response = await get(v2Api, '/resource');
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    });

    it('refuses a token issued for the other API with the audience reason', async () => {
      const response = await get(v2Api, '/resource', await tokenFor(apiClient, legacyApi));
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(
        'Bearer error="invalid_token", error_description="The token audience is not accepted"',
      );
      const body = (await response.json()) as ErrorBody;
      expect(body.reasons?.map((r) => r.code)).toContain('ERR_AUD_MISMATCH');
    });

    it('refuses a token signed by a key the identity service does not publish', async () => {
      const genuine = await tokenFor(apiClient, apiProxy);
      const forged = mintToken(claimsOf(genuine));
      const response = await get(v2Api, '/resource', forged);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token", /);
      expect(((await response.json()) as ErrorBody).reasons?.[0]?.code).toBe('ERR_KEY_NOT_FOUND');
    });

    it('accepts tokens signed with a rotated key', async () => {
      await identity.rotateKeys({ emergency: true });
      const token = await tokenFor(apiClient, apiProxy);
      expect((await get(v2Api, '/resource', token)).status).toBe(200);
    });
  });

  describe('configured for the v1 API', () => {
    it('accepts the v1 token (aud = App ID URI, client from appid)', async () => {
      const token = await tokenFor(apiClient, legacyApi);
      expect(claimsOf(token)).toMatchObject({
        ver: '1.0',
        aud: legacyApi.appIdUri,
        appid: apiClient.appId,
      });
      const response = await get(v1Api, '/me', token);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        clientId: apiClient.appId,
        tokenVersion: '1.0',
        roles: ['Reports.Read'],
      });
    });

    it('still enforces the Echo roles on the resource routes', async () => {
      const response = await get(v1Api, '/resource', await tokenFor(apiClient, legacyApi));
      expect(response.status).toBe(403);
      expect(response.headers.get('www-authenticate')).toContain('scope="Echo.Read Echo.Read.User"');
    });

    it('refuses the v2 API token with the audience reason', async () => {
      const response = await get(v1Api, '/me', await tokenFor(apiClient, apiProxy));
      expect(response.status).toBe(401);
      expect(((await response.json()) as ErrorBody).reasons?.map((r) => r.code)).toContain('ERR_AUD_MISMATCH');
    });
  });

  // Last: stops the identity service.
  describe('when the identity service goes down', () => {
    it('keeps accepting tokens with cached keys, and answers 503 + Retry-After for an unknown kid', async () => {
      const token = await tokenFor(apiClient, apiProxy);
      expect((await get(v2Api, '/resource', token)).status).toBe(200);
      const unknownKid = mintToken(claimsOf(token));
      await identity.close();

      expect((await get(v2Api, '/resource', token)).status).toBe(200);
      expect((await get(v2Api, '/health/ready')).status).toBe(200);

      const response = await get(v2Api, '/resource', unknownKid);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(((await response.json()) as ErrorBody).reasons?.[0]?.code).toBe('ERR_IDP_UNAVAILABLE');
    });

    it('starts anyway but is not ready, and answers 503 instead of 401, when it never got keys', async () => {
      const late = await start(apiProxy);
      try {
        const ready = await get(late, '/health/ready');
        expect(ready.status).toBe(503);
        expect(await ready.json()).toMatchObject({
          status: 'error',
          error: { signingKeys: { status: 'down' } },
        });
        expect((await get(late, '/health/live')).status).toBe(200);
        const response = await get(late, '/resource', mintToken({ aud: apiProxy.appId }));
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      } finally {
        await late.close();
      }
    });
  });
});

describe('protected-api configuration', () => {
  it('names every missing variable at start-up', () => {
    expect(() => loadProtectedApiConfig({ PROTECTED_API_PORT: 'abc' })).toThrow(
      /PROTECTED_API_PORT must be a port number[\s\S]*AUTH_TENANT_ID required[\s\S]*AUTH_AUTHORITY_HOST required[\s\S]*AUTH_API_APP_ID required/,
    );
  });

  it('defaults to 127.0.0.1:3000', () => {
    const config = loadProtectedApiConfig({
      AUTH_TENANT_ID: defaultRegistrations.tenantId,
      AUTH_AUTHORITY_HOST: 'https://localhost:5443',
      AUTH_API_APP_ID: apiProxy.appId,
    });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      auth: { apiAppId: apiProxy.appId },
    });
  });
});
