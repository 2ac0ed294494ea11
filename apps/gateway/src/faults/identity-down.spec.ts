import { JWKS_KEY_STORE_DEFAULTS } from '@stack/nest-auth';
import { defaultRegistrations, mintToken } from '@stack/testing';
import { decodeJwt } from 'jose';
import { startGatewayTestKit, type GatewayTestKit } from '../testing/gateway-test-kit';

/**
 * The default gateway (validate-jwt on echo-api, validate-azure-ad-token on protected-api) while the real identity
 * service is stopped, over HTTP. The gateway runs on a virtual clock, so cooldowns, the discovery cache hour and
 * retry intervals pass without waiting.
 */
jest.setTimeout(60_000);

const { apiClient } = defaultRegistrations.clients;
const WORKER_KEY = 'dev-only-worker-primary-key';
const ECHO_DENIED = { statusCode: 401, message: 'Unauthorized. Access token is missing or invalid.' };
const KEY_NOT_FOUND = { statusCode: 401, message: 'Signature validation failed. Unable to match key. Access denied.' };
const MINUTE = 60_000;

/** A clock the test moves forward. */
function virtualClock() {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms: number) => (offset += ms) };
}

describe('gateway while the identity service is down', () => {
  let kit: GatewayTestKit;
  const clock = virtualClock();
  /** A real token re-signed with the identity service's key for a day, so it outlives the clock jumps below. */
  let token: string;

  const call = (path: string, bearer?: string) =>
    fetch(`${kit.gateway.url}${path}`, {
      headers: {
        'ocp-apim-subscription-key': WORKER_KEY,
        ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
      },
    });
  const answer = async (path: string, bearer?: string) => {
    const response = await call(path, bearer);
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const lastRequestLog = () =>
    kit.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry['msg'] === 'request')
      .at(-1);

  beforeAll(async () => {
    kit = await startGatewayTestKit({ now: clock.now });
    const real = decodeJwt(await kit.tokenFor(apiClient));
    const now = Math.floor(clock.now() / 1000);
    token = mintToken({ ...real, iat: now, nbf: now, exp: now + 24 * 3600 }, { key: kit.identity.signingKey() });
    // Warm the gateway's discovery documents and key stores while the identity service is up.
    expect((await call('/echo/resource', token)).status).toBe(200);
    expect((await call('/protected/resource', token)).status).toBe(200);
    await kit.stopIdentity();
  });
  afterAll(() => kit?.close());

  it('keeps accepting tokens with a known kid (last-known-good keys)', async () => {
    expect((await call('/echo/resource', token)).status).toBe(200);
    expect((await call('/protected/resource', token)).status).toBe(200);
  });

  it('answers the policy failure, not 500 or 503, for an unknown kid once it tried to refetch the keys', async () => {
    clock.advance(6 * MINUTE); // past any unknown-kid cooldown: the key stores try the (stopped) identity service
    const unknownKid = mintToken(decodeJwt(token));
    expect(await answer('/echo/resource', unknownKid)).toEqual({ status: 401, body: ECHO_DENIED });
    expect(lastRequestLog()).toMatchObject({ status: 401, reason: 'TokenSignatureKeyNotFound' });
    expect(String(lastRequestLog()?.['cause'])).toMatch(/cannot be fetched|ECONNREFUSED|fetch failed/);
    expect(await answer('/protected/resource', unknownKid)).toEqual({ status: 401, body: KEY_NOT_FOUND });
  });

  it('answers the policy failure for a token without kid and for an unsigned one', async () => {
    const claims = decodeJwt(token);
    const noKid = mintToken(claims, { key: { privateKey: kit.identity.signingKey().privateKey } });
    const unsigned = mintToken(claims, { alg: 'none', header: { kid: undefined } });
    for (const bad of [noKid, unsigned]) {
      expect(await answer('/echo/resource', bad)).toEqual({ status: 401, body: ECHO_DENIED });
      expect((await call('/protected/resource', bad)).status).toBe(401);
    }
  });

  it('still accepts known kids after the discovery documents expired and could not be refetched', async () => {
    clock.advance(2 * 60 * MINUTE); // discovery documents are cached for an hour; the refetch fails
    for (let i = 0; i < 3; i += 1) {
      expect((await call('/echo/resource', token)).status).toBe(200);
      expect((await call('/protected/resource', token)).status).toBe(200);
    }
    expect(kit.logs.join('\n')).not.toMatch(/unexpected error/);
  });
});

describe('gateway started while the identity service is down', () => {
  let kit: GatewayTestKit;
  const clock = virtualClock();
  let token: string;

  const status = async (path: string) => {
    const response = await fetch(`${kit.gateway.url}${path}`, {
      headers: { 'ocp-apim-subscription-key': WORKER_KEY, authorization: `Bearer ${token}` },
    });
    await response.arrayBuffer();
    return response.status;
  };

  beforeAll(async () => {
    kit = await startGatewayTestKit({ now: clock.now });
    token = await kit.tokenFor(apiClient);
    await kit.stopIdentity(); // before the gateway fetched any discovery document or key
  });
  afterAll(() => kit?.close());

  it("refuses tokens with the policy's 401 while it cannot fetch the discovery documents", async () => {
    expect(await status('/echo/resource')).toBe(401);
    expect(await status('/protected/resource')).toBe(401);
  });

  it("accepts them again one key-store cooldown after the identity service is back, not APIM's 5 min", async () => {
    await kit.restartIdentity();
    clock.advance(JWKS_KEY_STORE_DEFAULTS.cooldownMs + 1000);
    expect(await status('/echo/resource')).toBe(200);
    expect(await status('/protected/resource')).toBe(200);
  });
});

describe('gateway under an unknown-kid flood', () => {
  let kit: GatewayTestKit;
  const clock = virtualClock();

  const flood = async (count: number, token: string) => {
    const statuses = await Promise.all(
      Array.from({ length: count }, async () => {
        const response = await fetch(`${kit.gateway.url}/echo/resource`, {
          headers: { 'ocp-apim-subscription-key': WORKER_KEY, authorization: `Bearer ${token}` },
        });
        await response.arrayBuffer();
        return response.status;
      }),
    );
    return new Set(statuses);
  };

  beforeAll(async () => {
    kit = await startGatewayTestKit({ now: clock.now });
  });
  afterAll(() => kit?.close());

  it('fetches the JWKS at most once per key-store cooldown (30 s), answering 401 meanwhile', async () => {
    const claims = decodeJwt(await kit.tokenFor(apiClient));
    const unknownKid = mintToken(claims, { header: { kid: 'flood-kid' } });
    expect(await flood(1, unknownKid)).toEqual(new Set([401])); // discovery and the first JWKS fetch
    kit.identity.resetCounters();

    expect(await flood(200, unknownKid)).toEqual(new Set([401]));
    expect(kit.identity.jwksRequestCount()).toBe(0);

    clock.advance(JWKS_KEY_STORE_DEFAULTS.cooldownMs + 1000);
    expect(await flood(200, unknownKid)).toEqual(new Set([401]));
    expect(kit.identity.jwksRequestCount()).toBe(1);
    expect(kit.identity.discoveryRequestCount()).toBe(0);
  });
});
