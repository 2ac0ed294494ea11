import { defaultRegistrations, startIdentity, type TestIdentity } from '@stack/testing';
import { MemoryTokenCache } from './cache/memory-token-cache';
import { readCertificateCredential } from './credentials';
import { TokenErrorCodes, TokenRequestError } from './errors';
import { recordingLogger } from './recording-logger.fixture';
import { TokenProvider, type TokenProviderOptions } from './token-provider';

const { apiClient, certificateClient, expiredSecretClient } = defaultRegistrations.clients;
const { apiProxy, legacyApi } = defaultRegistrations.apis;

describe('TokenProvider against the local identity service (real msal-node, real HTTPS)', () => {
  let identity: TestIdentity;
  const providers: TokenProvider[] = [];

  function provider(options: Partial<TokenProviderOptions> = {}): TokenProvider {
    const created = new TokenProvider({
      authority: identity.authority(),
      clientId: apiClient.appId,
      credential: { clientSecret: apiClient.secret as string },
      logger: recordingLogger(),
      ...options,
    });
    providers.push(created);
    return created;
  }

  const issued = (clientId: string, scope: string) => identity.tokenRequestCount({ clientId, scope });

  beforeAll(async () => {
    identity = await startIdentity();
  });
  afterEach(async () => {
    await Promise.all(providers.splice(0).map((created) => created.close()));
    identity.resetCounters();
  });
  afterAll(async () => {
    await identity?.dispose();
  });

  it('answers 100 concurrent getToken() calls on a cold provider with exactly one token request', async () => {
    const tokens = provider();
    const results = await Promise.all(Array.from({ length: 100 }, () => tokens.getToken(apiProxy.scope)));

    expect(issued(apiClient.appId, apiProxy.scope)).toBe(1);
    expect(new Set(results.map((result) => result.accessToken)).size).toBe(1);
    expect(results.every((result) => result.fromCache === false && result.expiresOn > new Date())).toBe(true);
    expect(tokens.counters()).toMatchObject({ misses: 100, hits: 0, tokenRequests: 1, retries: 0 });

    const again = await tokens.getToken(apiProxy.scope);
    expect(again).toMatchObject({ accessToken: results[0].accessToken, fromCache: true });
    expect(tokens.counters().hits).toBe(1);
    expect(issued(apiClient.appId, apiProxy.scope)).toBe(1);
  });

  it('keeps one token per scope', async () => {
    const tokens = provider();
    const [proxyToken, legacyToken] = await Promise.all([
      tokens.getToken(apiProxy.scope),
      tokens.getToken(legacyApi.scope),
    ]);
    expect(proxyToken.accessToken).not.toBe(legacyToken.accessToken);
    expect(issued(apiClient.appId, apiProxy.scope)).toBe(1);
    expect(issued(apiClient.appId, legacyApi.scope)).toBe(1);
  });

  it('authenticates with a certificate credential read from PEM files', async () => {
    const certificate = identity.clientCertificate(certificateClient.certificateName as string);
    const tokens = provider({
      clientId: certificateClient.appId,
      credential: { certificate: await readCertificateCredential(certificate.certPath, certificate.keyPath) },
    });
    const result = await tokens.getToken(apiProxy.scope);
    expect(result.accessToken.split('.')).toHaveLength(3);
    expect(issued(certificateClient.appId, apiProxy.scope)).toBe(1);
  });

  it('fails at once on a wrong secret, with AADSTS7000215 and invalid_client, without retrying', async () => {
    const logger = recordingLogger();
    const tokens = provider({ credential: { clientSecret: 'not-the-secret' }, logger });
    const error = await tokens.getToken(apiProxy.scope).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error).toMatchObject({
      code: 'AADSTS7000215',
      error: 'invalid_client',
      status: 401,
      retryable: false,
      attempts: 1,
    });
    expect((error as Error).message).toContain('client secret is wrong');
    expect((error as Error).message).not.toContain('not-the-secret');
    expect(tokens.counters()).toMatchObject({ tokenRequests: 1, retries: 0 });
    expect(logger.records).toEqual([]);
  });

  it('fails at once on an expired secret with AADSTS7000222', async () => {
    const tokens = provider({
      clientId: expiredSecretClient.appId,
      credential: { clientSecret: expiredSecretClient.secret as string },
    });
    await expect(tokens.getToken(apiProxy.scope)).rejects.toMatchObject({ code: 'AADSTS7000222', attempts: 1 });
  });

  it('fails at once on a scope of an unknown resource, saying what to check', async () => {
    const tokens = provider();
    const error = (await tokens
      .getToken('api://00000000-0000-0000-0000-000000000000/.default')
      .catch((e: unknown) => e)) as TokenRequestError;
    expect(error.code).toMatch(/^AADSTS\d+$/);
    expect(error.retryable).toBe(false);
    expect(tokens.counters().retries).toBe(0);
  });

  it('fails with AUTHORITY_METADATA_NOT_FOUND, not a retry loop, when the authority has no OpenID configuration', async () => {
    const tokens = provider({ authority: `${identity.url}/not/a/tenant/path` });
    const error = (await tokens.getToken(apiProxy.scope).catch((e: unknown) => e)) as TokenRequestError;
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error.code).toBe(TokenErrorCodes.authorityNotFound);
    expect(error.message).toContain('check the authority URL');
  });

  it('refreshes ahead of expiry in the background while callers keep getting the held token without waiting', async () => {
    // 0.0003 of a 3599 s token: the refresh starts about a second after the first token.
    const tokens = provider({ refreshAheadRatio: 0.0003 });
    const first = await tokens.getToken(apiProxy.scope);

    let latest = first;
    while (latest.accessToken === first.accessToken) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      latest = await tokens.getToken(apiProxy.scope);
      expect(latest.fromCache).toBe(true);
    }
    const counters = tokens.counters();
    expect(counters.refreshes).toBeGreaterThanOrEqual(1);
    expect(counters.misses).toBe(1); // only the very first call waited
    expect(latest.expiresOn.getTime()).toBeGreaterThan(first.expiresOn.getTime());
    expect(issued(apiClient.appId, apiProxy.scope)).toBeGreaterThanOrEqual(2);
  });

  it('invalidate() makes the next getToken() fetch a new token instead of the cached one', async () => {
    const tokens = provider();
    const first = await tokens.getToken(apiProxy.scope);
    tokens.invalidate(apiProxy.scope);
    const second = await tokens.getToken(apiProxy.scope);

    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.fromCache).toBe(false);
    expect(issued(apiClient.appId, apiProxy.scope)).toBe(2);
  });

  it('lets providers with separate msal instances share one MemoryTokenCache: one token request between them', async () => {
    const cache = new MemoryTokenCache();
    const [one, two] = [provider({ cache }), provider({ cache })];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? one : two).getToken(apiProxy.scope)),
    );
    expect(new Set(results.map((result) => result.accessToken)).size).toBe(1);
    expect(issued(apiClient.appId, apiProxy.scope)).toBe(1);
    expect(one.counters().sharedCacheHits + two.counters().sharedCacheHits).toBe(1);
  });

  it('rejects calls after close() with TOKEN_PROVIDER_CLOSED', async () => {
    const tokens = provider();
    await tokens.close();
    await expect(tokens.getToken(apiProxy.scope)).rejects.toMatchObject({ code: TokenErrorCodes.closed });
  });
});
