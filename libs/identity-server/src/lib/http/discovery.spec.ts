/** Discovery documents, JWKS, health and unknown routes over HTTPS, in local and microsoft issuer modes. */
import { createHash, createPublicKey, X509Certificate } from 'node:crypto';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { getJson, ids, required, startTestServer, type TestServer } from '../../test-support/server';

describe('local issuer mode', () => {
  let running: TestServer;
  let base: string;
  beforeAll(async () => {
    running = await startTestServer();
    base = running.server.url;
  });
  afterAll(() => running.dispose());

  it('serves the v2 tenant document with GUID endpoints, also when asked by domain', async () => {
    const byId = await getJson(`${base}/${ids.tenantId}/v2.0/.well-known/openid-configuration`);
    const byDomain = await getJson(`${base}/${ids.tenantDomain}/v2.0/.well-known/openid-configuration`);
    expect(byId.status).toBe(200);
    expect(byDomain.body).toEqual(byId.body);
    expect(byId.body).toMatchObject({
      issuer: `${base}/${ids.tenantId}/v2.0`,
      token_endpoint: `${base}/${ids.tenantId}/oauth2/v2.0/token`,
      jwks_uri: `${base}/${ids.tenantId}/discovery/v2.0/keys`,
      authorization_endpoint: `${base}/${ids.tenantId}/oauth2/v2.0/authorize`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });

  it('serves the v1 tenant document with the v1 issuer (trailing slash)', async () => {
    const { body } = await getJson(`${base}/${ids.tenantId}/.well-known/openid-configuration`);
    expect(body).toMatchObject({
      issuer: `${base}/${ids.tenantId}/`,
      token_endpoint: `${base}/${ids.tenantId}/oauth2/token`,
      jwks_uri: `${base}/${ids.tenantId}/discovery/keys`,
    });
  });

  it.each(['common', 'organizations'])('serves /%s documents with the {tenantid} issuer template', async (segment) => {
    const v2 = await getJson(`${base}/${segment}/v2.0/.well-known/openid-configuration`);
    expect(v2.body).toMatchObject({
      issuer: `${base}/{tenantid}/v2.0`,
      token_endpoint: `${base}/${segment}/oauth2/v2.0/token`,
      jwks_uri: `${base}/${segment}/discovery/v2.0/keys`,
      tenant_region_scope: null,
    });
    const v1 = await getJson(`${base}/${segment}/.well-known/openid-configuration`);
    expect(v1.body['issuer']).toBe(`${base}/{tenantid}/`);
  });

  it('publishes keys in Entra’s shape: kid = x5t = SHA-1 thumbprint of x5c, n/e of that certificate', async () => {
    const { status, body } = await getJson(`${base}/${ids.tenantId}/discovery/v2.0/keys`);
    expect(status).toBe(200);
    const keys = body['keys'] as Array<Record<string, unknown>>;
    expect(keys).toHaveLength(1);
    const [key] = keys;
    expect(Object.keys(key).sort()).toEqual(['e', 'issuer', 'kid', 'kty', 'n', 'use', 'x5c', 'x5t']);
    expect(key).toMatchObject({ kty: 'RSA', use: 'sig', e: 'AQAB', issuer: `${base}/${ids.tenantId}/v2.0` });
    expect(key['kid']).toBe(key['x5t']);
    const der = Buffer.from((key['x5c'] as string[])[0], 'base64');
    expect(createHash('sha1').update(der).digest('base64url')).toBe(key['x5t']);
    const certKey = new X509Certificate(der).publicKey.export({ format: 'jwk' });
    expect(
      createPublicKey({ key: { kty: 'RSA', n: key['n'] as string, e: 'AQAB' }, format: 'jwk' }).export({
        format: 'jwk',
      }),
    ).toEqual(certKey);
  });

  it('omits issuer on v1 keys and uses the template on /common v2 keys', async () => {
    const v1 = await getJson(`${base}/${ids.tenantDomain}/discovery/keys`);
    expect((v1.body['keys'] as Array<Record<string, unknown>>)[0]['issuer']).toBeUndefined();
    const common = await getJson(`${base}/common/discovery/v2.0/keys`);
    expect((common.body['keys'] as Array<Record<string, unknown>>)[0]['issuer']).toBe(`${base}/{tenantid}/v2.0`);
  });

  it.each(['99999999-8888-4777-8666-555555555555', 'other.example', 'consumers'])(
    'answers unknown tenant %s with 400 invalid_tenant AADSTS90002',
    async (tenant) => {
      for (const path of ['v2.0/.well-known/openid-configuration', 'discovery/keys']) {
        const { status, body } = await getJson(`${base}/${tenant}/${path}`);
        expect(status).toBe(400);
        expect(body).toMatchObject({ error: 'invalid_tenant', error_codes: [90002] });
      }
    },
  );

  it('answers unknown routes with 404 in the AADSTS shape', async () => {
    const { status, body } = await getJson(`${base}/no/such/thing?x=1`);
    expect(status).toBe(404);
    expect(body).toMatchObject({ error: 'invalid_request', error_codes: [9002313] });
    expect(body['error_description']).toContain('GET /no/such/thing');
  });

  it('answers /health', async () => {
    expect(await getJson(`${base}/health`)).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('counts discovery and JWKS requests', async () => {
    running.server.resetCounters();
    await getJson(`${base}/${ids.tenantId}/discovery/keys`);
    await getJson(`${base}/${ids.tenantId}/.well-known/openid-configuration`);
    expect(running.server.jwksRequestCount()).toBe(1);
    expect(running.server.discoveryRequestCount()).toBe(1);
  });
});

describe('microsoft issuer mode', () => {
  let running: TestServer;
  beforeAll(async () => {
    running = await startTestServer({ issuerMode: 'microsoft' });
  });
  afterAll(() => running.dispose());

  it('puts Microsoft’s issuers in documents and tokens while the endpoints stay local', async () => {
    const { server } = running;
    const v2 = await getJson(`${server.url}/${ids.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(v2.body).toMatchObject({
      issuer: `https://login.microsoftonline.com/${ids.tenantId}/v2.0`,
      token_endpoint: `${server.url}/${ids.tenantId}/oauth2/v2.0/token`,
    });
    const v1 = await getJson(`${server.url}/${ids.tenantId}/.well-known/openid-configuration`);
    expect(v1.body['issuer']).toBe(`https://sts.windows.net/${ids.tenantId}/`);
    const common = await getJson(`${server.url}/common/v2.0/.well-known/openid-configuration`);
    expect(common.body['issuer']).toBe('https://login.microsoftonline.com/{tenantid}/v2.0');

    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: ids.apiClient,
        clientSecret: ids.apiClientSecret,
        authority: server.authority(),
        knownAuthorities: [...server.knownAuthorities],
      },
    });
    const jwks = createRemoteJWKSet(new URL(v2.body['jwks_uri'] as string));
    const v2Token = await cca.acquireTokenByClientCredential({ scopes: [`${ids.apiProxyUri}/.default`] });
    await expect(
      jwtVerify(required(v2Token).accessToken, jwks, {
        issuer: `https://login.microsoftonline.com/${ids.tenantId}/v2.0`,
        audience: ids.apiProxy,
      }),
    ).resolves.toBeDefined();
    const v1Token = await cca.acquireTokenByClientCredential({ scopes: [`${ids.legacyApiUri}/.default`] });
    await expect(
      jwtVerify(required(v1Token).accessToken, jwks, {
        issuer: `https://sts.windows.net/${ids.tenantId}/`,
        audience: ids.legacyApiUri,
      }),
    ).resolves.toBeDefined();
  });
});
