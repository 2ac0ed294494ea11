/**
 * Fault: a flood of 10,000 requests with tokens naming random unknown kids, against protected-api and against the
 * gateway. Each validator may refetch the JWKS for an unknown kid at most once per cooldown, so the flood must cost
 * the identity service almost nothing: counted at the identity service's JWKS endpoint. Background refreshes (every
 * 120 s per validator) are allowed on top. Counts, not time, are asserted.
 *
 * protected-api runs with a 2 s cooldown here, so its flood spans several cooldown windows and must cause at least
 * one fetch and at most one per window (without the cooldown, single flight alone would allow one fetch per JWKS
 * round trip: hundreds). The gateway keeps nest-auth's default, 30 s.
 */
import { JWKS_KEY_STORE_DEFAULTS } from '@stack/nest-auth';
import { Pool } from 'undici';
import { unknownKidToken } from './fault-calls';
import { startFaultStack, type FaultStack } from './fault-stack';

const FLOOD_REQUESTS = 10_000;
const CONCURRENCY = 32;
/** Validators that fetch the JWKS: protected-api and the gateway. */
const VALIDATORS = 2;
const PROTECTED_API_COOLDOWN_MS = 2_000;

/** The most JWKS fetches a flood that lasted `elapsedMs` may cause: one per cooldown, plus background refreshes. */
function allowedJwksFetches(elapsedMs: number, cooldownMs: number): number {
  const unknownKidWindows = Math.floor(elapsedMs / cooldownMs) + 1;
  const backgroundWindows = Math.floor(elapsedMs / JWKS_KEY_STORE_DEFAULTS.refreshIntervalMs) + 1;
  return unknownKidWindows + VALIDATORS * backgroundWindows;
}

interface FloodResult {
  readonly statuses: Map<number, number>;
  readonly elapsedMs: number;
  readonly jwksFetches: number;
}

describe('fault: unknown-kid flood (10,000 requests)', () => {
  let faults: FaultStack;

  beforeAll(async () => {
    faults = await startFaultStack({ env: { AUTH_KEY_COOLDOWN_SECONDS: String(PROTECTED_API_COOLDOWN_MS / 1000) } });
  }, 90_000);
  afterAll(async () => {
    await faults?.dispose();
  });

  /** Sends FLOOD_REQUESTS GETs with CONCURRENCY in flight, each with a fresh unknown-kid token. */
  async function flood(origin: string, path: string, headers: Record<string, string> = {}): Promise<FloodResult> {
    const identityUrl = faults.url('identity');
    // Tokens made beforehand, so the flood measures the target, not the signing.
    const tokens = Array.from({ length: FLOOD_REQUESTS }, () => unknownKidToken(identityUrl));
    const statuses = new Map<number, number>();
    const pool = new Pool(origin, { connections: CONCURRENCY });
    const before = (await faults.identityMetrics()).jwksRequests;
    const started = Date.now();
    let next = 0;
    const lane = async () => {
      while (next < tokens.length) {
        const token = tokens[next++];
        const { statusCode, body } = await pool.request({
          method: 'GET',
          path,
          headers: { ...headers, authorization: `Bearer ${token}` },
        });
        await body.dump();
        statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
      }
    };
    try {
      await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    } finally {
      await pool.close();
    }
    const elapsedMs = Date.now() - started;
    const jwksFetches = (await faults.identityMetrics()).jwksRequests - before;
    return { statuses, elapsedMs, jwksFetches };
  }

  it('protected-api: 10,000 x 401, at most one JWKS fetch per cooldown at the identity service', async () => {
    const result = await flood(faults.url('protected-api'), '/resource');

    expect(Object.fromEntries(result.statuses)).toEqual({ 401: FLOOD_REQUESTS });
    expect(result.jwksFetches).toBeGreaterThanOrEqual(1);
    expect(result.jwksFetches).toBeLessThanOrEqual(allowedJwksFetches(result.elapsedMs, PROTECTED_API_COOLDOWN_MS));
  }, 300_000);

  it('gateway: 10,000 x 401 (APIM), at most one JWKS fetch per cooldown at the identity service', async () => {
    const result = await flood(faults.url('gateway'), '/protected/resource', {
      'ocp-apim-subscription-key': faults.env['WORKER_SUBSCRIPTION_KEY'] as string,
    });

    expect(Object.fromEntries(result.statuses)).toEqual({ 401: FLOOD_REQUESTS });
    expect(result.jwksFetches).toBeLessThanOrEqual(
      allowedJwksFetches(result.elapsedMs, JWKS_KEY_STORE_DEFAULTS.cooldownMs),
    );
  }, 300_000);

  it('every app is still healthy and the worker never failed a call', async () => {
    const health = await faults.workerHealth();
    expect(health.calls.ok).toBeGreaterThan(0);
    expect(health.calls.failed).toBe(0);
    for (const name of ['identity', 'protected-api', 'gateway']) {
      expect(faults.stack.services.find((s) => s.spec.name === name)?.process.exitCode).toBeNull();
    }
  });

  it('no app logged a secret, a private key, a complete token or a subscription key', async () => {
    expect(await faults.stopAndScanLogs()).toBe('');
  }, 30_000);
});
