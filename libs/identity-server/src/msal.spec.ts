/**
 * The unmodified @azure/msal-node ConfidentialClientApplication against the running HTTPS service: tokens with a
 * secret and with a certificate, for the v2 and the v1 API, each verified with jose against the published JWKS;
 * the cache; and AADSTS errors surfacing as msal ServerError with their code.
 */
import { ConfidentialClientApplication, ServerError, type Configuration } from '@azure/msal-node';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { decodeJwt, ids, required, startTestServer, type TestServer } from './test-support/server';

let running: TestServer;

beforeAll(async () => {
  running = await startTestServer();
});
afterAll(() => running.dispose());

function app(auth: Partial<Configuration['auth']>): ConfidentialClientApplication {
  const { server } = running;
  return new ConfidentialClientApplication({
    auth: {
      clientId: ids.apiClient,
      authority: server.authority(),
      knownAuthorities: [...server.knownAuthorities],
      ...auth,
    },
  });
}

async function verify(token: string, version: '1.0' | '2.0', audience: string): Promise<JWTPayload> {
  const { server } = running;
  const jwksPath = version === '2.0' ? 'discovery/v2.0/keys' : 'discovery/keys';
  const jwks = createRemoteJWKSet(new URL(`${server.url}/${ids.tenantId}/${jwksPath}`));
  const { payload } = await jwtVerify(token, jwks, { issuer: server.issuer(version), audience, algorithms: ['RS256'] });
  return payload;
}

function expectCommonClaims(payload: JWTPayload, clientObjectId: string, version: '1.0' | '2.0'): void {
  expect(payload).toMatchObject({
    idtyp: 'app',
    oid: clientObjectId,
    sub: clientObjectId,
    tid: ids.tenantId,
    ver: version,
  });
  for (const claim of ['iat', 'nbf', 'exp']) expect(typeof payload[claim]).toBe('number');
  for (const claim of ['uti', 'rh', 'aio']) expect(payload[claim]).toEqual(expect.any(String));
  expect(required(payload.exp) - Math.floor(Date.now() / 1000)).toBeGreaterThan(3000);
  expect(payload.scp).toBeUndefined();
}

describe('client secret', () => {
  it('gets a v2.0 token for the v2 API (aud = appId GUID, azp/azpacr, v2 issuer) and then serves it from cache', async () => {
    const cca = app({ clientSecret: ids.apiClientSecret });
    const first = await cca.acquireTokenByClientCredential({ scopes: [`${ids.apiProxyUri}/.default`] });
    expect(first?.fromCache).toBe(false);
    const token = required(first).accessToken;

    const payload = await verify(token, '2.0', ids.apiProxy);
    expectCommonClaims(payload, ids.apiClientObjectId, '2.0');
    expect(payload).toMatchObject({
      aud: ids.apiProxy,
      iss: `${running.server.url}/${ids.tenantId}/v2.0`,
      azp: ids.apiClient,
      azpacr: '1',
      roles: ['Echo.Read', 'Echo.Write'],
    });
    expect(payload.appid).toBeUndefined();
    const { header } = decodeJwt(token);
    expect(header).toEqual({ typ: 'JWT', alg: 'RS256', kid: running.server.signingKey().kid });

    const count = running.server.tokenRequestCount({ clientId: ids.apiClient, scope: `${ids.apiProxyUri}/.default` });
    const second = await cca.acquireTokenByClientCredential({ scopes: [`${ids.apiProxyUri}/.default`] });
    expect(second?.fromCache).toBe(true);
    expect(second?.accessToken).toBe(token);
    expect(running.server.tokenRequestCount({ clientId: ids.apiClient, scope: `${ids.apiProxyUri}/.default` })).toBe(
      count,
    );
  });

  it('gets a v1.0 token for the v1 API (aud = App ID URI as requested, appid/appidacr, v1 issuer, x5t header)', async () => {
    const result = await app({ clientSecret: ids.apiClientSecret }).acquireTokenByClientCredential({
      scopes: [`${ids.legacyApiUri}/.default`],
    });
    const payload = await verify(required(result).accessToken, '1.0', ids.legacyApiUri);
    expectCommonClaims(payload, ids.apiClientObjectId, '1.0');
    const issuer = `${running.server.url}/${ids.tenantId}/`;
    expect(payload).toMatchObject({
      aud: ids.legacyApiUri,
      iss: issuer,
      idp: issuer,
      appid: ids.apiClient,
      appidacr: '1',
      roles: ['Reports.Read'],
    });
    expect(payload.azp).toBeUndefined();
    const { header } = decodeJwt(required(result).accessToken);
    expect(header['x5t']).toBe(header['kid']);
  });
});

describe('client certificate', () => {
  it('authenticates with thumbprintSha256 (PS256, x5t#S256) for the v2 API', async () => {
    const cert = running.server.clientCertificate(ids.certName);
    const cca = app({
      clientId: ids.certClient,
      clientCertificate: { thumbprintSha256: cert.thumbprints.sha256Hex, privateKey: cert.privateKeyPem },
    });
    const result = await cca.acquireTokenByClientCredential({ scopes: [`${ids.apiProxyUri}/.default`] });
    const payload = await verify(required(result).accessToken, '2.0', ids.apiProxy);
    expectCommonClaims(payload, ids.certClientObjectId, '2.0');
    expect(payload).toMatchObject({ azp: ids.certClient, azpacr: '2', roles: ['Echo.Read'] });
    expect((await cca.acquireTokenByClientCredential({ scopes: [`${ids.apiProxyUri}/.default`] }))?.fromCache).toBe(
      true,
    );
  });

  it('authenticates with the SHA-1 thumbprint (RS256, x5t) for the v1 API', async () => {
    const cert = running.server.clientCertificate(ids.certName);
    const cca = app({
      clientId: ids.certClient,
      clientCertificate: { thumbprint: cert.thumbprints.sha1Hex, privateKey: cert.privateKeyPem },
    });
    const result = await cca.acquireTokenByClientCredential({ scopes: [`${ids.legacyApiUri}/.default`] });
    const payload = await verify(required(result).accessToken, '1.0', ids.legacyApiUri);
    expectCommonClaims(payload, ids.certClientObjectId, '1.0');
    expect(payload).toMatchObject({ appid: ids.certClient, appidacr: '2', roles: ['Reports.Read', 'Reports.Write'] });
  });
});

it('works with the tenant domain as authority', async () => {
  const result = await app({
    clientSecret: ids.apiClientSecret,
    authority: running.server.authority(ids.tenantDomain),
  }).acquireTokenByClientCredential({ scopes: [`${ids.apiProxy}/.default`] });
  const payload = await verify(required(result).accessToken, '2.0', ids.apiProxy);
  expect(payload.tid).toBe(ids.tenantId);
});

describe('errors surface as msal ServerError with the AADSTS code', () => {
  const cases: Array<[string, Partial<Configuration['auth']>, string, string, number]> = [
    ['wrong secret', { clientSecret: 'not-the-secret' }, `${ids.apiProxyUri}/.default`, 'invalid_client', 7000215],
    [
      'expired secret',
      { clientId: ids.expiredClient, clientSecret: ids.expiredSecret },
      `${ids.apiProxyUri}/.default`,
      'invalid_client',
      7000222,
    ],
    [
      'unknown client',
      { clientId: '11111111-2222-4333-8444-555555555555', clientSecret: 'x' },
      `${ids.apiProxyUri}/.default`,
      'unauthorized_client',
      700016,
    ],
    [
      'unknown resource',
      { clientSecret: ids.apiClientSecret },
      'api://00000000-0000-4000-8000-000000000000/.default',
      'invalid_resource',
      500011,
    ],
    [
      'scope without /.default',
      { clientSecret: ids.apiClientSecret },
      `${ids.apiProxyUri}/Echo.Read`,
      'invalid_scope',
      1002012,
    ],
    [
      'role assignment required',
      { clientId: ids.noRoleClient, clientSecret: ids.noRoleSecret },
      `${ids.legacyApiUri}/.default`,
      'invalid_grant',
      501051,
    ],
    ['unknown tenant', { authority: '' }, `${ids.apiProxyUri}/.default`, 'invalid_request', 90002],
  ];

  it.each(cases)('%s', async (_name, auth, scope, error, code) => {
    const overrides =
      auth.authority === '' ? { ...auth, clientSecret: ids.apiClientSecret, authority: undefined } : auth;
    const cca = auth.authority === '' ? unknownTenantApp() : app(overrides);
    const failure = await cca.acquireTokenByClientCredential({ scopes: [scope] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ServerError);
    expect((failure as ServerError).errorCode).toBe(error);
    expect(String((failure as ServerError).errorNo)).toBe(String(code));
    expect((failure as ServerError).errorMessage).toContain(`AADSTS${code}:`);
  });

  it('bad client assertion signature (AADSTS700027)', async () => {
    const cert = running.server.clientCertificate(ids.certName);
    const { generateKeyPairSync } = await import('node:crypto');
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const cca = app({
      clientId: ids.certClient,
      clientCertificate: { thumbprintSha256: cert.thumbprints.sha256Hex, privateKey: otherKey },
    });
    const failure = await cca
      .acquireTokenByClientCredential({ scopes: [`${ids.apiProxyUri}/.default`] })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ServerError);
    expect((failure as ServerError).errorCode).toBe('invalid_client');
    expect(String((failure as ServerError).errorNo)).toBe('700027');
  });

  function unknownTenantApp(): ConfidentialClientApplication {
    // msal fetches discovery first; skip it with authorityMetadata so the token endpoint itself answers 90002.
    const { server } = running;
    const tenant = '99999999-8888-4777-8666-555555555555';
    return new ConfidentialClientApplication({
      auth: {
        clientId: ids.apiClient,
        clientSecret: ids.apiClientSecret,
        authority: server.authority(tenant),
        knownAuthorities: [...server.knownAuthorities],
        authorityMetadata: JSON.stringify({
          token_endpoint: `${server.url}/${tenant}/oauth2/v2.0/token`,
          issuer: `${server.url}/${tenant}/v2.0`,
          jwks_uri: `${server.url}/${tenant}/discovery/v2.0/keys`,
          authorization_endpoint: `${server.url}/${tenant}/oauth2/v2.0/authorize`,
        }),
      },
    });
  }
});
