import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, type JWTPayload } from 'jose';
import { PolicyTestHost, staticSigningKeys } from '@stack/apim-policy';

/**
 * The portal trap and its fix, on the real policy files (issue 15, docs/decisions/019-roles-or-scopes.md): the Echo
 * API (roles OR scp) and echo-api-app-only (the original policy: roles required) with app tokens (client credentials:
 * `roles`) and users' delegated tokens (`scp`) signed by a test key. Ids and operations are read from the config.
 */
const config = join(__dirname, '../../../../config/gateway');
const read = (file: string) => readFileSync(join(config, file), 'utf8');
const json = <T>(file: string) => JSON.parse(read(file)) as T;

type NamedValue = string | { env: string; default?: string };
const namedValues = Object.fromEntries(
  Object.entries(json<{ namedValues: Record<string, NamedValue> }>('named-values.json').namedValues).map(
    ([name, value]) => [name, typeof value === 'string' ? value : (value.default ?? '')],
  ),
);
interface ApiEntry {
  id: string;
  path: string;
  operations: { id: string; method: string; urlTemplate: string }[];
}
const apis = json<{ apis: ApiEntry[] }>('apis.json').apis;

const tenant = namedValues['tenant-id'];
const issuer = `https://login.microsoftonline.com/${tenant}/v2.0`;
const daemon = namedValues['client-app-id'];
const portal = namedValues['portal-client-app-id'];
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

function sign(claims: JWTPayload): Promise<string> {
  return new SignJWT({ ver: '2.0', tid: tenant, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(namedValues['api-app-id'])
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
}

/** A client-credentials token: `roles` (maybe none), no `scp`, `oid` = `sub` (the client's service principal). */
const appToken = (roles?: string[]) =>
  sign({ azp: daemon, azpacr: '1', oid: 'sp-object-id', sub: 'sp-object-id', ...(roles ? { roles } : {}) });

/** Adele signed in through the portal's SPA client: delegated scopes in `scp`, no app role. */
const adele = (scp = 'Echo.Read.User') =>
  sign({
    azp: portal,
    azpacr: '0',
    scp,
    oid: '94642285-d159-4d96-bac8-92ba0d8aaac5',
    sub: 'pairwise-subject',
    name: 'Adele Vance',
    preferred_username: 'adele@stack.local',
  });

/** Megan: signed in too, and assigned the app role Echo.Read as a user, so her token carries both. */
const megan = () =>
  sign({
    azp: portal,
    azpacr: '0',
    scp: 'Echo.Read.User',
    roles: ['Echo.Read'],
    oid: 'f61504a2-2263-4c74-87b7-37a72dbf058d',
    sub: 'pairwise-subject-2',
    name: 'Megan Bowen',
  });

function hostFor(apiId: string): PolicyTestHost {
  const api = apis.find((entry) => entry.id === apiId);
  if (!api) throw new Error(`apis.json has no API ${apiId}`);
  const operations: Record<string, string> = {};
  for (const operation of api.operations) {
    try {
      operations[operation.id] = read(`policies/operations/${apiId}/${operation.id}.xml`);
    } catch {
      // No policy of its own: the API's policy applies.
    }
  }
  return new PolicyTestHost({
    policies: {
      global: read('policies/global.xml'),
      api: read(`policies/apis/${apiId}.xml`),
      operations,
      fragments: { 'response-hardening': read('fragments/response-hardening.xml') },
    },
    namedValues,
    api: { id: api.id, path: api.path, operations: api.operations },
    signingKeys: staticSigningKeys({ issuer, keys: { 'test-key': publicKey } }),
    backend: (request) => ({ status: 200, body: { echoed: request.method } }),
  });
}

describe('the Echo API policy (roles OR scp)', () => {
  const host = hostFor('echo-api');
  const send = async (token: string, method = 'GET') =>
    host.send({
      method,
      path: '/echo/resource',
      headers: { Authorization: `Bearer ${token}` },
      ...(method === 'POST' ? { body: { name: 'x' } } : {}),
    });

  it('forwards an app token with its roles, as before', async () => {
    const result = await send(await appToken(['Echo.Read']));
    expect(result.status).toBe(200);
    expect(result.forwarded?.url).toBe('https://backend.test/resource');
  });

  it("forwards a portal user's token that carries a delegated scope (the fix)", async () => {
    const result = await send(await adele());
    expect(result.status).toBe(200);
    expect(result.forwarded).toBeDefined();
    expect(result.trace.map((step) => step.policy)).not.toContain('return-response');
  });

  it('forwards a user token that carries both scp and an assigned app role', async () => {
    expect((await send(await megan())).status).toBe(200);
  });

  it("answers 403 to a user token without any of the API's delegated scopes, saying so", async () => {
    const result = await send(await adele('User.Read'));
    expect(result.status).toBe(403);
    expect(result.json()).toEqual({
      statusCode: 403,
      message:
        "This is a user token: it carries scp, but none of the Echo API's delegated scopes (Echo.Read.User, Echo.Write.User). Sign in again and consent to one of them.",
    });
    expect(result.forwarded).toBeUndefined();
  });

  it('refuses a client that is not known (azp), user or app, with the 401 of the write-up', async () => {
    const stranger = await sign({ azp: 'cccccccc-0000-0000-0000-000000000000', scp: 'Echo.Read.User' });
    const result = await send(stranger);
    expect(result.status).toBe(401);
    expect(result.lastError).toMatchObject({ reason: 'TokenClaimValueNotAllowed' });
  });

  it('writes: a user needs Echo.Write.User in scp, an app the Echo.Write role', async () => {
    expect((await send(await adele('Echo.Read.User Echo.Write.User'), 'POST')).status).toBe(200);
    const reader = await send(await adele('Echo.Read.User'), 'POST');
    expect(reader.status).toBe(403);
    expect(reader.json()).toMatchObject({ message: expect.stringContaining('Echo.Write.User') });
    expect((await send(await appToken(['Echo.Write']), 'POST')).status).toBe(200);
    const appReader = await send(await appToken(['Echo.Read']), 'POST');
    expect(appReader.json()).toEqual({
      statusCode: 403,
      message: 'Claim roles value of Echo.Read is not allowed. Access denied.',
    });
  });
});

describe('echo-api-app-only: the original policy, roles required', () => {
  const host = hostFor('echo-api-app-only');
  const path = `/${apis.find((api) => api.id === 'echo-api-app-only')?.path}/resource`;
  const send = async (token: string) => host.send({ path, headers: { Authorization: `Bearer ${token}` } });

  it('serves the daemon with its app role, on the same Echo backend', async () => {
    const result = await send(await appToken(['Echo.Read']));
    expect(result.status).toBe(200);
    expect(result.forwarded?.url).toBe('https://backend.test/resource');
  });

  it("refuses the portal user's token (scp, no roles) with 403 and the explanation: the trap", async () => {
    const result = await send(await adele());
    expect(result.status).toBe(403);
    expect(result.json()).toEqual({
      statusCode: 403,
      message:
        "This API accepts application tokens only: the token carries delegated scopes (scp) of a signed-in user, not app roles (roles). Call it with client credentials, or use the Echo API (/echo), whose policy also accepts a user's delegated scopes.",
    });
    expect(result.lastError).toMatchObject({ source: 'validate-jwt', reason: 'TokenClaimNotFound' });
    expect(result.forwarded).toBeUndefined();
  });

  it('lets a user through when the user was assigned the app role (as Entra would)', async () => {
    expect((await send(await megan())).status).toBe(200);
  });

  it("refuses an app token without a role with APIM's own message", async () => {
    const result = await send(await appToken());
    expect(result.status).toBe(403);
    expect(result.json()).toEqual({
      statusCode: 403,
      message: 'JWT token is missing the following claims: roles. Access denied.',
    });
  });
});
