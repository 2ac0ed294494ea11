import { ensureDevCertificates } from '@stack/identity-server';
import {
  defaultRegistrations,
  startFaultProxy,
  startIdentity,
  type FaultProxy,
  type TestIdentity,
} from '@stack/testing';
import { TokenErrorCodes, TokenRequestError } from './errors';
import { recordingLogger } from './recording-logger.fixture';
import { TokenProvider, type TokenProviderOptions } from './token-provider';

const { apiClient } = defaultRegistrations.clients;
const { apiProxy } = defaultRegistrations.apis;

/**
 * The identity service behind a fault proxy that answers token requests with 429, 503 or a dropped connection.
 * The proxy records when each token request arrives, which is what these tests assert on.
 */
describe('TokenProvider retries (identity service behind a fault proxy)', () => {
  let identity: TestIdentity;
  let proxy: FaultProxy;
  const providers: TokenProvider[] = [];

  function provider(options: Partial<TokenProviderOptions> = {}): TokenProvider {
    const created = new TokenProvider({
      authority: `${proxy.url}/${identity.tenantId}`,
      clientId: apiClient.appId,
      credential: { clientSecret: apiClient.secret as string },
      logger: recordingLogger(),
      ...options,
    });
    providers.push(created);
    return created;
  }

  /** Token requests the proxy saw since the test started. */
  let seenBefore = 0;
  const tokenRequests = () => proxy.tokenRequests().slice(seenBefore);

  beforeAll(async () => {
    identity = await startIdentity();
    // The proxy presents the identity service's own certificate, which this process already trusts.
    const certificates = await ensureDevCertificates(identity.dataDir);
    proxy = await startFaultProxy({
      target: identity.url,
      tls: { certPem: certificates.serverCertPem, keyPem: certificates.serverKeyPem },
      targetCaPem: identity.caCertPem,
    });
  });
  beforeEach(() => {
    seenBefore = proxy.tokenRequests().length;
  });
  afterEach(async () => {
    await Promise.all(providers.splice(0).map((created) => created.close()));
  });
  afterAll(async () => {
    await proxy?.close();
    await identity?.dispose();
  });

  it('honours 429 Retry-After: 2, the next token request arrives no earlier than 2 s later, and succeeds', async () => {
    const logger = recordingLogger();
    const tokens = provider({ logger });
    proxy.failNextTokenRequests(1, { status: 429, retryAfter: 2 });

    const result = await tokens.getToken(apiProxy.scope);

    const [throttled, retried] = tokenRequests();
    expect(throttled.status).toBe(429);
    expect(retried.status).toBe(200);
    // Correctness, not speed: the client must not come back before the server said it may.
    expect(retried.at - throttled.at).toBeGreaterThanOrEqual(2000);
    expect(result.fromCache).toBe(false);
    expect(tokens.counters()).toMatchObject({ tokenRequests: 2, retries: 1 });
    expect(logger.records).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: 'token request failed; retrying',
        fields: expect.objectContaining({ status: 429, delayMs: 2000 }),
      }),
    ]);
  });

  // After a 5xx without Retry-After msal itself would refuse identical requests for 60 s (ThrottlingUtils), so three
  // requests reaching the server within the backoff also shows that the retries get past msal's throttling.
  it("retries 503 with backoff and succeeds, past msal's own client-side throttling", async () => {
    const tokens = provider({ retry: { baseDelayMs: 100 } });
    proxy.failNextTokenRequests(2, { status: 503 });

    const result = await tokens.getToken(apiProxy.scope);

    expect(result.accessToken.split('.')).toHaveLength(3);
    expect(tokenRequests().map((request) => request.status)).toEqual([503, 503, 200]);
    expect(tokens.counters()).toMatchObject({ tokenRequests: 3, retries: 2 });
  });

  it('retries a dropped connection and succeeds', async () => {
    const tokens = provider();
    proxy.failNextTokenRequests(1, { drop: true });

    await tokens.getToken(apiProxy.scope);

    expect(tokenRequests().map((request) => request.status)).toEqual([undefined, 200]);
    expect(tokens.counters().retries).toBe(1);
  });

  it('gives up after maxAttempts with TOKEN_ENDPOINT_UNAVAILABLE and the last status', async () => {
    const tokens = provider({ retry: { maxAttempts: 3, baseDelayMs: 50 } });
    proxy.failNextTokenRequests(3, { status: 503 });

    const error = (await tokens.getToken(apiProxy.scope).catch((e: unknown) => e)) as TokenRequestError;

    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error).toMatchObject({ code: TokenErrorCodes.unavailable, status: 503, attempts: 3, retryable: true });
    expect(tokenRequests()).toHaveLength(3);
  });

  it('does not wait out a Retry-After longer than maxRetryAfterMs: fails with TOKEN_ENDPOINT_THROTTLED and retryAfterMs', async () => {
    const tokens = provider();
    proxy.failNextTokenRequests(1, { status: 429, retryAfter: 120 });

    const error = (await tokens.getToken(apiProxy.scope).catch((e: unknown) => e)) as TokenRequestError;

    expect(error).toMatchObject({ code: TokenErrorCodes.throttled, retryAfterMs: 120_000, status: 429, attempts: 1 });
    expect(error.message).toContain('wait 120 s');
    expect(tokenRequests()).toHaveLength(1);
  });

  it('keeps serving the held token while a background refresh fails, and takes the new one when it succeeds', async () => {
    const logger = recordingLogger();
    // 0.0003 of a 3599 s token: the refresh starts about a second after the first token.
    const tokens = provider({ refreshAheadRatio: 0.0003, retry: { maxAttempts: 1, maxDelayMs: 300 }, logger });
    const first = await tokens.getToken(apiProxy.scope);
    proxy.failNextTokenRequests(1, { status: 503 });

    let latest = first;
    while (latest.accessToken === first.accessToken) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      latest = await tokens.getToken(apiProxy.scope);
      expect(latest.fromCache).toBe(true);
    }
    expect(tokenRequests().map((request) => request.status)).toEqual([200, 503, 200]);
    expect(tokens.counters().misses).toBe(1);
    expect(logger.records.map((record) => record.message)).toContain(
      'background token refresh failed; serving the current token until it expires',
    );
  });
});
