/**
 * Test fixtures (not exported from the library): claims shaped like Entra app-only access tokens
 * (entra.md §4.3, §4.5) for one tenant, one API and one client.
 */
import type { Claims, VerifiedHeader } from '../lib/model';

export const TENANT = '11111111-2222-3333-4444-555555555555';
export const OTHER_TENANT = '99999999-8888-7777-6666-555555555555';
export const API_APP_ID = 'aaaaaaaa-0000-4000-8000-000000000001';
export const API_APP_ID_URI = `api://${API_APP_ID}`;
export const OTHER_API_APP_ID = 'bbbbbbbb-0000-4000-8000-000000000002';
export const CLIENT_ID = 'cccccccc-0000-4000-8000-000000000003';
export const OTHER_CLIENT_ID = 'dddddddd-0000-4000-8000-000000000004';

export const V2_ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
export const V1_ISSUER = `https://sts.windows.net/${TENANT}/`;

/** 2030-01-01T00:00:00Z, the fixed "now" of every test. */
export const NOW_MS = Date.UTC(2030, 0, 1);
export const NOW_S = NOW_MS / 1000;

export const RS256: VerifiedHeader = { alg: 'RS256', typ: 'JWT', kid: 'key-1' };

/** A v2 app token for the API (registration on `accessTokenAcceptedVersion: 2`). */
export function v2AppToken(overrides: Record<string, unknown> = {}): Claims {
  return withoutUndefined({
    aud: API_APP_ID,
    iss: V2_ISSUER,
    iat: NOW_S - 60,
    nbf: NOW_S - 60,
    exp: NOW_S + 3600,
    azp: CLIENT_ID,
    azpacr: '1',
    oid: 'eeeeeeee-0000-4000-8000-000000000005',
    sub: 'eeeeeeee-0000-4000-8000-000000000005',
    roles: ['Echo.Read', 'Echo.Write'],
    tid: TENANT,
    ver: '2.0',
    ...overrides,
  });
}

/** A v1 app token for the API (registration on v1 tokens, the default), requested as `api://<appId>/.default`. */
export function v1AppToken(overrides: Record<string, unknown> = {}): Claims {
  return withoutUndefined({
    aud: API_APP_ID_URI,
    iss: V1_ISSUER,
    iat: NOW_S - 60,
    nbf: NOW_S - 60,
    exp: NOW_S + 3600,
    appid: CLIENT_ID,
    appidacr: '1',
    idp: V1_ISSUER,
    oid: 'eeeeeeee-0000-4000-8000-000000000005',
    sub: 'eeeeeeee-0000-4000-8000-000000000005',
    roles: ['Echo.Read', 'Echo.Write'],
    tid: TENANT,
    ver: '1.0',
    ...overrides,
  });
}

/** A v2 delegated (user) token: `scp`, no `roles`. */
export function v2UserToken(overrides: Record<string, unknown> = {}): Claims {
  return v2AppToken({
    roles: undefined,
    scp: 'Echo.Read access_as_user',
    name: 'Abe Lincoln',
    ...overrides,
  });
}

function withoutUndefined(claims: Record<string, unknown>): Claims {
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}
