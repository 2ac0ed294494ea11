/**
 * User tokens over HTTPS beyond the msal acceptance test: the v1 endpoints (resource parameter, string-valued
 * response, v1 ID token with upn/unique_name), OpenID-only sign-in giving a Graph-shaped token that /oidc/userinfo
 * accepts, and pairwise `sub` per client with the same `oid`.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  decodeJwt,
  getJson,
  ids,
  postForm,
  required,
  startTestServer,
  type TestServer,
} from '../../test-support/server';
import { answerConsent, openAuthorize, pickUser, redirectParams } from '../../test-support/sign-in';

// Each test signs in over HTTPS (several round trips) and the server starts with new keys: room for a busy machine.
jest.setTimeout(30_000);

let running: TestServer;

beforeAll(async () => {
  running = await startTestServer();
});
afterAll(() => running.dispose());

const SPA_ORIGIN = 'http://localhost:8080';

async function code(path: string, params: Record<string, string>, user: string): Promise<string> {
  const page = await openAuthorize(`${running.server.authority()}/${path}?${new URLSearchParams(params).toString()}`);
  let answer = await pickUser(running.server.url, page, user);
  if (answer.status === 200) answer = await answerConsent(running.server.url, answer, 'accept');
  return required(redirectParams(answer.location).get('code'), 'code');
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function spaTokens(scope: string, user: string) {
  const { verifier, challenge } = pkce();
  const authCode = await code(
    'oauth2/v2.0/authorize',
    {
      client_id: ids.spaClient,
      response_type: 'code',
      redirect_uri: ids.spaRedirectUri,
      scope,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      nonce: 'n-spa',
    },
    user,
  );
  return postForm(
    `${running.server.authority()}/oauth2/v2.0/token`,
    {
      grant_type: 'authorization_code',
      client_id: ids.spaClient,
      redirect_uri: ids.spaRedirectUri,
      code: authCode,
      code_verifier: verifier,
      scope,
    },
    { origin: SPA_ORIGIN },
  );
}

it('v1 endpoints: resource parameter, string-valued response, v1 ID token, the API still decides the access token version', async () => {
  const authCode = await code(
    'oauth2/authorize',
    {
      client_id: ids.webClient,
      response_type: 'code',
      redirect_uri: ids.webRedirectUri,
      resource: ids.apiProxyUri,
      nonce: 'n1',
    },
    ids.megan,
  );
  const tokens = await postForm(`${running.server.authority()}/oauth2/token`, {
    grant_type: 'authorization_code',
    client_id: ids.webClient,
    client_secret: ids.webClientSecret,
    redirect_uri: ids.webRedirectUri,
    code: authCode,
    resource: ids.apiProxyUri,
  });
  expect(tokens.status).toBe(200);
  expect(tokens.body).toMatchObject({ token_type: 'Bearer', expires_in: '3599', resource: ids.apiProxyUri });
  expect(tokens.body['refresh_token']).toEqual(expect.any(String)); // v1 always returns one
  const id = decodeJwt(String(tokens.body['id_token'])).payload;
  expect(id).toMatchObject({
    aud: ids.webClient,
    iss: running.server.issuer('1.0'),
    upn: 'megan@stack.local',
    unique_name: 'megan@stack.local',
    given_name: 'Megan',
    family_name: 'Bowen',
    nonce: 'n1',
    ver: '1.0',
  });
  expect(id['preferred_username']).toBeUndefined();
  const access = decodeJwt(String(tokens.body['access_token'])).payload;
  expect(access).toMatchObject({
    ver: '2.0',
    aud: ids.apiProxy,
    scp: 'Echo.Read.User Echo.Write.User',
    roles: ['Echo.Read'],
  });
});

it('OpenID-only sign-in: a Graph-shaped token that /oidc/userinfo accepts; API tokens are refused there', async () => {
  const tokens = await spaTokens('openid profile email offline_access', ids.adele);
  expect(tokens.status).toBe(200);
  const access = decodeJwt(String(tokens.body['access_token'])).payload;
  expect(access).toMatchObject({
    aud: 'https://graph.microsoft.com',
    scp: 'openid profile email',
    idtyp: 'user',
    ver: '1.0',
  });
  const id = decodeJwt(String(tokens.body['id_token'])).payload;
  expect(id).toMatchObject({ email: 'adele@stack.local', nonce: 'n-spa', preferred_username: 'adele@stack.local' });

  const info = await getJson(`${running.server.url}/oidc/userinfo`, {
    headers: { authorization: `Bearer ${String(tokens.body['access_token'])}` },
  });
  expect(info.status).toBe(200);
  expect(info.body).toEqual({
    sub: id['sub'],
    name: 'Adele Vance',
    given_name: 'Adele',
    family_name: 'Vance',
    email: 'adele@stack.local',
  });

  const apiTokens = await spaTokens(`openid ${ids.apiProxyUri}/${ids.echoReadUser}`, ids.adele);
  const refused = await getJson(`${running.server.url}/oidc/userinfo`, {
    headers: { authorization: `Bearer ${String(apiTokens.body['access_token'])}` },
  });
  expect(refused.status).toBe(401);
  expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
  expect(refused.body).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
});

it('discovery advertises the authorization endpoint, userinfo, response modes, PKCE methods and the grants', async () => {
  const { body } = await getJson(`${running.server.authority()}/v2.0/.well-known/openid-configuration`);
  expect(body).toMatchObject({
    authorization_endpoint: `${running.server.authority()}/oauth2/v2.0/authorize`,
    userinfo_endpoint: `${running.server.url}/oidc/userinfo`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256', 'plain'],
    grant_types_supported: ['client_credentials', 'authorization_code', 'refresh_token'],
  });
});

it('pairwise sub: the same user has another sub in another client, the same oid', async () => {
  const spa = await spaTokens(`openid ${ids.apiProxyUri}/${ids.echoReadUser}`, ids.megan);
  const spaId = decodeJwt(String(spa.body['id_token'])).payload;
  const authCode = await code(
    'oauth2/v2.0/authorize',
    { client_id: ids.webClient, response_type: 'code', redirect_uri: ids.webRedirectUri, scope: 'openid' },
    ids.megan,
  );
  const web = await postForm(`${running.server.authority()}/oauth2/v2.0/token`, {
    grant_type: 'authorization_code',
    client_id: ids.webClient,
    client_secret: ids.webClientSecret,
    redirect_uri: ids.webRedirectUri,
    code: authCode,
  });
  const webId = decodeJwt(String(web.body['id_token'])).payload;
  expect(webId['oid']).toBe(spaId['oid']);
  expect(webId['sub']).not.toBe(spaId['sub']);
  expect(web.body['refresh_token']).toBeUndefined(); // no offline_access asked
});
