/**
 * Fault: a signing-key rotation under load with the default delays, on a virtual clock. The identity service publishes
 * the new key 300 s before it signs with it (its default); protected-api keeps nest-auth's defaults (unknown-kid
 * cooldown 30 s, background refresh 120 s). Requests flow the whole time with the newest token from the real token
 * endpoint. Expected: zero failed requests, and the new kid in protected-api's key store before the first token that
 * names it, learnt by a background refresh (no request ever had to trigger an unknown-kid fetch).
 *
 * One clock for both: the identity service's `now` (key schedule, token times) and the key store's `now`/`schedule`
 * (cooldown, refresh timer, token lifetime checks). HTTP and TLS stay real.
 */
import { JWKS_KEY_STORE_DEFAULTS, JwksKeyStore, type KeyStoreEvent } from '@stack/nest-auth';
import {
  clientCredentialsToken,
  defaultRegistrations,
  startIdentity,
  VirtualClock,
  type TestIdentity,
} from '@stack/testing';
import { startProtectedApi, type RunningProtectedApi } from './app/protected-api';
import { loadProtectedApiConfig } from './config/protected-api-config';

const { apiProxy } = defaultRegistrations.apis;
const { apiClient } = defaultRegistrations.clients;

/** Virtual time moved per step while requests flow. */
const STEP_MS = 5_000;
/** Requests sent (at least) per step, spread over LANES concurrent callers. */
const REQUESTS_PER_STEP = 20;
const LANES = 4;
/** Hard bound on requests, whatever happens. */
const MAX_REQUESTS = 20_000;

const kidOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as { kid: string }).kid;

/** Waits (real time, bounded) until `done` holds. */
async function until(what: string, done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('fault: key rotation under load, default delays, virtual clock', () => {
  const clock = new VirtualClock();
  const events: { at: number; event: KeyStoreEvent; kids: readonly string[] }[] = [];
  let identity: TestIdentity;
  let api: RunningProtectedApi;
  let keyStore: JwksKeyStore;
  let keysConfig: object | undefined;

  beforeAll(async () => {
    identity = await startIdentity({ now: clock.now }); // default key publish delay: 300 s
    const config = loadProtectedApiConfig({
      PROTECTED_API_PORT: '0',
      AUTH_TENANT_ID: identity.tenantId,
      AUTH_AUTHORITY_HOST: identity.url,
      AUTH_API_APP_ID: apiProxy.appId,
      AUTH_APP_ID_URIS: apiProxy.appIdUri,
    });
    keysConfig = config.auth.keys;
    const onEvent = (event: KeyStoreEvent) =>
      events.push({ at: clock.now(), event, kids: keyStore?.status().kids ?? [] });
    const keys = { ...config.auth.keys, now: clock.now, schedule: clock.schedule, onEvent };
    api = await startProtectedApi({ ...config, auth: { ...config.auth, keys } }, { logger: false });
    keyStore = api.app.get(JwksKeyStore, { strict: false });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await identity?.dispose();
  });

  it("runs protected-api with nest-auth's default cooldown (30 s) and background refresh (120 s)", () => {
    expect(JWKS_KEY_STORE_DEFAULTS).toMatchObject({ cooldownMs: 30_000, refreshIntervalMs: 120_000 });
    expect(keysConfig).toMatchObject({
      cooldownMs: JWKS_KEY_STORE_DEFAULTS.cooldownMs,
      refreshIntervalMs: JWKS_KEY_STORE_DEFAULTS.refreshIntervalMs,
    });
  });

  it('zero failed requests; the new kid is in the key store, from a background refresh, before its first token', async () => {
    const token = () => clientCredentialsToken(identity, apiClient, apiProxy.scope);
    const statuses = new Map<number, number>();
    let current = await token();
    let sent = 0;
    let stopped = false;
    const lane = async () => {
      while (!stopped && sent < MAX_REQUESTS) {
        sent += 1;
        const response = await fetch(`${api.url}/resource`, { headers: { authorization: `Bearer ${current}` } });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    };
    const lanes = Array.from({ length: LANES }, lane);
    // After a refresh timer fired, wait until that fetch finished: the store then schedules its next refresh.
    const settle = () => until('the key store refresh to finish', () => clock.pendingTimers() > 0);

    try {
      const oldKid = kidOf(current);
      await clock.advance(30_000, { settle });
      const rotation = (await (await fetch(`${identity.url}/admin/keys/rotate`, { method: 'POST' })).json()) as {
        kid: string;
        activatesAt: string;
      };
      const activatesAt = Date.parse(rotation.activatesAt);
      expect(activatesAt - clock.now()).toBe(300_000); // the default publish delay

      let firstNewToken: { at: number; storeKids: readonly string[] } | undefined;
      while (clock.now() < activatesAt + 60_000) {
        await clock.advance(STEP_MS, { settle });
        const next = await token();
        if (kidOf(next) === rotation.kid && !firstNewToken) {
          firstNewToken = { at: clock.now(), storeKids: keyStore.status().kids };
        }
        current = next;
        const target = Math.min(sent + REQUESTS_PER_STEP, MAX_REQUESTS);
        await until('requests to flow', () => sent >= target);
      }

      expect(kidOf(current)).toBe(rotation.kid);
      expect(oldKid).not.toBe(rotation.kid);
      // The first token signed with the new key came once it was due, and the store already trusted its kid.
      expect(firstNewToken?.at).toBeGreaterThanOrEqual(activatesAt);
      expect(firstNewToken?.storeKids).toContain(rotation.kid);
      // It learnt the kid from a background refresh well before the switch, never from a request.
      // (onEvent runs once the new key set is in place, so `kids` is the set that fetch brought.)
      const learnt = events.find((e) => e.event.type === 'refreshed' && e.kids.includes(rotation.kid));
      expect(learnt?.event).toMatchObject({ type: 'refreshed', trigger: 'background' });
      expect(learnt?.at).toBeLessThan(activatesAt);
      expect(events.filter((e) => 'trigger' in e.event && e.event.trigger === 'unknown-kid')).toEqual([]);
      expect(events.filter((e) => e.event.type !== 'refreshed')).toEqual([]);
      // Every JWKS request the identity service served was a start or background fetch of the key store.
      expect(identity.jwksRequestCount()).toBe(events.length);
    } finally {
      stopped = true;
      await Promise.all(lanes);
    }
    expect(sent).toBeGreaterThan(100);
    expect(Object.fromEntries(statuses)).toEqual({ 200: sent });
  }, 120_000);
});
