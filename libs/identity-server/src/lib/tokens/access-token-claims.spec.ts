import type { ApiApp, ClientApp } from '../registrations/registrations.schema';
import { accessTokenClaims, accessTokenHeader, ISSUED_AT_BACKDATE_SECONDS } from './access-token-claims';

const api = (version: 1 | 2 | null) =>
  ({ appId: 'api-guid', accessTokenAcceptedVersion: version, appRoles: [] }) as unknown as ApiApp;
const client = { appId: 'client-guid', objectId: 'client-sp-oid' } as unknown as ClientApp;
const input = (version: 1 | 2 | null, roles: string[] = ['A']) => ({
  issuer: 'https://iss/',
  tenantId: 'tid',
  api: api(version),
  requestedResource: 'api://api-guid',
  client,
  roles,
  authMethod: 'certificate' as const,
  now: 10_000,
  lifetimeSeconds: 3599,
});

it('builds v2 claims: aud = appId, azp/azpacr, no appid', () => {
  const claims = accessTokenClaims(input(2));
  expect(Object.keys(claims)).toEqual([
    'aud',
    'iss',
    'iat',
    'nbf',
    'exp',
    'aio',
    'azp',
    'azpacr',
    'idtyp',
    'oid',
    'rh',
    'roles',
    'sub',
    'tid',
    'uti',
    'ver',
  ]);
  expect(claims).toMatchObject({
    aud: 'api-guid',
    azp: 'client-guid',
    azpacr: '2',
    idtyp: 'app',
    oid: 'client-sp-oid',
    sub: 'client-sp-oid',
    ver: '2.0',
  });
  expect(claims).toMatchObject({
    iat: 10_000 - ISSUED_AT_BACKDATE_SECONDS,
    nbf: 10_000 - ISSUED_AT_BACKDATE_SECONDS,
    exp: 13_599,
  });
  expect(String(claims['rh'])).toMatch(/^1\./);
});

it.each([null, 1] as const)(
  'builds v1 claims for accessTokenAcceptedVersion %s: aud as requested, appid/appidacr, idp',
  (version) => {
    const claims = accessTokenClaims(input(version));
    expect(claims).toMatchObject({
      aud: 'api://api-guid',
      appid: 'client-guid',
      appidacr: '2',
      idp: 'https://iss/',
      ver: '1.0',
    });
    expect(claims['azp']).toBeUndefined();
    expect(String(claims['rh'])).toMatch(/^0\./);
  },
);

it('omits roles when none are assigned and makes opaque ids unique', () => {
  const first = accessTokenClaims(input(2, []));
  expect(first['roles']).toBeUndefined();
  expect(first['uti']).not.toBe(accessTokenClaims(input(2, []))['uti']);
});

it('puts x5t in the v1 header only', () => {
  expect(accessTokenHeader('1.0', 'k', 'k')).toEqual({ typ: 'JWT', alg: 'RS256', x5t: 'k', kid: 'k' });
  expect(accessTokenHeader('2.0', 'k', 'k')).toEqual({ typ: 'JWT', alg: 'RS256', kid: 'k' });
});
