import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { PolicyTestHost, staticSigningKeys } from '@stack/apim-policy';

// The stack's default Echo API policies, exactly as the gateway loads them.
const config = join(__dirname, '../../../config/gateway');
const read = (file: string) => readFileSync(join(config, 'policies', file), 'utf8');
const fragment = (id: string) => readFileSync(join(config, 'fragments', `${id}.xml`), 'utf8');

const tenant = '3c1d8f2a-6b4e-4f7a-9d2c-5e8b1a7f4c60';
const apiAppId = '4a41d081-77b5-4936-b87c-52b76b36dbc2';
const clientAppId = 'f73ba7f2-5bf9-44b5-b82c-e4b191a80c41';
const issuer = `https://login.microsoftonline.com/${tenant}/v2.0`;
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** An Entra-shaped app token signed with the test key. */
function token(roles: string[]): Promise<string> {
  return new SignJWT({ azp: clientAppId, roles, ver: '2.0' })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(apiAppId)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
}

describe('the Echo API policy', () => {
  const host = new PolicyTestHost({
    policies: {
      global: read('global.xml'),
      api: read('apis/echo-api.xml'),
      operations: {
        'create-resource': read('operations/echo-api/create-resource.xml'),
        'test-status': read('operations/echo-api/test-status.xml'),
      },
      fragments: { 'response-hardening': fragment('response-hardening') },
    },
    namedValues: {
      'tenant-id': tenant,
      'api-app-id': apiAppId,
      'client-app-id': clientAppId,
      'norole-client-app-id': '6c8e0a2b-4d6f-4b8c-ae2f-3f5b7d9f1c4e',
      'cert-client-app-id': '0e2a4c6d-8f1b-4d3e-9a5c-6b8d0f2a4c7e',
      'portal-client-app-id': '272a7756-b7b0-4d47-9fbc-a620fd89c7aa',
    },
    api: {
      id: 'echo-api',
      path: 'echo',
      operations: [
        { id: 'retrieve-resource', method: 'GET', urlTemplate: '/resource' },
        { id: 'create-resource', method: 'POST', urlTemplate: '/resource' },
        { id: 'test-status', method: 'GET', urlTemplate: '/status' },
      ],
    },
    signingKeys: staticSigningKeys({ issuer, keys: { 'test-key': publicKey } }),
    backend: (request) => ({ status: 200, body: { echoed: request.method } }),
  });

  it('refuses a call without a token with APIM 401 body, before the backend', async () => {
    const result = await host.send({ method: 'GET', path: '/echo/resource' });

    expect(result.status).toBe(401);
    expect(result.json()).toEqual({
      statusCode: 401,
      message: 'Unauthorized. Access token is missing or invalid.',
    });
    expect(result.forwarded).toBeUndefined();
    expect(result.lastError).toMatchObject({ source: 'validate-jwt', reason: 'TokenNotPresent' });
  });

  it('forwards a valid token and tags the answer with the request id', async () => {
    const result = await host.send({
      method: 'GET',
      path: '/echo/resource',
      headers: { Authorization: `Bearer ${await token(['Echo.Read'])}` },
    });

    expect(result.status).toBe(200);
    expect(result.forwarded?.url).toBe('https://backend.test/resource');
    expect(result.variables['jwt']).toBeDefined(); // output-token-variable-name="jwt"
    expect(result.headers['x-request-id']).toBe(result.context?.requestId);
    expect(result.trace.map((step) => `${step.scope}:${step.policy}`)).toEqual([
      'global:set-header', // the request id, to the backend
      'api:validate-jwt',
      'api:choose', // a user token (scp) would also need a delegated scope; an app token goes on
      'global:set-header', // and on the answer
      'api:include-fragment', // response-hardening: its three set-headers follow
      'api:set-header',
      'api:set-header',
      'api:set-header',
    ]);
  });

  it('answers 403 to a write without the Echo.Write role', async () => {
    const result = await host.send({
      method: 'POST',
      path: '/echo/resource',
      headers: { Authorization: `Bearer ${await token(['Echo.Read'])}` },
      body: { name: 'x' },
    });

    expect(result.status).toBe(403);
    expect(result.json()).toEqual({
      statusCode: 403,
      message: 'Claim roles value of Echo.Read is not allowed. Access denied.',
    });
    expect(result.forwarded).toBeUndefined();
  });

  it('answers the status probe itself, without a token or the backend', async () => {
    const result = await host.send({ method: 'GET', path: '/echo/status' });

    expect(result.json()).toEqual({ status: '200', message: 'OK' });
    expect(result.forwarded).toBeUndefined();
  });
});
