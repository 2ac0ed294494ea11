/**
 * Acceptance: @azure/msal-node's authorization code flow, unmodified, against the running HTTPS service. A
 * ConfidentialClientApplication (ago-webapp-oauth-app, secret, PKCE) and a PublicClientApplication (a native
 * client on a loopback redirect URI, PKCE S256): getAuthCodeUrl → the sign-in page (pick a dev user) → consent →
 * the redirect with the code → acquireTokenByCode → acquireTokenSilent with forceRefresh (the refresh token), and
 * the rotated-out refresh token refused afterwards.
 */
import {
  ConfidentialClientApplication,
  CryptoProvider,
  PublicClientApplication,
  type AuthenticationResult,
} from '@azure/msal-node';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import {
  decodeJwt,
  ids,
  postForm,
  registrationsWithNativeClient,
  required,
  startTestServer,
  type TestServer,
} from './test-support/server';
import { redirectParams, signIn } from './test-support/sign-in';

// Each test signs in over HTTPS (several round trips) and the server starts with new keys: room for a busy machine.
jest.setTimeout(30_000);

let running: TestServer;

beforeAll(async () => {
  running = await startTestServer({ registrations: registrationsWithNativeClient() });
});
afterAll(() => running.dispose());

const echoRead = () => `${ids.apiProxyUri}/${ids.echoReadUser}`;

function refreshTokensIn(serialized: string): string[] {
  const cache = JSON.parse(serialized) as { RefreshToken?: Record<string, { secret: string }> };
  return Object.values(cache.RefreshToken ?? {}).map((entry) => entry.secret);
}

async function verifyAccessToken(token: string) {
  const { server } = running;
  const jwks = createRemoteJWKSet(new URL(`${server.url}/${ids.tenantId}/discovery/v2.0/keys`));
  const { payload } = await jwtVerify(token, jwks, { issuer: server.issuer('2.0'), audience: ids.apiProxy });
  return payload;
}

describe('ConfidentialClientApplication (web app with a secret)', () => {
  it('signs Megan in, gets scp and roles, refreshes with rotation, and the old refresh token is refused', async () => {
    const { server } = running;
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: ids.webClient,
        clientSecret: ids.webClientSecret,
        authority: server.authority(),
        knownAuthorities: [...server.knownAuthorities],
      },
    });
    const pkce = await new CryptoProvider().generatePkceCodes();
    const url = await cca.getAuthCodeUrl({
      scopes: [echoRead()],
      redirectUri: ids.webRedirectUri,
      codeChallenge: pkce.challenge,
      codeChallengeMethod: 'S256',
      state: 'state-123',
      nonce: 'nonce-456',
    });
    expect(url.startsWith(`${server.authority()}/oauth2/v2.0/authorize?`)).toBe(true);

    const answer = await signIn(server.url, url, ids.megan);
    expect(answer.status).toBe(302);
    expect(answer.location?.startsWith(`${ids.webRedirectUri}?`)).toBe(true);
    const params = redirectParams(answer.location);
    expect(params.get('state')).toBe('state-123');

    const result: AuthenticationResult = required(
      await cca.acquireTokenByCode(
        {
          code: required(params.get('code'), 'code'),
          scopes: [echoRead()],
          redirectUri: ids.webRedirectUri,
          codeVerifier: pkce.verifier,
          nonce: 'nonce-456',
          state: 'state-123',
        },
        { code: required(params.get('code')), state: required(params.get('state')) },
      ),
    );
    const access = await verifyAccessToken(result.accessToken);
    expect(access).toMatchObject({
      aud: ids.apiProxy,
      azp: ids.webClient,
      azpacr: '1',
      name: 'Megan Bowen',
      oid: ids.megan,
      preferred_username: 'megan@stack.local',
      roles: ['Echo.Read'],
      scp: 'Echo.Read.User',
      tid: ids.tenantId,
      ver: '2.0',
    });
    expect(access.sub).not.toBe(ids.megan);
    // idtyp is documented for app-only tokens only: a user token for the API has none (scp tells it apart).
    expect(access.idtyp).toBeUndefined();
    const idToken = decodeJwt(result.idToken).payload;
    expect(idToken).toMatchObject({
      aud: ids.webClient,
      iss: server.issuer('2.0'),
      nonce: 'nonce-456',
      name: 'Megan Bowen',
      preferred_username: 'megan@stack.local',
      oid: ids.megan,
      sub: access.sub,
      tid: ids.tenantId,
      ver: '2.0',
    });
    expect(result.account?.username).toBe('megan@stack.local');
    expect(result.account?.homeAccountId).toBe(`${ids.megan}.${ids.tenantId}`);

    const [firstRefreshToken] = refreshTokensIn(cca.getTokenCache().serialize());
    const silent = required(
      await cca.acquireTokenSilent({ account: required(result.account), scopes: [echoRead()], forceRefresh: true }),
    );
    expect(silent.fromCache).toBe(false);
    expect(silent.accessToken).not.toBe(result.accessToken);
    expect((await verifyAccessToken(silent.accessToken)).scp).toBe('Echo.Read.User');
    const [secondRefreshToken] = refreshTokensIn(cca.getTokenCache().serialize());
    expect(secondRefreshToken).toBeDefined();
    expect(secondRefreshToken).not.toBe(firstRefreshToken);

    const reused = await postForm(`${server.authority()}/oauth2/v2.0/token`, {
      grant_type: 'refresh_token',
      client_id: ids.webClient,
      client_secret: ids.webClientSecret,
      refresh_token: required(firstRefreshToken),
      scope: echoRead(),
    });
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ error: 'invalid_grant', error_codes: [70008] });
  });
});

describe('PublicClientApplication (native app, PKCE S256, loopback redirect on any port)', () => {
  it("signs Adele in after consent: scp only, no roles (the portal's trap), azpacr 0", async () => {
    const { server } = running;
    const pca = new PublicClientApplication({
      auth: {
        clientId: ids.nativeClient,
        authority: server.authority(),
        knownAuthorities: [...server.knownAuthorities],
      },
    });
    const redirectUri = 'http://localhost:53123/native-callback';
    const pkce = await new CryptoProvider().generatePkceCodes();
    const url = await pca.getAuthCodeUrl({
      scopes: [echoRead()],
      redirectUri,
      codeChallenge: pkce.challenge,
      codeChallengeMethod: 'S256',
    });
    const answer = await signIn(server.url, url, ids.adele);
    expect(answer.location?.startsWith(`${redirectUri}?`)).toBe(true);
    const result = required(
      await pca.acquireTokenByCode({
        code: required(redirectParams(answer.location).get('code')),
        scopes: [echoRead()],
        redirectUri,
        codeVerifier: pkce.verifier,
      }),
    );
    const access = await verifyAccessToken(result.accessToken);
    expect(access).toMatchObject({ azp: ids.nativeClient, azpacr: '0', scp: 'Echo.Read.User', oid: ids.adele });
    expect(access.roles).toBeUndefined();

    const silent = required(
      await pca.acquireTokenSilent({ account: required(result.account), scopes: [echoRead()], forceRefresh: true }),
    );
    expect(silent.fromCache).toBe(false);
    expect((await verifyAccessToken(silent.accessToken)).oid).toBe(ids.adele);
  });
});
