import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createPolicy } from '../defaults';
import { entraPreset, requiredRoles } from '../entra/preset';
import {
  API_APP_ID,
  CLIENT_ID,
  NOW_MS,
  NOW_S,
  OTHER_API_APP_ID,
  OTHER_TENANT,
  TENANT,
  V2_ISSUER,
  v1AppToken,
  v2AppToken,
} from '../../test-support/entra-tokens';
import { diagnoseToken } from './diagnose-token';
import type { DoctorCheck, DoctorKeySource, DoctorReport, KeyLookup } from './doctor-types';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const DISCOVERY = `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`;

function signed(claims: Record<string, unknown>, header: Record<string, unknown> = {}, key: KeyObject = privateKey) {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ typ: 'JWT', alg: 'RS256', kid: 'key-1', ...header })}.${part(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

/** Discovery as Entra answers it: the tenant's issuer and one key, `key-1`. */
const keys: DoctorKeySource = {
  async lookup(url: string, kid: string): Promise<KeyLookup> {
    if (url !== DISCOVERY) return { kind: 'unavailable', detail: `${url} answered HTTP 404` };
    return kid === 'key-1'
      ? { kind: 'found', key: publicKey, issuer: V2_ISSUER }
      : { kind: 'not-found', issuer: V2_ISSUER, detail: 'the JWKS has key-1' };
  },
};

const preset = () =>
  entraPreset({ tenantId: TENANT, appId: API_APP_ID, allowedClientIds: [CLIENT_ID], requiredRoles: ['Echo.Read'] });
const target = (policy = preset()) => ({ label: 'api', policy, answer: 'bearer' as const });

function checksOf(report: DoctorReport): Record<string, DoctorCheck> {
  return Object.fromEntries((report.targets[0]?.checks ?? []).map((check) => [check.check, check]));
}

describe('diagnoseToken', () => {
  it('passes a good v2 token on every check, the signature verified through discovery', async () => {
    const report = await diagnoseToken(signed(v2AppToken()), { targets: [target()], keys, now: NOW_MS });
    expect(report.result).toBe('pass');
    const checks = checksOf(report);
    expect(Object.keys(checks)).toEqual([
      'algorithm',
      'signing key',
      'signature',
      'issuer',
      'tenant',
      'audience',
      'lifetime',
      'client',
      'claim roles',
    ]);
    expect(Object.values(checks).every((check) => check.status === 'pass')).toBe(true);
    expect(checks['signature'].detail).toContain('verified with kid key-1');
    expect(checks['audience'].detail).toContain('v2 token');
    expect(report.token).toMatchObject({ version: '2.0', client: { claim: 'azp', value: CLIENT_ID } });
    expect(report.targets[0].answer).toBeUndefined();
  });

  it('names the other API when aud is another app id, with the answer the service would send', async () => {
    const report = await diagnoseToken(signed(v2AppToken({ aud: OTHER_API_APP_ID })), {
      targets: [target()],
      keys,
      now: NOW_MS,
    });
    expect(report.result).toBe('fail');
    const audience = checksOf(report)['audience'];
    expect(audience).toMatchObject({ status: 'fail', code: 'ERR_AUD_MISMATCH' });
    expect(audience.detail).toContain(OTHER_API_APP_ID);
    expect(audience.hint).toContain('requested for another API');
    expect(report.targets[0].answer).toMatchObject({ status: 401, error: 'invalid_token' });
  });

  it("names another API's App ID URI in a v1 token as another audience, not as a version mismatch", async () => {
    const token = signed(v1AppToken({ aud: `api://${OTHER_API_APP_ID}` }));
    const policy = createPolicy({ audiences: [API_APP_ID] });
    const audience = checksOf(await diagnoseToken(token, { targets: [target(policy)], keys, now: NOW_MS }))['audience'];
    expect(audience.hint).toBe(
      `The token was issued for another audience (api://${OTHER_API_APP_ID}); request it with scope=${API_APP_ID}/.default.`,
    );
  });

  it('explains a v1 token (App ID URI in aud, appid for the client) against a GUID-only policy', async () => {
    const policy = createPolicy({
      audiences: [API_APP_ID],
      requiredClaims: [{ name: 'azp', match: 'any', values: [CLIENT_ID] }],
    });
    const report = await diagnoseToken(signed(v1AppToken()), { targets: [target(policy)], keys, now: NOW_MS });
    const checks = checksOf(report);
    expect(checks['audience'].hint).toContain('this is a v1 token');
    expect(checks['client']).toMatchObject({ status: 'fail', code: 'ERR_CLAIM_MISSING' });
    expect(checks['client'].hint).toContain('the client id is in appid, not azp');
  });

  it('tells a delegated token (scp) from an app token without roles', async () => {
    const user = await diagnoseToken(signed(v2AppToken({ roles: undefined, scp: 'Echo.Read' })), {
      targets: [target()],
      keys,
      now: NOW_MS,
    });
    expect(checksOf(user)['claim roles'].hint).toContain('delegated (user) token');
    const noRole = await diagnoseToken(signed(v2AppToken({ roles: undefined })), {
      targets: [target()],
      keys,
      now: NOW_MS,
    });
    expect(checksOf(noRole)['claim roles'].hint).toContain('no app role assigned');
    expect(noRole.targets[0].answer).toMatchObject({ status: 403, error: 'insufficient_scope' });
  });

  it('reports expiry with the clock skew, and a token accepted only thanks to the skew', async () => {
    const expired = await diagnoseToken(signed(v2AppToken({ exp: NOW_S - 120 })), {
      targets: [target()],
      keys,
      now: NOW_MS,
    });
    expect(checksOf(expired)['lifetime']).toMatchObject({ status: 'fail', code: 'ERR_JWT_EXPIRED' });
    expect(checksOf(expired)['lifetime'].hint).toContain('expired 120 s ago');
    const skewed = createPolicy({ ...preset(), clockSkewSeconds: 300 });
    const within = await diagnoseToken(signed(v2AppToken({ exp: NOW_S - 120 })), {
      targets: [target(skewed)],
      keys,
      now: NOW_MS,
    });
    expect(checksOf(within)['lifetime']).toMatchObject({ status: 'pass' });
    expect(checksOf(within)['lifetime'].detail).toContain('within the clock skew allowed 300 s');
  });

  it('names a token of another tenant', async () => {
    const claims = v2AppToken({ tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` });
    const checks = checksOf(await diagnoseToken(signed(claims), { targets: [target()], keys, now: NOW_MS }));
    expect(checks['tenant']).toMatchObject({ status: 'fail' });
    expect(checks['tenant'].detail).toContain(`token from tenant ${OTHER_TENANT}`);
    expect(checks['issuer'].hint).toContain(`tenant ${OTHER_TENANT}`);
  });

  it('reports a kid the issuer does not publish, and a signature that does not verify', async () => {
    const unknown = checksOf(
      await diagnoseToken(signed(v2AppToken(), { kid: 'gone' }), { targets: [target()], keys, now: NOW_MS }),
    );
    expect(unknown['signing key']).toMatchObject({ status: 'fail', code: 'ERR_KEY_NOT_FOUND' });
    expect(unknown['signing key'].hint).toContain('does not publish kid gone');
    expect(unknown['signature'].status).toBe('skip');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = checksOf(
      await diagnoseToken(signed(v2AppToken(), {}, other), { targets: [target()], keys, now: NOW_MS }),
    );
    expect(forged['signature']).toMatchObject({ status: 'fail', code: 'ERR_SIGNATURE_INVALID' });
  });

  it('offline: says the signature is not verifiable offline and still checks everything else', async () => {
    const report = await diagnoseToken(signed(v2AppToken({ aud: OTHER_API_APP_ID })), {
      targets: [target()],
      now: NOW_MS,
    });
    const checks = checksOf(report);
    expect(checks['signing key']).toMatchObject({ status: 'skip' });
    expect(checks['signing key'].detail).toContain('discovery not attempted');
    expect(checks['signature']).toMatchObject({ status: 'skip', detail: 'not verifiable offline' });
    expect(checks['audience'].status).toBe('fail');
    expect(checks['lifetime'].status).toBe('pass');
    expect(report.result).toBe('fail');
  });

  it('takes the issuer from discovery when the policy names none (validate-jwt with only openid-config)', async () => {
    const policy = createPolicy({ openIdConfigUrls: [DISCOVERY], audiences: [API_APP_ID] });
    const online = checksOf(
      await diagnoseToken(signed(v2AppToken()), { targets: [target(policy)], keys, now: NOW_MS }),
    );
    expect(online['issuer']).toMatchObject({ status: 'pass' });
    const offline = checksOf(await diagnoseToken(signed(v2AppToken()), { targets: [target(policy)], now: NOW_MS }));
    expect(offline['issuer'].status).toBe('skip');
    expect(offline['tenant'].status).toBe('pass'); // the tenant is in the discovery URL
    const unreachable = createPolicy({ openIdConfigUrls: [`${DISCOVERY}x`], audiences: [API_APP_ID] });
    const down = checksOf(
      await diagnoseToken(signed(v2AppToken()), { targets: [target(unreachable)], keys, now: NOW_MS }),
    );
    expect(down['signature']).toMatchObject({ status: 'skip', detail: 'not verifiable offline' });
    expect(down['signing key'].detail).toContain('answered HTTP 404');
  });

  it('refuses what is not a JWS with the parser hint, and never echoes the token or its signature', async () => {
    const jwe = await diagnoseToken('a.b.c.d.e', { targets: [target()], keys, now: NOW_MS });
    expect(jwe.checks[0]).toMatchObject({ check: 'format', status: 'fail', code: 'ERR_TOKEN_MALFORMED' });
    expect(jwe.checks[0].hint).toContain('JWE');
    expect(jwe.targets).toEqual([]);
    const token = signed(v2AppToken({ aud: OTHER_API_APP_ID }));
    const text = JSON.stringify(await diagnoseToken(`Bearer ${token}`, { targets: [target()], keys, now: NOW_MS }));
    expect(text).not.toContain(token.split('.')[2]);
    expect(text).not.toContain(token.split('.')[1]);
  });

  it('checks inline issuer-signing-keys and unsigned tokens as the policy says', async () => {
    const jwk = publicKey.export({ format: 'jwk' });
    const inline = createPolicy({
      issuerSigningKeys: [{ kind: 'rsa', n: String(jwk.n), e: String(jwk.e) }],
      audiences: [API_APP_ID],
    });
    expect(
      checksOf(await diagnoseToken(signed(v2AppToken()), { targets: [target(inline)], now: NOW_MS }))['signature']
        .status,
    ).toBe('pass');
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const none = `${part({ alg: 'none' })}.${part(v2AppToken())}.`;
    const report = checksOf(await diagnoseToken(none, { targets: [target()], keys, now: NOW_MS }));
    expect(report['signature']).toMatchObject({ status: 'fail', code: 'ERR_TOKEN_UNSIGNED' });
    expect(report['algorithm'].status).toBe('fail');
  });

  it('lists roles read from scp too when the policy accepts delegated scopes', async () => {
    const policy = createPolicy({
      ...preset(),
      requiredClaims: [requiredRoles(['Echo.Read'], { acceptDelegatedScopes: true })],
    });
    const checks = checksOf(
      await diagnoseToken(signed(v2AppToken({ roles: undefined, scp: 'Echo.Read' })), {
        targets: [target(policy)],
        keys,
        now: NOW_MS,
      }),
    );
    expect(checks['claim roles']).toMatchObject({ status: 'pass' });
    expect(checks['claim roles'].detail).toContain('also read from scp');
  });
});
