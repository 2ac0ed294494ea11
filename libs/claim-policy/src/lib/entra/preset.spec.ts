import { evaluate } from '../evaluate';
import type { Claims } from '../model';
import {
  API_APP_ID,
  API_APP_ID_URI,
  CLIENT_ID,
  NOW_MS,
  OTHER_API_APP_ID,
  OTHER_CLIENT_ID,
  OTHER_TENANT,
  RS256,
  TENANT,
  V1_ISSUER,
  V2_ISSUER,
  v1AppToken,
  v2AppToken,
  v2UserToken,
} from '../../test-support/entra-tokens';
import { entraPreset, requiredRoles } from './preset';
import { clientIdOf, tokenVersionOf } from './token-facts';

const preset = entraPreset({
  tenantId: TENANT,
  appId: API_APP_ID,
  allowedClientIds: [CLIENT_ID],
  requiredRoles: ['Echo.Read'],
});
const codes = (claims: Claims) => evaluate(preset, RS256, claims, NOW_MS).reasons.map((r) => r.code);

describe('entraPreset', () => {
  it('builds audiences, issuers, discovery, client and role checks', () => {
    expect(preset).toMatchObject({
      issuers: [V2_ISSUER, V1_ISSUER],
      audiences: [API_APP_ID, API_APP_ID_URI, `${API_APP_ID_URI}/`],
      openIdConfigUrls: [`https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`],
      allowedClientIds: [CLIENT_ID],
      requiredClaims: [{ name: 'roles', match: 'all', values: ['Echo.Read'] }],
      allowedAlgorithms: ['RS256'],
      requireExpirationTime: true,
    });
  });

  it.each<[string, Claims, string[]]>([
    ['v2 token (aud = appId GUID, azp)', v2AppToken(), []],
    ['v1 token (aud = App ID URI, appid)', v1AppToken(), []],
    ['v1 token with a trailing slash on the App ID URI', v1AppToken({ aud: `${API_APP_ID_URI}/` }), []],
    ['v1 token requested by GUID', v1AppToken({ aud: API_APP_ID }), []],
    ['token for the other API', v2AppToken({ aud: OTHER_API_APP_ID }), ['ERR_AUD_MISMATCH']],
    ['v1 token for the other API', v1AppToken({ aud: `api://${OTHER_API_APP_ID}` }), ['ERR_AUD_MISMATCH']],
    [
      'another tenant',
      v2AppToken({
        iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`,
      }),
      ['ERR_ISS_MISMATCH'],
    ],
    ['another client (v2)', v2AppToken({ azp: OTHER_CLIENT_ID }), ['ERR_CLIENT_NOT_ALLOWED']],
    ['another client (v1)', v1AppToken({ appid: OTHER_CLIENT_ID }), ['ERR_CLIENT_NOT_ALLOWED']],
    ['client with no role', v2AppToken({ roles: undefined }), ['ERR_CLAIM_MISSING']],
    ['user token (scp, no roles)', v2UserToken(), ['ERR_CLAIM_MISSING']],
  ])('%s', (_name, claims, expected) => {
    expect(codes(claims)).toEqual(expected);
  });

  it('a token for the other API is denied with the audience reason and a 401', () => {
    const decision = evaluate(preset, RS256, v2AppToken({ aud: OTHER_API_APP_ID }), NOW_MS);
    expect(decision).toMatchObject({
      allowed: false,
      bearer: { status: 401, error: 'invalid_token' },
      reasons: [{ code: 'ERR_AUD_MISMATCH' }],
    });
  });

  it('a client with no role gets 403 insufficient_scope naming the role', () => {
    const decision = evaluate(preset, RS256, v2AppToken({ roles: undefined }), NOW_MS);
    if (decision.allowed) throw new Error('expected a denial');
    expect(decision.bearer.wwwAuthenticate).toBe(
      'Bearer error="insufficient_scope", error_description="The token lacks the required app roles", scope="Echo.Read"',
    );
    expect(decision.reasons[0].hint).toMatch(/no app role assigned/);
  });

  it('takes custom App ID URIs, hosts and extra issuers', () => {
    const custom = entraPreset({
      tenantId: TENANT,
      appId: API_APP_ID,
      appIdUris: ['https://contoso.com/echo/'],
      authorityHost: 'https://localhost:5443/',
      v1IssuerHost: 'https://localhost:5443/sts',
      additionalIssuers: ['https://extra/'],
      requiredRoles: ['Echo.Read', 'Echo.Write'],
      match: 'any',
    });
    expect(custom).toMatchObject({
      audiences: [API_APP_ID, 'https://contoso.com/echo', 'https://contoso.com/echo/'],
      issuers: [`https://localhost:5443/${TENANT}/v2.0`, `https://localhost:5443/sts/${TENANT}/`, 'https://extra/'],
      openIdConfigUrls: [`https://localhost:5443/${TENANT}/v2.0/.well-known/openid-configuration`],
      requiredClaims: [{ name: 'roles', match: 'any', values: ['Echo.Read', 'Echo.Write'] }],
      allowedClientIds: [],
    });
  });

  it('without appIdUris accepts the default api://<appId>', () => {
    expect(entraPreset({ tenantId: TENANT, appId: API_APP_ID }).audiences).toEqual([
      API_APP_ID,
      API_APP_ID_URI,
      `${API_APP_ID_URI}/`,
    ]);
  });

  it.each([
    [{ tenantId: 'contoso.onmicrosoft.com', appId: API_APP_ID }, /tenantId must be the tenant's GUID/],
    [{ tenantId: TENANT, appId: ' ' }, /appId must be the API app registration's application \(client\) id/],
  ])('rejects bad input clearly (%#)', (options, message) => {
    expect(() => entraPreset(options)).toThrow(message);
  });
});

describe('requiredRoles', () => {
  it('builds a roles requirement, optionally satisfied by delegated scopes', () => {
    expect(requiredRoles(['Echo.Read'])).toEqual({
      name: 'roles',
      match: 'all',
      values: ['Echo.Read'],
    });
    expect(
      requiredRoles(['Echo.Read'], {
        match: 'any',
        acceptDelegatedScopes: true,
      }),
    ).toEqual({
      name: 'roles',
      match: 'any',
      values: ['Echo.Read'],
      alsoFrom: ['scp'],
      separator: ' ',
    });
  });

  it('with acceptDelegatedScopes a user token with the scope passes', () => {
    const policy = entraPreset({ tenantId: TENANT, appId: API_APP_ID });
    const withScopes = {
      ...policy,
      requiredClaims: [requiredRoles(['Echo.Read'], { acceptDelegatedScopes: true })],
    };
    expect(evaluate(withScopes, RS256, v2UserToken(), NOW_MS).allowed).toBe(true);
    expect(evaluate(withScopes, RS256, v2UserToken({ scp: 'Other.Scope' }), NOW_MS).allowed).toBe(false);
  });
});

describe('token facts', () => {
  it.each<[string, Claims, string | undefined, string | undefined]>([
    ['v2 token', v2AppToken(), '2.0', CLIENT_ID],
    ['v1 token', v1AppToken(), '1.0', CLIENT_ID],
    ['no ver, v2 issuer', v2AppToken({ ver: undefined }), '2.0', CLIENT_ID],
    ['no ver, v1 issuer', v1AppToken({ ver: undefined }), '1.0', CLIENT_ID],
    ['no ver, unknown issuer', { iss: 'https://other/', azp: 'x' }, undefined, 'x'],
    ['v1 token prefers appid over azp', v1AppToken({ azp: 'stray' }), '1.0', CLIENT_ID],
    ['v2 token prefers azp over appid', v2AppToken({ appid: 'stray' }), '2.0', CLIENT_ID],
    ['no client claim', { ver: '2.0' }, '2.0', undefined],
    ['non-string azp ignored', { azp: 42 }, undefined, undefined],
  ])('%s', (_name, claims, version, client) => {
    expect(tokenVersionOf(claims)).toBe(version);
    expect(clientIdOf(claims)).toBe(client);
  });
});
