/** Key rotation over HTTPS: admin endpoint, publish-before-sign, old tokens keep verifying; restart reuses state. */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { decodeJwt, getJson, ids, postForm, startTestServer, type TestServer } from '../../test-support/server';

const tokenRequest = {
  grant_type: 'client_credentials',
  client_id: ids.apiClient,
  client_secret: ids.apiClientSecret,
  scope: `${ids.apiProxyUri}/.default`,
};

async function issue(running: TestServer): Promise<string> {
  const { body } = await postForm(`${running.server.url}/${ids.tenantId}/oauth2/v2.0/token`, tokenRequest);
  return body['access_token'] as string;
}

/** Verifies against a freshly fetched JWKS (no cache carried over between calls). */
function verifyFresh(running: TestServer, token: string, issuer = running.server.issuer('2.0')) {
  const jwks = createRemoteJWKSet(new URL(`${running.server.url}/${ids.tenantId}/discovery/v2.0/keys`));
  return jwtVerify(token, jwks, { issuer, audience: ids.apiProxy });
}

describe('rotation', () => {
  let running: TestServer;
  beforeAll(async () => {
    running = await startTestServer();
  });
  afterAll(() => running.dispose());

  it('keeps tokens signed before a rotation valid and signs new tokens with the new kid', async () => {
    const before = await issue(running);
    const oldKid = decodeJwt(before).header['kid'];

    const rotated = await fetch(`${running.server.url}/admin/keys/rotate?publishDelaySeconds=0`, { method: 'POST' });
    expect(rotated.status).toBe(200);
    const { kid: newKid } = (await rotated.json()) as { kid: string };
    expect(newKid).not.toBe(oldKid);

    const { body } = await getJson(`${running.server.url}/${ids.tenantId}/discovery/v2.0/keys`);
    expect((body['keys'] as Array<{ kid: string }>).map((key) => key.kid).sort()).toEqual([oldKid, newKid].sort());
    await expect(verifyFresh(running, before)).resolves.toBeDefined();

    const after = await issue(running);
    expect(decodeJwt(after).header['kid']).toBe(newKid);
    await expect(verifyFresh(running, after)).resolves.toBeDefined();
  });

  it('publishes a new key before it signs when a publish delay is set', async () => {
    const signing = running.server.signingKey().kid;
    const { kid } = await running.server.rotateKeys({ publishDelaySeconds: 3600 });
    expect(running.server.publishedKeyIds()).toContain(kid);
    expect(running.server.signingKey().kid).toBe(signing);
    expect(decodeJwt(await issue(running)).header['kid']).toBe(signing);

    const state = await getJson(`${running.server.url}/admin/keys`);
    expect(state.body['signingKid']).toBe(signing);
    expect((state.body['published'] as Array<{ kid: string }>).map((key) => key.kid)).toContain(kid);
  });

  it('refuses a bad publishDelaySeconds with invalid_request', async () => {
    const response = await fetch(`${running.server.url}/admin/keys/rotate?publishDelaySeconds=soon`, {
      method: 'POST',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('restart', () => {
  it('reuses the CA, the server certificate, the signing keys and the client certificates', async () => {
    const first = await startTestServer();
    const { dataDir } = first;
    const token = await issue(first);
    const snapshot = {
      ca: first.server.caCertPem,
      kid: first.server.signingKey().kid,
      client: first.server.clientCertificate(ids.certName).thumbprints.sha256Hex,
    };
    await first.server.close();

    const second = await startTestServer({ dataDir });
    try {
      expect(second.server.caCertPem).toBe(snapshot.ca);
      expect(second.server.signingKey().kid).toBe(snapshot.kid);
      expect(second.server.clientCertificate(ids.certName).thumbprints.sha256Hex).toBe(snapshot.client);
      // The port differs between the two runs (port 0), so the issuer is the first run's.
      await expect(verifyFresh(second, token, first.server.issuer('2.0'))).resolves.toBeDefined();
    } finally {
      await second.server.close();
      await first.dispose();
    }
  });
});
