/**
 * One injectable clock (`now`): the default publish delay runs on a virtual clock, and token times, the key
 * schedule and client-assertion lifetimes all read it.
 */
import { randomUUID } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import { decodeJwt, getJson, ids, postForm, startTestServer, type TestServer } from '../../test-support/server';
import { JWT_BEARER_ASSERTION_TYPE } from '../client-auth/verify-client-assertion';
import { ISSUED_AT_BACKDATE_SECONDS } from '../tokens/access-token-claims';
import { IDENTITY_DEFAULTS } from './start-identity-server';

/**
 * Two days ahead of the real time: far enough that a check reading the real clock fails, near enough that the
 * generated client certificate (valid from the real time) is still valid.
 */
const START = Date.now() + 2 * 24 * 60 * 60 * 1000;
let clock = START;
let running: TestServer;

beforeAll(async () => {
  running = await startTestServer({ now: () => clock });
});
afterAll(() => running.dispose());

const tokenUrl = () => `${running.server.url}/${ids.tenantId}/oauth2/v2.0/token`;

async function issue(): Promise<{ kid: unknown; iat: unknown; exp: unknown }> {
  const { status, body } = await postForm(tokenUrl(), {
    grant_type: 'client_credentials',
    client_id: ids.apiClient,
    client_secret: ids.apiClientSecret,
    scope: `${ids.apiProxyUri}/.default`,
  });
  expect(status).toBe(200);
  const { header, payload } = decodeJwt(body['access_token'] as string);
  return { kid: header['kid'], iat: payload['iat'], exp: payload['exp'] };
}

async function jwksKids(): Promise<string[]> {
  const { body } = await getJson(`${running.server.url}/${ids.tenantId}/discovery/v2.0/keys`);
  return (body['keys'] as Array<{ kid: string }>).map((key) => key.kid);
}

it('rotates with the default delay: the new kid is published at once and signs only once the clock passes it', async () => {
  const oldKid = running.server.signingKey().kid;
  const { kid: newKid, activatesAt } = await running.server.rotateKeys();
  expect(activatesAt.getTime()).toBe(clock + IDENTITY_DEFAULTS.keyPublishDelaySeconds * 1000);
  expect(await jwksKids()).toEqual(expect.arrayContaining([oldKid, newKid]));
  expect((await issue()).kid).toBe(oldKid);

  clock += IDENTITY_DEFAULTS.keyPublishDelaySeconds * 1000 - 1000;
  expect((await issue()).kid).toBe(oldKid);

  clock += 1000;
  const after = await issue();
  expect(after.kid).toBe(newKid);
  // Token times come from the same clock.
  const nowSeconds = Math.floor(clock / 1000);
  expect(after.iat).toBe(nowSeconds - ISSUED_AT_BACKDATE_SECONDS);
  expect(after.exp).toBe(nowSeconds + IDENTITY_DEFAULTS.tokenLifetimeSeconds);
  // The old key stays published for the tokens it signed.
  expect(await jwksKids()).toEqual(expect.arrayContaining([oldKid, newKid]));
});

it('checks client-assertion lifetimes against the same clock', async () => {
  const cert = running.server.clientCertificate(ids.certName);
  const key = await importPKCS8(cert.privateKeyPem, 'PS256');
  const assertionAt = async (nowMs: number) => {
    const seconds = Math.floor(nowMs / 1000);
    return new SignJWT({ aud: tokenUrl(), iss: ids.certClient, sub: ids.certClient, jti: randomUUID() })
      .setNotBefore(seconds)
      .setExpirationTime(seconds + 600)
      .setProtectedHeader({ alg: 'PS256', 'x5t#S256': cert.thumbprints.x5tS256 })
      .sign(key);
  };
  const request = async (assertion: string) =>
    postForm(tokenUrl(), {
      grant_type: 'client_credentials',
      client_id: ids.certClient,
      client_assertion_type: JWT_BEARER_ASSERTION_TYPE,
      client_assertion: assertion,
      scope: `${ids.apiProxyUri}/.default`,
    });

  expect((await request(await assertionAt(clock))).status).toBe(200);
  const realTime = await request(await assertionAt(Date.now()));
  expect(realTime.status).toBe(401);
  expect(realTime.body['error_codes']).toEqual([700024]);
  // Error timestamps read the clock too.
  expect(realTime.body['timestamp']).toBe(
    new Date(clock)
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d{3}Z$/, 'Z'),
  );
});

it('rotates on schedule with the configured publish delay, on the same clock', async () => {
  const first = await startTestServer({ now: () => clock });
  const { dataDir } = first;
  const oldKid = first.server.signingKey().kid;
  await first.server.close();
  // Two hours later on the virtual clock, the key is older than the one-hour interval: rotation at start-up.
  clock += 2 * 3600 * 1000;
  const second = await startTestServer({ dataDir, now: () => clock, keyRotationIntervalSeconds: 3600 });
  try {
    // The start-up check rotates in the background: wait until the new key is listed.
    let body: Record<string, unknown> = {};
    let published: Array<{ kid: string; activatesAt: string }> = [];
    while (published.length < 2) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      ({ body } = await getJson(`${second.server.url}/admin/keys`));
      published = body['published'] as typeof published;
    }
    const added = published.find((key) => key.kid !== oldKid);
    expect(added?.activatesAt).toBe(new Date(clock + IDENTITY_DEFAULTS.keyPublishDelaySeconds * 1000).toISOString());
    expect(body['signingKid']).toBe(oldKid);
  } finally {
    await second.dispose();
    await first.dispose();
  }
}, 60_000);
