/**
 * Client assertions with hostile shapes over HTTPS: deeply nested JSON (validly signed, so every check after the
 * signature sees it), non-canonical base64url spellings of a valid assertion, and absurd lifetimes. Each gets an
 * AADSTS 401, never a 5xx.
 */
import { createPrivateKey, randomUUID, sign, type KeyObject } from 'node:crypto';
import { ids, postForm, startTestServer, type TestServer } from '../../test-support/server';
import { nestedJson, withUnusedBitSet } from '../../test-support/hostile-requests';
import { JWT_BEARER_ASSERTION_TYPE } from './verify-client-assertion';

let running: TestServer;
let key: KeyObject;
let x5t: string;
beforeAll(async () => {
  running = await startTestServer();
  const cert = running.server.clientCertificate(ids.certName);
  key = createPrivateKey(cert.privateKeyPem);
  x5t = cert.thumbprints.x5t;
});
afterAll(() => running.dispose());

const tokenUrl = () => `${running.server.url}/${ids.tenantId}/oauth2/v2.0/token`;
const b64u = (text: string) => Buffer.from(text).toString('base64url');

/** An RS256 assertion over exactly these JSON texts. */
function signed(claims: string, header = `{"alg":"RS256","x5t":"${x5t}"}`): string {
  const input = `${b64u(header)}.${b64u(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

function claimsText(overrides: Record<string, string> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const members = {
    iss: JSON.stringify(ids.certClient),
    sub: JSON.stringify(ids.certClient),
    aud: JSON.stringify(tokenUrl()),
    jti: JSON.stringify(randomUUID()),
    nbf: String(now),
    exp: String(now + 600),
    ...overrides,
  };
  return `{${Object.entries(members)
    .map(([name, value]) => `${JSON.stringify(name)}:${value}`)
    .join(',')}}`;
}

const post = (assertion: string) =>
  postForm(tokenUrl(), {
    grant_type: 'client_credentials',
    client_id: ids.certClient,
    client_assertion_type: JWT_BEARER_ASSERTION_TYPE,
    client_assertion: assertion,
    scope: `${ids.apiProxyUri}/.default`,
  });

it('accepts the well-formed assertion these cases derive from', async () => {
  expect((await post(signed(claimsText()))).status).toBe(200);
});

// iss and aud deep enough to overflow String() (which answered 503 before); jti as deep as a 16 KiB token allows.
it.each([
  ['iss', 5000, 'array'],
  ['aud', 5000, 'array'],
  ['jti', 1800, 'object'],
] as const)('refuses a signed assertion whose %s nests %i levels (%s) with AADSTS50027', async (claim, depth, kind) => {
  const response = await post(signed(claimsText({ [claim]: nestedJson(depth, kind) })));
  expect(response.status).toBe(401);
  expect(response.body['error_codes']).toEqual([50027]);
  expect(response.body['error_description']).toContain('nests deeper than');
});

it('refuses a header alg nested 5000 levels with AADSTS50027', async () => {
  const response = await post(signed(claimsText(), `{"alg":${nestedJson(5000, 'array')},"x5t":"${x5t}"}`));
  expect(response.status).toBe(401);
  expect(response.body['error_codes']).toEqual([50027]);
});

it.each([
  ['an unused low bit set in the signature', (token: string) => token.replace(/[^.]+$/, withUnusedBitSet)],
  ['= padding on the signature', (token: string) => `${token}==`],
  ['+ and / instead of - and _', (token: string) => token.replace(/-/g, '+').replace(/_/g, '/')],
])('refuses the same signed assertion spelled with %s (one assertion, one spelling)', async (_, respell) => {
  const assertion = signed(claimsText());
  const respelled = respell(assertion);
  expect(respelled).not.toBe(assertion);
  const response = await post(respelled);
  expect(response.status).toBe(401);
  expect(response.body['error_codes']).toEqual([50027]);
  expect(response.body['error_description']).toContain('canonical');
});

it('refuses an assertion whose exp lies beyond year 9999 (so no replay-cache entry lives forever)', async () => {
  const response = await post(signed(claimsText({ exp: '1e308' })));
  expect(response.status).toBe(401);
  expect(response.body['error_codes']).toEqual([50027]);
});
