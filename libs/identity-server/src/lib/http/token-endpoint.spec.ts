/**
 * The token endpoints over real HTTPS without msal: success shapes (v1/v2), every AADSTS error with its status,
 * `error` and code, client authentication forms (body secret, Basic, private_key_jwt), and the error body shape.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import { decodeJwt, ids, postForm, startTestServer, type TestServer } from '../../test-support/server';

let running: TestServer;
beforeAll(async () => {
  running = await startTestServer();
});
afterAll(() => running.dispose());

const v2 = (tenant: string = ids.tenantId) => `${running.server.url}/${tenant}/oauth2/v2.0/token`;
const v1 = (tenant: string = ids.tenantId) => `${running.server.url}/${tenant}/oauth2/token`;

const secretRequest = (overrides: Record<string, string> = {}) => ({
  grant_type: 'client_credentials',
  client_id: ids.apiClient,
  client_secret: ids.apiClientSecret,
  scope: `${ids.apiProxyUri}/.default`,
  ...overrides,
});

function without(fields: Record<string, string>, ...names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !names.includes(name)));
}

async function assertion(
  options: {
    header?: Record<string, unknown>;
    claims?: Record<string, unknown>;
    key?: string;
    thumbprint?: 'x5t' | 'x5t#S256' | 'none';
  } = {},
): Promise<string> {
  const cert = running.server.clientCertificate(ids.certName);
  const alg = options.thumbprint === 'x5t' ? 'RS256' : 'PS256';
  const thumbprint =
    options.thumbprint === 'none'
      ? {}
      : options.thumbprint === 'x5t'
        ? { x5t: cert.thumbprints.x5t }
        : { 'x5t#S256': cert.thumbprints.x5tS256 };
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    aud: v2(),
    iss: ids.certClient,
    sub: ids.certClient,
    jti: randomUUID(),
    nbf: now,
    exp: now + 600,
    ...options.claims,
  })
    .setProtectedHeader({ alg, typ: 'JWT', ...thumbprint, ...options.header })
    .sign(await importPKCS8(options.key ?? cert.privateKeyPem, alg));
}

const assertionRequest = (clientAssertion: string, overrides: Record<string, string> = {}) => ({
  grant_type: 'client_credentials',
  client_id: ids.certClient,
  client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
  client_assertion: clientAssertion,
  scope: `${ids.apiProxyUri}/.default`,
  ...overrides,
});

describe('success', () => {
  it('answers the write-up raw form POST with a v2 body (numbers) and no-store headers', async () => {
    const { status, body, headers } = await postForm(v2(), secretRequest());
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['token_type', 'expires_in', 'ext_expires_in', 'access_token']);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    expect(headers.get('cache-control')).toContain('no-store');
    expect(decodeJwt(body['access_token'] as string).payload['aud']).toBe(ids.apiProxy);
  });

  it('answers the v1 endpoint with string fields, expires_on, not_before and resource as sent', async () => {
    const { status, body } = await postForm(
      v1(),
      without(secretRequest({ resource: `${ids.legacyApiUri}/` }), 'scope'),
    );
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual([
      'token_type',
      'expires_in',
      'ext_expires_in',
      'expires_on',
      'not_before',
      'resource',
      'access_token',
    ]);
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: '3599',
      ext_expires_in: '3599',
      resource: `${ids.legacyApiUri}/`,
    });
    expect(Number(body['expires_on']) - Math.floor(Date.now() / 1000)).toBeGreaterThan(3590);
    const { payload } = decodeJwt(body['access_token'] as string);
    expect(payload).toMatchObject({ aud: `${ids.legacyApiUri}/`, ver: '1.0', appid: ids.apiClient });
    expect(String(payload['nbf'])).toBe(body['not_before']);
  });

  it('decides the token version by the API, not by the endpoint', async () => {
    const viaV1 = await postForm(v1(), without(secretRequest({ resource: ids.apiProxyUri }), 'scope'));
    expect(decodeJwt(viaV1.body['access_token'] as string).payload).toMatchObject({ ver: '2.0', aud: ids.apiProxy });
    const viaV2 = await postForm(v2(), secretRequest({ scope: `${ids.legacyApi}/.default` }));
    expect(decodeJwt(viaV2.body['access_token'] as string).payload).toMatchObject({ ver: '1.0', aud: ids.legacyApi });
  });

  it('accepts HTTP Basic client authentication', async () => {
    const basic = Buffer.from(
      `${encodeURIComponent(ids.apiClient)}:${encodeURIComponent(ids.apiClientSecret)}`,
    ).toString('base64');
    const { status } = await postForm(v2(), without(secretRequest(), 'client_id', 'client_secret'), {
      authorization: `Basic ${basic}`,
    });
    expect(status).toBe(200);
  });

  it('ignores unknown parameters, drops OIDC scopes, and accepts the tenant domain in any case', async () => {
    const { status } = await postForm(
      v2(ids.tenantDomain.toUpperCase()),
      secretRequest({
        scope: `openid ${ids.apiProxyUri}/.default offline_access`,
        'x-client-SKU': 'msal.js.node',
        foo: 'bar',
      }),
    );
    expect(status).toBe(200);
  });

  it('issues a token without roles to a client with no role when assignment is not required', async () => {
    const { status, body } = await postForm(
      v2(),
      secretRequest({ client_id: ids.noRoleClient, client_secret: ids.noRoleSecret }),
    );
    expect(status).toBe(200);
    expect(decodeJwt(body['access_token'] as string).payload['roles']).toBeUndefined();
  });

  it.each(['x5t#S256', 'x5t'] as const)('authenticates a client assertion found by %s', async (thumbprint) => {
    const { status, body } = await postForm(v2(), assertionRequest(await assertion({ thumbprint })));
    expect(status).toBe(200);
    expect(decodeJwt(body['access_token'] as string).payload).toMatchObject({ azp: ids.certClient, azpacr: '2' });
  });

  it('accepts the v1 token endpoint and the domain form as assertion audience', async () => {
    for (const aud of [v1(), v2(ids.tenantDomain)]) {
      expect((await postForm(v2(), assertionRequest(await assertion({ claims: { aud } })))).status).toBe(200);
    }
  });

  it('counts successful issuances per client and API', async () => {
    running.server.resetCounters();
    await postForm(v2(), secretRequest());
    await postForm(v1(), without(secretRequest({ resource: ids.apiProxyUri }), 'scope'));
    await postForm(v2(), secretRequest({ client_secret: 'wrong' }));
    expect(running.server.tokenRequestCount({ clientId: ids.apiClient, scope: `${ids.apiProxyUri}/.default` })).toBe(2);
    expect(running.server.tokenRequestCount({ scope: ids.apiProxy })).toBe(2);
    expect(running.server.tokenRequestCount({ clientId: ids.noRoleClient })).toBe(0);

    // The same counters for out-of-process callers (stack tests, demo), from loopback only.
    const query = new URLSearchParams({ clientId: ids.apiClient, scope: `${ids.apiProxyUri}/.default` });
    const metrics = await fetch(`${running.server.url}/admin/metrics?${query}`);
    expect(await metrics.json()).toMatchObject({ tokenRequests: 2 });
  });
});

describe('AADSTS errors', () => {
  const basicOf = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  interface ErrorCase {
    name: string;
    build: () => Promise<{ url: string; fields: Record<string, string>; headers?: Record<string, string> }>;
    status: number;
    error: string;
    code: number;
  }
  const cases: ErrorCase[] = [
    {
      name: 'wrong secret',
      build: async () => ({ url: v2(), fields: secretRequest({ client_secret: 'wrong' }) }),
      status: 401,
      error: 'invalid_client',
      code: 7000215,
    },
    {
      name: 'expired secret',
      build: async () => ({
        url: v2(),
        fields: secretRequest({ client_id: ids.expiredClient, client_secret: ids.expiredSecret }),
      }),
      status: 401,
      error: 'invalid_client',
      code: 7000222,
    },
    {
      name: 'no credential',
      build: async () => ({ url: v2(), fields: without(secretRequest(), 'client_secret') }),
      status: 401,
      error: 'invalid_client',
      code: 7000218,
    },
    {
      name: 'unknown client',
      build: async () => ({ url: v2(), fields: secretRequest({ client_id: randomUUID() }) }),
      status: 400,
      error: 'unauthorized_client',
      code: 700016,
    },
    {
      name: 'unknown resource',
      build: async () => ({ url: v2(), fields: secretRequest({ scope: 'api://nothing-here/.default' }) }),
      status: 400,
      error: 'invalid_resource',
      code: 500011,
    },
    {
      name: 'scope without /.default',
      build: async () => ({ url: v2(), fields: secretRequest({ scope: `${ids.apiProxyUri}/Echo.Read` }) }),
      status: 400,
      error: 'invalid_scope',
      code: 1002012,
    },
    {
      name: 'two resources in scope',
      build: async () => ({
        url: v2(),
        fields: secretRequest({ scope: `${ids.apiProxyUri}/.default ${ids.legacyApiUri}/.default` }),
      }),
      status: 400,
      error: 'invalid_scope',
      code: 700022,
    },
    {
      name: 'resource on v2',
      build: async () => ({ url: v2(), fields: secretRequest({ resource: ids.apiProxyUri }) }),
      status: 400,
      error: 'invalid_request',
      code: 901002,
    },
    {
      name: 'unsupported grant type',
      build: async () => ({ url: v2(), fields: secretRequest({ grant_type: 'password' }) }),
      status: 400,
      error: 'unsupported_grant_type',
      code: 70003,
    },
    {
      name: 'missing grant_type',
      build: async () => ({ url: v2(), fields: without(secretRequest(), 'grant_type') }),
      status: 400,
      error: 'invalid_request',
      code: 900144,
    },
    {
      name: 'missing scope',
      build: async () => ({ url: v2(), fields: without(secretRequest(), 'scope') }),
      status: 400,
      error: 'invalid_request',
      code: 900144,
    },
    {
      name: 'missing client_id',
      build: async () => ({ url: v2(), fields: without(secretRequest(), 'client_id') }),
      status: 400,
      error: 'invalid_request',
      code: 900144,
    },
    {
      name: 'missing resource on v1',
      build: async () => ({ url: v1(), fields: without(secretRequest(), 'scope') }),
      status: 400,
      error: 'invalid_request',
      code: 900144,
    },
    {
      name: 'unknown tenant',
      build: async () => ({ url: v2(randomUUID()), fields: secretRequest() }),
      status: 400,
      error: 'invalid_request',
      code: 90002,
    },
    {
      name: '/common',
      build: async () => ({ url: v2('common'), fields: secretRequest() }),
      status: 400,
      error: 'invalid_request',
      code: 9001023,
    },
    {
      name: '/organizations',
      build: async () => ({ url: v1('organizations'), fields: secretRequest() }),
      status: 400,
      error: 'invalid_request',
      code: 9001023,
    },
    {
      name: 'role assignment required',
      build: async () => ({
        url: v2(),
        fields: secretRequest({
          client_id: ids.noRoleClient,
          client_secret: ids.noRoleSecret,
          scope: `${ids.legacyApiUri}/.default`,
        }),
      }),
      status: 400,
      error: 'invalid_grant',
      code: 501051,
    },
    {
      name: 'Basic and body secret together',
      build: async () => ({
        url: v2(),
        fields: secretRequest(),
        headers: { authorization: basicOf(ids.apiClient, ids.apiClientSecret) },
      }),
      status: 400,
      error: 'invalid_request',
      code: 9002313,
    },
    {
      name: 'Basic client id differs from body',
      build: async () => ({
        url: v2(),
        fields: without(secretRequest(), 'client_secret'),
        headers: { authorization: basicOf(ids.noRoleClient, ids.noRoleSecret) },
      }),
      status: 400,
      error: 'invalid_request',
      code: 9002313,
    },
    {
      name: 'bad assertion signature',
      build: async () => ({ url: v2(), fields: assertionRequest(await assertion({ key: otherKeyPem() })) }),
      status: 401,
      error: 'invalid_client',
      code: 700027,
    },
    {
      name: 'assertion naming an unregistered certificate',
      build: async () => ({ url: v2(), fields: assertionRequest(await assertion({ header: { 'x5t#S256': 'AAAA' } })) }),
      status: 401,
      error: 'invalid_client',
      code: 700027,
    },
    {
      name: 'assertion without thumbprint header',
      build: async () => ({ url: v2(), fields: assertionRequest(await assertion({ thumbprint: 'none' })) }),
      status: 401,
      error: 'invalid_client',
      code: 700027,
    },
    {
      name: 'assertion for another client',
      build: async () => ({ url: v2(), fields: assertionRequest(await assertion({ claims: { iss: ids.apiClient } })) }),
      status: 401,
      error: 'invalid_client',
      code: 700021,
    },
    {
      name: 'assertion with wrong audience',
      build: async () => ({
        url: v2(),
        fields: assertionRequest(await assertion({ claims: { aud: 'https://example.com/token' } })),
      }),
      status: 401,
      error: 'invalid_client',
      code: 700023,
    },
    {
      name: 'expired assertion',
      build: async () => ({
        url: v2(),
        fields: assertionRequest(await assertion({ claims: { exp: Math.floor(Date.now() / 1000) - 3600 } })),
      }),
      status: 401,
      error: 'invalid_client',
      code: 700024,
    },
    {
      name: 'assertion without jti',
      build: async () => ({ url: v2(), fields: assertionRequest(await assertion({ claims: { jti: undefined } })) }),
      status: 401,
      error: 'invalid_client',
      code: 50027,
    },
    {
      name: 'malformed assertion',
      build: async () => ({ url: v2(), fields: assertionRequest('not-a-jwt') }),
      status: 401,
      error: 'invalid_client',
      code: 50027,
    },
    {
      name: 'assertion with the wrong type',
      build: async () => ({
        url: v2(),
        fields: assertionRequest(await assertion(), { client_assertion_type: 'urn:other' }),
      }),
      status: 400,
      error: 'invalid_request',
      code: 9002313,
    },
    {
      name: 'secret and assertion together',
      build: async () => ({ url: v2(), fields: assertionRequest(await assertion(), { client_secret: 'x' }) }),
      status: 400,
      error: 'invalid_request',
      code: 9002313,
    },
  ];

  it.each(cases)('$name → $status $error AADSTS$code', async ({ build, status, error, code }) => {
    const { url, fields, headers } = await build();
    const response = await postForm(url, fields, headers);
    expect(response.status).toBe(status);
    expect(response.body['error']).toBe(error);
    expect(response.body['error_codes']).toEqual([code]);
    expect(response.body['error_description']).toMatch(new RegExp(`^AADSTS${code}: `));
  });

  it('refuses a repeated parameter', async () => {
    const response = await fetch(v2(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `${new URLSearchParams(secretRequest())}&scope=another`,
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(400);
    expect(body['error_codes']).toEqual([9002313]);
    expect(body['error_description']).toContain("'scope' parameter appears more than once");
  });

  it('refuses a replayed client assertion (same jti) with AADSTS50013', async () => {
    const reused = await assertion();
    expect((await postForm(v2(), assertionRequest(reused))).status).toBe(200);
    const replay = await postForm(v2(), assertionRequest(reused));
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ error: 'invalid_client', error_codes: [50013] });
  });

  it('answers GET on a token endpoint with AADSTS900561', async () => {
    const response = await fetch(v2());
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request', error_codes: [900561] });
  });

  it('answers a non-form body with invalid_request, never a 500', async () => {
    for (const [type, body] of [
      ['application/json', '{"grant_type":"client_credentials"}'],
      ['application/json', '{bad'],
      ['text/plain', 'x'],
    ]) {
      const response = await fetch(v2(), { method: 'POST', headers: { 'content-type': type }, body });
      expect(response.status).toBeLessThan(500);
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    }
  });

  it.each([
    ['a URL that is not valid percent-encoding', () => `${running.server.url}/%E0%A4%A/oauth2/v2.0/token`, {}],
    ['an over-long tenant segment', () => v2('a'.repeat(5000)), {}],
    ['a body over the size limit', () => v2(), { body: `a=${'x'.repeat(2_000_000)}` }],
    [
      'an undecodable Basic header',
      () => v2(),
      { body: 'grant_type=client_credentials', headers: { authorization: 'Basic !!!' } },
    ],
    ['prototype-polluting names', () => v2(), { body: '__proto__=x&constructor=y&grant_type=client_credentials' }],
    [
      'a JSON prototype key',
      () => v2(),
      { body: '{"__proto__":{"a":1}}', headers: { 'content-type': 'application/json' } },
    ],
    ['a method nothing answers', () => v2(), { method: 'DELETE' }],
  ] as Array<[string, () => string, RequestInit]>)('answers %s with a 4xx AADSTS body', async (_name, url, init) => {
    const response = await fetch(url(), {
      method: 'POST',
      ...init,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(init.headers as Record<string, string>) },
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body['error_description']).toMatch(/^AADSTS\d+: /);
    expect(body['correlation_id']).toEqual(expect.any(String));
  });

  it('has Entra’s body shape and echoes client-request-id as correlation_id', async () => {
    const correlationId = randomUUID();
    const response = await postForm(
      `${v2()}?client-request-id=${correlationId}`,
      secretRequest({ client_secret: 'wrong' }),
    );
    const body = response.body;
    expect(Object.keys(body)).toEqual([
      'error',
      'error_description',
      'error_codes',
      'timestamp',
      'trace_id',
      'correlation_id',
      'error_uri',
    ]);
    expect(body['correlation_id']).toBe(correlationId);
    expect(body['timestamp']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/);
    expect(body['trace_id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(body['error_description']).toBe(
      `${(body['error_description'] as string).split('\r\n')[0]}\r\nTrace ID: ${body['trace_id']}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${body['timestamp']}`,
    );
    expect(response.headers.get('client-request-id')).toBe(correlationId);
    expect(response.headers.get('x-ms-request-id')).toBe(body['trace_id']);

    const viaHeader = await postForm(v2(), secretRequest({ client_secret: 'wrong' }), {
      'client-request-id': 'abc-123',
    });
    expect(viaHeader.body['correlation_id']).toBe('abc-123');
  });

  it('never echoes the presented secret', async () => {
    const secret = `secret-${randomUUID()}`;
    const response = await postForm(v2(), secretRequest({ client_secret: secret }));
    expect(JSON.stringify(response.body)).not.toContain(secret);
  });
});

let otherKey: string | undefined;
function otherKeyPem(): string {
  otherKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  return otherKey;
}
