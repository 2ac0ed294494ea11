import {
  createTestSigningKey,
  startJwksTestServer,
  type JwksTestServer,
  type TestSigningKey,
} from '../testing/jwks-test-server';
import {
  startProtectedTestApp,
  TEST_CLIENT_A,
  TEST_CLIENT_B,
  TEST_TENANT,
  type AdapterName,
  type ProtectedTestApp,
} from '../testing/protected-test-app';
import { base64url, bearer, call, v1Claims, v2Claims, type RawResponse } from '../testing/probe-requests';

describe.each<AdapterName>(['fastify', 'express'])('AuthModule on %s', (adapter) => {
  let jwks: JwksTestServer;
  let app: ProtectedTestApp;
  let strangerKey: TestSigningKey;

  beforeAll(async () => {
    [jwks, strangerKey] = await Promise.all([startJwksTestServer(), createTestSigningKey('stranger')]);
    app = await startProtectedTestApp(adapter, {
      jwksUri: jwks.jwksUri,
      keys: { cooldownMs: 0 },
    });
  });
  afterAll(async () => {
    await app.close();
    await jwks.close();
  });
  afterEach(() => {
    jwks.mode = 'ok';
  });

  describe('no or unusable credentials', () => {
    it('answers 401 with a bare Bearer challenge when no token is sent', async () => {
      const response = await call(`${app.url}/read`);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.body).toMatchObject({
        statusCode: 401,
        error: 'Unauthorized',
        reasons: [{ code: 'ERR_TOKEN_MISSING' }],
      });
      expect(typeof response.body.message).toBe('string');
    });

    it('answers 401 with a bare challenge for another scheme', async () => {
      const response = await call(`${app.url}/read`, {
        authorization: 'Basic dXNlcjpwYXNz',
      });
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
    });

    it.each([
      ['a scheme without a token', 'Bearer'],
      ['two tokens', 'Bearer a b'],
    ])('answers 400 invalid_request for %s', async (_case, authorization) => {
      const response = await call(`${app.url}/read`, { authorization });
      expect(response.status).toBe(400);
      expect(response.headers['www-authenticate']).toMatch(
        /^Bearer error="invalid_request", error_description="[^"]+"$/,
      );
      expect(response.body).toMatchObject({
        statusCode: 400,
        error: 'invalid_request',
      });
    });

    it('answers 400 invalid_request for a repeated Authorization header', async () => {
      const token = await jwks.sign(v2Claims());
      const response = await call(`${app.url}/read`, {
        authorization: [`Bearer ${token}`, `Bearer ${token}`],
      });
      expect(response.status).toBe(400);
      expect(response.body.reasons?.[0]?.code).toBe('ERR_REQUEST_MALFORMED');
    });

    it('lets @Public() routes and controllers through without a token', async () => {
      expect((await call(`${app.url}/open`)).status).toBe(200);
      expect((await call(`${app.url}/public-controller`)).status).toBe(200);
    });
  });

  describe('valid tokens', () => {
    it('accepts a v2 app token with the role and exposes the caller', async () => {
      const token = await jwks.sign(v2Claims());
      expect((await call(`${app.url}/read`, bearer(token))).status).toBe(200);
      const me = await call(`${app.url}/me`, bearer(token));
      expect(me.body).toEqual({
        kind: 'app',
        clientId: TEST_CLIENT_A,
        tokenVersion: '2.0',
        tenantId: TEST_TENANT,
        roles: ['Echo.Read'],
        scopes: [],
        subject: 'dddddddd-0000-0000-0000-000000000001',
        objectId: 'dddddddd-0000-0000-0000-000000000001',
      });
    });

    it('accepts a v1 token (aud = App ID URI, iss = sts.windows.net, appid)', async () => {
      const token = await jwks.sign(v1Claims());
      expect((await call(`${app.url}/read`, bearer(token))).status).toBe(200);
      expect((await call(`${app.url}/me`, bearer(token))).body).toMatchObject({
        clientId: TEST_CLIENT_A,
        tokenVersion: '1.0',
      });
    });

    it('accepts a lower-case bearer scheme', async () => {
      const token = await jwks.sign(v2Claims());
      expect((await call(`${app.url}/read`, { authorization: `bearer ${token}` })).status).toBe(200);
    });

    it('passes a write with the write role and the request body', async () => {
      const token = await jwks.sign(v2Claims({ roles: ['Echo.Write'] }));
      const response = await call(
        `${app.url}/write`,
        { ...bearer(token), 'content-type': 'application/json' },
        'POST',
        '{"a":1}',
      );
      expect(response.status).toBe(201);
      expect(response.body).toEqual({ wrote: { a: 1 } });
    });
  });

  describe('insufficient privileges: 403', () => {
    it('names the missing role in the challenge', async () => {
      const token = await jwks.sign(v2Claims({ roles: ['Echo.Read'] }));
      const response = await call(`${app.url}/write`, bearer(token), 'POST');
      expect(response.status).toBe(403);
      expect(response.headers['www-authenticate']).toBe(
        'Bearer error="insufficient_scope", error_description="The token lacks the required app roles", scope="Echo.Write"',
      );
      expect(response.body).toMatchObject({
        statusCode: 403,
        error: 'insufficient_scope',
        reasons: [{ code: 'ERR_CLAIM_VALUE_NOT_ALLOWED' }],
      });
    });

    it('answers 403 for a token without roles', async () => {
      const token = await jwks.sign(v2Claims({ roles: undefined }));
      const response = await call(`${app.url}/read`, bearer(token));
      expect(response.status).toBe(403);
      expect(response.body.reasons?.[0]?.code).toBe('ERR_CLAIM_MISSING');
    });

    it('requires every role with match: all', async () => {
      const reader = await jwks.sign(v2Claims({ roles: ['Echo.Read'] }));
      const both = await jwks.sign(v2Claims({ roles: ['Echo.Read', 'Echo.Write'] }));
      expect((await call(`${app.url}/read-and-write`, bearer(reader))).status).toBe(403);
      expect((await call(`${app.url}/read-and-write`, bearer(both))).status).toBe(200);
    });

    it('accepts delegated scopes only where acceptScopes is set', async () => {
      const user = await jwks.sign(v2Claims({ roles: undefined, scp: 'User.Read Echo.Read' }));
      expect((await call(`${app.url}/read-or-scope`, bearer(user))).status).toBe(200);
      expect((await call(`${app.url}/read`, bearer(user))).status).toBe(403);
    });

    it('enforces @AllowedClients on azp (v2) and appid (v1)', async () => {
      expect((await call(`${app.url}/only-a`, bearer(await jwks.sign(v2Claims())))).status).toBe(200);
      const other = await call(`${app.url}/only-a`, bearer(await jwks.sign(v2Claims({ azp: TEST_CLIENT_B }))));
      expect(other.status).toBe(403);
      expect(other.body.reasons?.[0]?.code).toBe('ERR_CLIENT_NOT_ALLOWED');
      const v1Other = await call(`${app.url}/only-a`, bearer(await jwks.sign(v1Claims({ appid: TEST_CLIENT_B }))));
      expect(v1Other.status).toBe(403);
    });

    it('enforces @RequireClaims', async () => {
      expect((await call(`${app.url}/claims`, bearer(await jwks.sign(v2Claims({ xms_cc: ['cp1'] }))))).status).toBe(
        200,
      );
      expect((await call(`${app.url}/claims`, bearer(await jwks.sign(v2Claims())))).status).toBe(403);
    });
  });

  describe('invalid tokens: 401 invalid_token', () => {
    async function expectInvalid(token: string, code: string, path = '/read'): Promise<RawResponse> {
      const response = await call(`${app.url}${path}`, bearer(token));
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token", error_description="[^"]+"$/);
      expect(response.body).toMatchObject({
        statusCode: 401,
        error: 'invalid_token',
      });
      expect(response.body.reasons?.[0]?.code).toBe(code);
      return response;
    }

    it('refuses an expired token with the exact challenge', async () => {
      const past = Math.floor(Date.now() / 1000) - 7200;
      const response = await expectInvalid(
        await jwks.sign(v2Claims({ iat: past, nbf: past, exp: past + 3600 })),
        'ERR_JWT_EXPIRED',
      );
      expect(response.headers['www-authenticate']).toBe(
        'Bearer error="invalid_token", error_description="The token expired"',
      );
    });

    it('refuses a token without exp (jsonwebtoken would accept it)', async () => {
      await expectInvalid(await jwks.sign(v2Claims({ exp: undefined })), 'ERR_EXP_MISSING');
    });

    it('refuses a token that is not valid yet', async () => {
      const future = Math.floor(Date.now() / 1000) + 600;
      await expectInvalid(await jwks.sign(v2Claims({ nbf: future })), 'ERR_JWT_NOT_YET_VALID');
    });

    it('refuses a token for another API with the audience reason', async () => {
      await expectInvalid(await jwks.sign(v2Claims({ aud: 'api://someone-else' })), 'ERR_AUD_MISMATCH');
    });

    it('refuses a token from another tenant', async () => {
      await expectInvalid(
        await jwks.sign(
          v2Claims({
            iss: 'https://login.microsoftonline.com/99999999-9999-9999-9999-999999999999/v2.0',
          }),
        ),
        'ERR_ISS_MISMATCH',
      );
    });

    it('refuses a tampered payload', async () => {
      const [header, , signature] = (await jwks.sign(v2Claims())).split('.');
      const forged = `${header}.${base64url(v2Claims({ roles: ['Echo.Write'] }))}.${signature}`;
      await expectInvalid(forged, 'ERR_SIGNATURE_INVALID');
    });

    it('refuses a token signed by a key the provider does not publish', async () => {
      await expectInvalid(await jwks.sign(v2Claims(), { key: strangerKey }), 'ERR_KEY_NOT_FOUND');
    });

    it('refuses a token whose kid names a published key but which another key signed', async () => {
      await expectInvalid(
        await jwks.sign(v2Claims(), {
          key: { ...strangerKey, kid: 'key-1' },
        }),
        'ERR_SIGNATURE_INVALID',
      );
    });

    it.each([
      ['alg none', { alg: 'none', kid: 'key-1' }, ''],
      ['alg nOnE', { alg: 'nOnE', kid: 'key-1' }, ''],
      ['HS256 key confusion', { alg: 'HS256', kid: 'key-1' }, 'c2lnbmF0dXJl'],
      ['ES256 psychic signature', { alg: 'ES256', kid: 'key-1' }, 'MAYCAQACAQA'],
      ['PS256', { alg: 'PS256', kid: 'key-1' }, 'c2lnbmF0dXJl'],
    ])('refuses %s before any key lookup', async (_case, header, signature) => {
      const hitsBefore = jwks.hits;
      await expectInvalid(`${base64url(header)}.${base64url(v2Claims())}.${signature}`, 'ERR_ALG_NOT_ALLOWED');
      expect(jwks.hits).toBe(hitsBefore);
    });

    it('refuses an RS256 header with the signature stripped', async () => {
      const [header, payload] = (await jwks.sign(v2Claims())).split('.');
      await expectInvalid(`${header}.${payload}.`, 'ERR_TOKEN_UNSIGNED');
    });

    it('refuses a critical header extension', async () => {
      await expectInvalid(
        await jwks.sign(v2Claims(), {
          header: { crit: ['x-ext'], 'x-ext': 1 },
          crit: { 'x-ext': true },
        }),
        'ERR_CRIT_UNSUPPORTED',
      );
    });

    it.each([
      ['two segments', (t: string) => t.split('.').slice(0, 2).join('.')],
      ['four segments', (t: string) => `${t}.AAAA`],
      ['base64 padding', (t: string) => t.replace('.', '=.')],
      ['a header that is not JSON', (t: string) => `${base64url('not json')}.${t.split('.')[1]}.${t.split('.')[2]}`],
      ['a payload that is an array', (t: string) => `${t.split('.')[0]}.${base64url([1, 2])}.${t.split('.')[2]}`],
    ])('refuses a malformed token: %s', async (_case, mangle) => {
      const response = await call(`${app.url}/read`, bearer(mangle(await jwks.sign(v2Claims()))));
      expect([400, 401]).toContain(response.status);
      expect(response.status === 400 ? 'ERR_REQUEST_MALFORMED' : 'ERR_TOKEN_MALFORMED').toBe(
        response.body.reasons?.[0]?.code,
      );
    });

    it('refuses a token without kid', async () => {
      const token = await jwks.sign(v2Claims(), {
        header: { kid: undefined },
      });
      await expectInvalid(token, 'ERR_KEY_NOT_FOUND');
    });
  });

  describe('identity provider outage', () => {
    it('keeps serving cached keys, and answers 503 + Retry-After for an unknown kid', async () => {
      const known = await jwks.sign(v2Claims());
      expect((await call(`${app.url}/read`, bearer(known))).status).toBe(200);
      jwks.mode = 'down';
      expect((await call(`${app.url}/read`, bearer(known))).status).toBe(200);

      const response = await call(`${app.url}/read`, bearer(await jwks.sign(v2Claims(), { key: strangerKey })));
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toMatch(/^\d+$/);
      expect(response.body).toMatchObject({
        statusCode: 503,
        error: 'Service Unavailable',
        reasons: [{ code: 'ERR_IDP_UNAVAILABLE' }],
      });
    });
  });
});

describe('AuthModule in production mode', () => {
  let jwks: JwksTestServer;
  let app: ProtectedTestApp;

  beforeAll(async () => {
    jwks = await startJwksTestServer();
    app = await startProtectedTestApp('fastify', {
      jwksUri: jwks.jwksUri,
      exposeReasons: false,
    });
  });
  afterAll(async () => {
    await app.close();
    await jwks.close();
  });

  it('hides the reasons but keeps status, challenge and message', async () => {
    const token = await jwks.sign(v2Claims({ aud: 'api://someone-else' }));
    const response = await call(`${app.url}/read`, bearer(token));
    expect(response.status).toBe(401);
    expect(Object.keys(response.body).sort()).toEqual(['error', 'message', 'statusCode']);
    expect(response.body.message).toBe('The token audience is not accepted');
  });
});

describe('two protected apps in one process', () => {
  it('validate with their own keys and policy (no shared passport strategy)', async () => {
    const [first, second] = await Promise.all([
      startJwksTestServer(),
      startJwksTestServer([await createTestSigningKey('key-1')]),
    ]);
    const appOne = await startProtectedTestApp('express', {
      jwksUri: first.jwksUri,
    });
    const appTwo = await startProtectedTestApp('fastify', {
      jwksUri: second.jwksUri,
    });
    try {
      const tokenOne = await first.sign(v2Claims());
      expect((await call(`${appOne.url}/read`, bearer(tokenOne))).status).toBe(200);
      expect((await call(`${appTwo.url}/read`, bearer(tokenOne))).status).toBe(401);
    } finally {
      await Promise.all([appOne.close(), appTwo.close()]);
      await Promise.all([first.close(), second.close()]);
    }
  });
});
