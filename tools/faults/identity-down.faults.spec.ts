/**
 * Fault: the identity service is down (its process killed). Validators keep their last-known-good keys: protected-api
 * and the gateway keep accepting valid tokens with known kids; a token with an unknown kid gets 503 + Retry-After from
 * protected-api (it cannot tell an unknown key from one it failed to fetch) and the policy's failure status (401,
 * APIM's body) from the gateway, never a 500; the worker keeps calling with the token it holds.
 */
import { clientCredentialsToken, defaultRegistrations } from '@stack/testing';
import { callGateway, callProtectedApi, unknownKidToken } from './fault-calls';
import { sleep, startFaultStack, waitFor, type FaultStack } from './fault-stack';

const { apis, clients, tenantId } = defaultRegistrations;

/** protected-api's unknown-kid cooldown, short so the first unknown kid after the kill reaches the dead identity. */
const PROTECTED_API_COOLDOWN_SECONDS = 2;
/** The gateway's unknown-kid cooldown (nest-auth's default, not configurable there). */
const GATEWAY_COOLDOWN_MS = 30_000;

describe('fault: identity service down', () => {
  let faults: FaultStack;
  let validToken: string;

  beforeAll(async () => {
    faults = await startFaultStack({ env: { AUTH_KEY_COOLDOWN_SECONDS: String(PROTECTED_API_COOLDOWN_SECONDS) } });
    validToken = await clientCredentialsToken(
      { url: faults.url('identity'), tenantId },
      clients.apiClient,
      apis.apiProxy.scope,
    );
    // Both validators have fetched the keys and the worker holds its token before the identity service goes away.
    expect((await callProtectedApi(faults, validToken)).status).toBe(200);
    expect((await callGateway(faults, validToken)).status).toBe(200);
    await waitFor(
      'the worker to call',
      () => faults.workerHealth(),
      (health) => health.calls.ok >= 10,
    );
  }, 90_000);

  afterAll(async () => {
    await faults?.dispose();
  });

  it('keeps protected-api, the gateway and the worker working on known keys; unknown kids get 503 / 401, never 500', async () => {
    const killedAt = Date.now();
    await faults.stack.kill('identity');
    const before = await faults.workerHealth();

    // Known kid: accepted from the cache, directly and through the gateway.
    expect((await callProtectedApi(faults, validToken)).status).toBe(200);
    expect((await callGateway(faults, validToken)).status).toBe(200);

    // Unknown kid at protected-api, once its cooldown since the last fetch has passed: the refetch fails -> 503.
    await sleep(PROTECTED_API_COOLDOWN_SECONDS * 1000 + 500);
    for (let i = 0; i < 3; i += 1) {
      const response = await callProtectedApi(faults, unknownKidToken(faults.url('identity')));
      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }

    // Unknown kid at the gateway once its own cooldown has passed, so its refetch reaches the dead identity too.
    await sleep(Math.max(0, killedAt + GATEWAY_COOLDOWN_MS + 1000 - Date.now()));
    for (let i = 0; i < 3; i += 1) {
      const response = await callGateway(faults, unknownKidToken(faults.url('identity')));
      expect(response.status).toBe(401);
      expect(((await response.json()) as { statusCode: number; message: string }).statusCode).toBe(401);
    }
    // The gateway's refetch for the unknown kid did reach the dead identity service (its key-store event log).
    const gatewayRefetchFailed = faults.logs.filter(
      (line) => line.startsWith('gateway |') && line.includes('"refresh-failed"') && line.includes('"unknown-kid"'),
    );
    expect(gatewayRefetchFailed.length).toBeGreaterThanOrEqual(1);
    // And known kids still pass, after both validators failed to refetch.
    expect((await callProtectedApi(faults, validToken)).status).toBe(200);
    expect((await callGateway(faults, validToken)).status).toBe(200);

    // The worker went on calling through the gateway with its held token, without a failure.
    const after = await waitFor(
      'more worker calls',
      () => faults.workerHealth(),
      (h) => h.calls.ok > before.calls.ok + 50,
    );
    expect(after.calls.failed).toBe(0);
    expect(after.tokens.tokenRequests).toBe(before.tokens.tokenRequests);
  }, 90_000);

  it('comes back: identity restarted, an unknown kid is refused as unknown (401) again, known kids still pass', async () => {
    await faults.stack.restart('identity');
    await sleep(PROTECTED_API_COOLDOWN_SECONDS * 1000 + 500);
    const response = await callProtectedApi(faults, unknownKidToken(faults.url('identity')));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
    expect((await callProtectedApi(faults, validToken)).status).toBe(200);
    expect((await faults.workerHealth()).calls.failed).toBe(0);
  }, 60_000);

  it('no app logged a secret, a private key, a complete token or a subscription key', async () => {
    expect(await faults.stopAndScanLogs()).toBe('');
  }, 30_000);
});
