/**
 * Key rotation over HTTPS: admin endpoint, publish-before-sign with a minimum delay, emergency rotation, old tokens
 * keep verifying; restart reuses state.
 */
import { Writable } from 'node:stream';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import pino from 'pino';
import { decodeJwt, getJson, ids, postForm, startTestServer, type TestServer } from '../../test-support/server';
import { MIN_KEY_PUBLISH_DELAY_SECONDS } from '../keys/publish-delay';
import { startIdentityServer } from './start-identity-server';

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

/** Collects a logger's JSON lines. */
function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

describe('rotation', () => {
  let running: TestServer;
  let logLines: Array<Record<string, unknown>>;
  beforeAll(async () => {
    const captured = capturedLogger();
    logLines = captured.lines;
    running = await startTestServer({ logger: captured.logger });
  });
  afterAll(() => running.dispose());

  const emergencyWarnings = () => logLines.filter((line) => line['event'] === 'signing_key_emergency_rotation');

  it('signs at once after an emergency rotation, warns in the log, and keeps tokens signed before it valid', async () => {
    const before = await issue(running);
    const oldKid = decodeJwt(before).header['kid'];

    const rotated = await fetch(`${running.server.url}/admin/keys/rotate?emergency=true`, { method: 'POST' });
    expect(rotated.status).toBe(200);
    const { kid: newKid } = (await rotated.json()) as { kid: string };
    expect(newKid).not.toBe(oldKid);

    const { body } = await getJson(`${running.server.url}/${ids.tenantId}/discovery/v2.0/keys`);
    expect((body['keys'] as Array<{ kid: string }>).map((key) => key.kid).sort()).toEqual([oldKid, newKid].sort());
    await expect(verifyFresh(running, before)).resolves.toBeDefined();

    const after = await issue(running);
    expect(decodeJwt(after).header['kid']).toBe(newKid);
    await expect(verifyFresh(running, after)).resolves.toBeDefined();

    const [warning] = emergencyWarnings();
    expect(warning).toMatchObject({ level: 40, kid: newKid });
    expect(warning['msg']).toContain('validators refuse tokens with its kid until they refetch');
  });

  it('rotates at once with rotateKeys({ emergency: true }) and warns', async () => {
    const warnings = emergencyWarnings().length;
    const { kid } = await running.server.rotateKeys({ emergency: true });
    expect(running.server.signingKey().kid).toBe(kid);
    expect(decodeJwt(await issue(running)).header['kid']).toBe(kid);
    expect(emergencyWarnings()).toHaveLength(warnings + 1);
  });

  it('refuses rotateKeys with a delay below the minimum or combined with emergency', async () => {
    await expect(running.server.rotateKeys({ publishDelaySeconds: 0 })).rejects.toThrow(
      /publishDelaySeconds must be at least 180 seconds, got 0: validators refresh .*emergency: true/,
    );
    await expect(running.server.rotateKeys({ emergency: true, publishDelaySeconds: 600 })).rejects.toThrow(
      /either emergency or publishDelaySeconds/,
    );
  });

  it('refuses emergency combined with a publish delay, and a bad emergency value', async () => {
    for (const query of [`emergency=true&publishDelaySeconds=600`, 'emergency=yes', 'emergency=true&emergency=true']) {
      const response = await fetch(`${running.server.url}/admin/keys/rotate?${query}`, { method: 'POST' });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    }
  });

  it('rotates with the configured default delay when none is given', async () => {
    const signing = running.server.signingKey().kid;
    const response = await fetch(`${running.server.url}/admin/keys/rotate`, { method: 'POST' });
    const { kid, activatesAt } = (await response.json()) as { kid: string; activatesAt: string };
    expect(Date.parse(activatesAt) - Date.now()).toBeGreaterThan(MIN_KEY_PUBLISH_DELAY_SECONDS * 1000);
    expect(running.server.publishedKeyIds()).toContain(kid);
    expect(running.server.signingKey().kid).toBe(signing);
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

  it('refuses a publish delay shorter than validators need, naming the minimum and the emergency option', async () => {
    const signing = running.server.signingKey().kid;
    for (const delay of ['0', '179']) {
      const response = await fetch(`${running.server.url}/admin/keys/rotate?publishDelaySeconds=${delay}`, {
        method: 'POST',
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ error: 'invalid_request', error_codes: [9002313] });
      expect(body['error_description']).toContain('at least 180 seconds');
      expect(body['error_description']).toContain('emergency=true');
    }
    expect(running.server.signingKey().kid).toBe(signing);
  });

  it('refuses a bad publishDelaySeconds with invalid_request', async () => {
    const response = await fetch(`${running.server.url}/admin/keys/rotate?publishDelaySeconds=soon`, {
      method: 'POST',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });
});

it('refuses to start with a publish delay below the minimum, naming it and why', async () => {
  await expect(
    startIdentityServer({ dataDir: 'unused', registrations: { tenant: {} } as never, keyPublishDelaySeconds: 60 }),
  ).rejects.toThrow(
    'keyPublishDelaySeconds must be at least 180 seconds, got 60: validators refresh their key cache every 120 s and refetch for an unknown kid at most once per 30 s',
  );
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
