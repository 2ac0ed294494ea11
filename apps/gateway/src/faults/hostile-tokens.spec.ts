import { defaultRegistrations } from '@stack/testing';
import { sign, type KeyObject } from 'node:crypto';
import { startGatewayTestKit, type GatewayTestKit } from '../testing/gateway-test-kit';

/**
 * Regression: hostile tokens through the real gateway (default config/gateway/, real identity
 * service). Each must get the validate-jwt policy's failure (401 and its APIM body), never a 500,
 * and no token may have a second spelling: only canonical unpadded base64url is accepted.
 */
const { apiClient } = defaultRegistrations.clients;
const WORKER_KEY = 'dev-only-worker-primary-key';
const POLICY_FAILURE = { statusCode: 401, message: 'Unauthorized. Access token is missing or invalid.' };
const LEVELS = 3000;

const b64 = (text: string) => Buffer.from(text).toString('base64url');
/** `[[[…"Echo.Read"…]]]` as JSON text: a literal object this deep would be built by the test, not the attacker. */
const nestedArrays = (levels: number) => `${'['.repeat(levels)}"Echo.Read"${']'.repeat(levels)}`;

/** Signs raw header and payload JSON text with RS256, so the test controls every byte. */
function signRaw(headerJson: string, payloadJson: string, key: KeyObject): string {
  const input = `${b64(headerJson)}.${b64(payloadJson)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

describe('validate-jwt against hostile tokens (gateway over HTTP)', () => {
  let kit: GatewayTestKit;
  let real: string;
  let realClaims: Record<string, unknown>;
  let realHeader: Record<string, unknown>;

  beforeAll(async () => {
    kit = await startGatewayTestKit();
    real = await kit.tokenFor(apiClient);
    const [header, payload] = real.split('.');
    realHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>;
    realClaims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  });
  afterAll(() => kit?.close());

  const call = (token: string) =>
    fetch(`${kit.gateway.url}/echo/resource`, {
      headers: { authorization: `Bearer ${token}`, 'ocp-apim-subscription-key': WORKER_KEY },
    });

  async function expectPolicyFailure(token: string): Promise<void> {
    const response = await call(token);
    const text = await response.text();
    expect({ status: response.status, body: text }).toEqual({ status: 401, body: JSON.stringify(POLICY_FAILURE) });
  }

  /** The real token's claims as JSON text with `roles` replaced by raw JSON text. */
  const claimsWithRoles = (rolesJson: string) =>
    JSON.stringify({ ...realClaims, roles: 'ROLES' }).replace('"ROLES"', rolesJson);
  const identityKey = () => kit.identity.signingKey().privateKey;

  it('passes the real token (so every refusal below is about the change made to it)', async () => {
    expect((await call(real)).status).toBe(200);
  });

  describe(`${LEVELS}-level nested arrays`, () => {
    it('in the header, without a valid signature: the policy failure, not 500', async () => {
      const header = JSON.stringify({ ...realHeader, x: 'DEEP' }).replace('"DEEP"', nestedArrays(LEVELS));
      const [, payload, signature] = real.split('.');
      await expectPolicyFailure(`${b64(header)}.${payload}.${signature}`);
    });

    it('in crit, without a valid signature: the policy failure, not 500', async () => {
      const header = JSON.stringify({ ...realHeader, crit: 'DEEP' }).replace('"DEEP"', nestedArrays(LEVELS));
      await expectPolicyFailure(`${b64(header)}.${real.split('.')[1]}.`);
    });

    it('in the payload, without a valid signature: the policy failure, not 500', async () => {
      const [header, , signature] = real.split('.');
      await expectPolicyFailure(`${header}.${b64(claimsWithRoles(nestedArrays(LEVELS)))}.${signature}`);
    });

    it('in the payload of an unsigned (alg none) token: the policy failure, not 500', async () => {
      const header = JSON.stringify({ ...realHeader, alg: 'none' });
      await expectPolicyFailure(`${b64(header)}.${b64(claimsWithRoles(nestedArrays(LEVELS)))}.`);
    });

    it('in roles of a token validly signed by the identity service: the policy failure, not 500', async () => {
      const token = signRaw(JSON.stringify(realHeader), claimsWithRoles(nestedArrays(LEVELS)), identityKey());
      await expectPolicyFailure(token);
    });

    it('in an object claim (1500 levels) of a validly signed token: the policy failure, not 500', async () => {
      // 1500 levels of {"a": fill the 16 KiB header limit (Node answers 431 beyond it).
      const deepObject = `${'{"a":'.repeat(1500)}1${'}'.repeat(1500)}`;
      const token = signRaw(JSON.stringify(realHeader), claimsWithRoles(`["Echo.Read",${deepObject}]`), identityKey());
      await expectPolicyFailure(token);
    });
  });

  describe('one token, one spelling', () => {
    it('refuses the real token with "=" padding on the signature', async () => {
      const signature = real.split('.')[2];
      expect(signature.length % 4).toBe(2); // 256 bytes of RS256 signature: 342 characters, "==" short of a quad
      await expectPolicyFailure(`${real}==`);
      await expectPolicyFailure(`${real}=`);
    });

    it('refuses a validly signed token with "=" padding on the payload', async () => {
      // Grow a claim until the payload segment needs padding, so the padded spelling decodes to the same bytes.
      let extra = '';
      let token = '';
      do {
        extra += 'x';
        token = signRaw(JSON.stringify(realHeader), JSON.stringify({ ...realClaims, extra }), identityKey());
      } while (token.split('.')[1].length % 4 === 0);
      expect((await call(token)).status).toBe(200);
      const [header, payload, signature] = token.split('.');
      await expectPolicyFailure(`${header}.${payload}${'='.repeat(4 - (payload.length % 4))}.${signature}`);
    });

    it('refuses the real token with other unused low bits in the last signature character', async () => {
      const [header, payload, signature] = real.split('.');
      expect(signature.length % 4).toBe(2); // 256 bytes: the last character carries 2 bits, 4 unused
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const last = alphabet.indexOf(signature[signature.length - 1]);
      const respelled = `${signature.slice(0, -1)}${alphabet[last ^ 0x01]}`;
      expect(Buffer.from(respelled, 'base64url')).toEqual(Buffer.from(signature, 'base64url')); // same bytes
      await expectPolicyFailure(`${header}.${payload}.${respelled}`);
    });

    it('refuses a validly signed token that repeats a claim (JSON.parse would keep the last)', async () => {
      const payload = JSON.stringify(realClaims).replace(/^\{/, `{"aud":"api://someone-else",`);
      await expectPolicyFailure(signRaw(JSON.stringify(realHeader), payload, identityKey()));
    });
  });
});
