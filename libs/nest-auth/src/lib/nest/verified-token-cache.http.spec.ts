import { JwksKeyStore } from '../keys/jwks-key-store';
import { BearerTokenVerifier } from '../verify/bearer-token-verifier';
import { createTestSigningKey, startJwksTestServer, type JwksTestServer } from '../testing/jwks-test-server';
import { startProtectedTestApp, type ProtectedTestApp } from '../testing/protected-test-app';
import { bearer, call, v2Claims } from '../testing/probe-requests';

/** The verified-token cache skips only the signature check: everything else is still decided per request. */
describe('the verified-token cache over HTTP', () => {
  let jwks: JwksTestServer;
  let app: ProtectedTestApp;
  let verifier: BearerTokenVerifier;

  beforeAll(async () => {
    jwks = await startJwksTestServer();
    app = await startProtectedTestApp('fastify', { jwksUri: jwks.jwksUri, keys: { cooldownMs: 0 } });
    verifier = app.app.get(BearerTokenVerifier);
  });
  afterAll(async () => {
    await app.close();
    await jwks.close();
  });

  it('remembers a verified token and still applies each route policy to it', async () => {
    const token = await jwks.sign(v2Claims({ roles: ['Echo.Read'] }));
    const before = verifier.cachedTokens;
    expect((await call(`${app.url}/read`, bearer(token))).status).toBe(200);
    expect(verifier.cachedTokens).toBe(before + 1);
    expect((await call(`${app.url}/read`, bearer(token))).status).toBe(200);
    expect(verifier.cachedTokens).toBe(before + 1);
    const write = await call(`${app.url}/write`, bearer(token), 'POST');
    expect(write.status).toBe(403);
    expect(write.headers['www-authenticate']).toMatch(/error="insufficient_scope"/);
  });

  it('never remembers a token that failed, and refuses a remembered one once its key is withdrawn', async () => {
    const token = await jwks.sign(v2Claims());
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${Buffer.alloc(256, 1).toString('base64url')}`;
    const before = verifier.cachedTokens;
    expect((await call(`${app.url}/read`, bearer(forged))).status).toBe(401);
    expect(verifier.cachedTokens).toBe(before);

    expect((await call(`${app.url}/read`, bearer(token))).status).toBe(200);
    jwks.published = [await createTestSigningKey('key-2')];
    await app.app.get(JwksKeyStore).refresh();
    const refused = await call(`${app.url}/read`, bearer(token));
    expect(refused.status).toBe(401);
    expect(refused.body.reasons?.[0]?.code).toBe('ERR_KEY_NOT_FOUND');
  });
});
