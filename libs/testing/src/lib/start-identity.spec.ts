/** startIdentity + trustDevCa: a working, trusted service for other projects' tests, with msal-node and node:https. */
import { existsSync } from 'node:fs';
import { get } from 'node:https';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { defaultRegistrations } from './default-registrations';
import { startIdentity, type TestIdentity } from './start-identity';

let identity: TestIdentity;
beforeAll(async () => {
  identity = await startIdentity();
});
afterAll(() => identity.dispose());

const { apis, clients } = defaultRegistrations;

it('starts on a free port with the default registrations and a trusted CA (global fetch)', async () => {
  expect(identity.url).toMatch(/^https:\/\/localhost:\d+$/);
  expect(identity.tenantId).toBe(defaultRegistrations.tenantId);
  const response = await fetch(`${identity.url}/health`);
  expect(response.status).toBe(200);
});

it('makes node:https trust the CA too (jwks-rsa and other https.request clients)', async () => {
  const status = await new Promise<number | undefined>((resolve, reject) =>
    get(`${identity.url}/health`, (response) => {
      response.resume();
      resolve(response.statusCode);
    }).on('error', reject),
  );
  expect(status).toBe(200);
});

it('serves msal-node tokens for the default ids, verifiable with jose', async () => {
  const cca = new ConfidentialClientApplication({
    auth: {
      clientId: clients.apiClient.appId,
      clientSecret: clients.apiClient.secret,
      authority: identity.authority(),
      knownAuthorities: [...identity.knownAuthorities],
    },
  });
  const result = await cca.acquireTokenByClientCredential({ scopes: [apis.apiProxy.scope] });
  const jwks = createRemoteJWKSet(new URL(`${identity.authority()}/discovery/v2.0/keys`));
  const { payload } = await jwtVerify(result?.accessToken ?? '', jwks, {
    issuer: identity.issuer('2.0'),
    audience: apis.apiProxy.appId,
  });
  expect(payload['roles']).toEqual(['Echo.Read', 'Echo.Write']);
  expect(identity.tokenRequestCount({ clientId: clients.apiClient.appId, scope: apis.apiProxy.scope })).toBe(1);
});

it('gives certificate clients their generated certificate', () => {
  const cert = identity.clientCertificate(clients.certificateClient.certificateName ?? '');
  expect(cert.privateKeyPem).toContain('BEGIN PRIVATE KEY');
  expect(cert.thumbprints.sha256Hex).toMatch(/^[0-9A-F]{64}$/);
});

it('deletes its temporary data folder on dispose', async () => {
  const other = await startIdentity({ issuerMode: 'microsoft' });
  expect(other.issuer('2.0')).toBe(`https://login.microsoftonline.com/${defaultRegistrations.tenantId}/v2.0`);
  expect(existsSync(other.dataDir)).toBe(true);
  await other.dispose();
  expect(existsSync(other.dataDir)).toBe(false);
});
