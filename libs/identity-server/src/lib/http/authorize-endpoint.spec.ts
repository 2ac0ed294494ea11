/**
 * The authorization endpoint and the user grants over real HTTPS: errors shown on a page (never redirected to an
 * unregistered URI), errors sent back to the app, PKCE at both ends, prompt=none, consent, SPA rules (cross-origin
 * redemption, 24 h refresh tokens), form_post, and hostile inputs that never get a 5xx.
 */
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { request } from 'undici';
import { ids, postForm, startTestServer, type TestServer } from '../../test-support/server';
import { answerConsent, openAuthorize, pickUser, redirectParams, type Step } from '../../test-support/sign-in';

// Each test signs in over HTTPS (several round trips) and the server starts with new keys: room for a busy machine.
jest.setTimeout(30_000);

let running: TestServer;
let clock = Date.now();

beforeAll(async () => {
  running = await startTestServer({ now: () => clock });
});
afterAll(() => running.dispose());

const echoRead = `${ids.apiProxyUri}/${ids.echoReadUser}`;
const authorizeUrl = (params: Record<string, string>) =>
  `${running.server.authority()}/oauth2/v2.0/authorize?${new URLSearchParams(params).toString()}`;
const tokenUrl = () => `${running.server.authority()}/oauth2/v2.0/token`;

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

const webParams = (extra: Record<string, string> = {}) => ({
  client_id: ids.webClient,
  response_type: 'code',
  redirect_uri: ids.webRedirectUri,
  scope: `openid offline_access ${echoRead}`,
  state: 'st',
  ...extra,
});

const spaParams = (challenge: string, extra: Record<string, string> = {}) => ({
  client_id: ids.spaClient,
  response_type: 'code',
  redirect_uri: ids.spaRedirectUri,
  scope: `openid profile offline_access ${echoRead}`,
  code_challenge: challenge,
  code_challenge_method: 'S256',
  state: 'spa-state',
  ...extra,
});

function errorOf(step: Step): { error: string | null; description: string | null; state: string | null } {
  const params = redirectParams(step.location);
  return { error: params.get('error'), description: params.get('error_description'), state: params.get('state') };
}

async function codeFor(params: Record<string, string>, user: string): Promise<{ code: string; cookie?: string }> {
  const page = await openAuthorize(authorizeUrl(params));
  let answer = await pickUser(running.server.url, page, user);
  const cookie = answer.setCookie?.split(';')[0];
  if (answer.status === 200) answer = await answerConsent(running.server.url, answer, 'accept');
  const code = redirectParams(answer.location).get('code');
  if (!code) throw new Error(`no code: ${answer.status} ${answer.location} ${answer.html}`);
  return { code, cookie };
}

describe('errors shown on a page, never redirected', () => {
  it('AADSTS50011 for a redirect URI that is not registered', async () => {
    const page = await openAuthorize(authorizeUrl(webParams({ redirect_uri: 'https://evil.example/cb' })));
    expect(page.status).toBe(400);
    expect(page.location).toBeUndefined();
    expect(page.html).toContain('AADSTS50011');
    expect(page.html).toContain('https://evil.example/cb');
  });

  it('AADSTS700016 for an unknown client, with the client id escaped', async () => {
    const page = await openAuthorize(authorizeUrl(webParams({ client_id: '<script>alert(1)</script>' })));
    expect(page.status).toBe(400);
    expect(page.html).toContain('AADSTS700016');
    expect(page.html).not.toContain('<script>alert');
    expect(page.html).toContain('&lt;script&gt;');
  });

  it('matches a loopback redirect URI on another port, but not another path', async () => {
    const otherPort = await openAuthorize(
      authorizeUrl(webParams({ redirect_uri: 'http://localhost:9999/auth/callback' })),
    );
    expect(otherPort.status).toBe(200);
    const otherPath = await openAuthorize(
      authorizeUrl(webParams({ redirect_uri: 'http://localhost:3500/auth/other' })),
    );
    expect(otherPath.html).toContain('AADSTS50011');
  });

  it("lets the sign-in page's form end at the redirect URI: CSP form-action allows it (browsers check redirects)", async () => {
    const page = await fetch(authorizeUrl(webParams({ redirect_uri: 'http://localhost:9999/auth/callback' })));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self' http://localhost:9999;");
  });
});

describe('errors sent back to the registered redirect URI', () => {
  it('AADSTS9002325 when a SPA sends no PKCE challenge, with the state', async () => {
    const params = spaParams('x');
    delete (params as Record<string, string>)['code_challenge'];
    delete (params as Record<string, string>)['code_challenge_method'];
    const answer = await openAuthorize(authorizeUrl(params));
    expect(answer.status).toBe(302);
    expect(answer.location?.startsWith(ids.spaRedirectUri)).toBe(true);
    expect(errorOf(answer)).toMatchObject({ error: 'invalid_request', state: 'spa-state' });
    expect(errorOf(answer).description).toMatch(/^AADSTS9002325: Proof Key for Code Exchange is required/);
  });

  it('refuses plain PKCE for a SPA and a malformed S256 challenge', async () => {
    const { verifier } = pkce();
    const plain = await openAuthorize(authorizeUrl(spaParams(verifier, { code_challenge_method: 'plain' })));
    expect(errorOf(plain).description).toMatch(/^AADSTS9002313: .*S256/);
    const short = await openAuthorize(authorizeUrl(spaParams('abc')));
    expect(errorOf(short).description).toMatch(/^AADSTS501491: /);
  });

  it('AADSTS70011 for a scope the API does not expose', async () => {
    const answer = await openAuthorize(
      authorizeUrl(webParams({ scope: `openid ${ids.apiProxyUri}/Echo.Delete.User` })),
    );
    expect(errorOf(answer)).toMatchObject({ error: 'invalid_scope' });
    expect(errorOf(answer).description).toMatch(/^AADSTS70011: /);
  });

  it('prompt=none: login_required without a session, interaction_required (65001) without consent', async () => {
    const none = await openAuthorize(authorizeUrl(webParams({ prompt: 'none' })));
    expect(errorOf(none)).toMatchObject({ error: 'login_required', state: 'st' });
    expect(errorOf(none).description).toMatch(/^AADSTS50058: /);

    // Adele signs in to the SPA (pre-authorized, no consent): she now has a session cookie.
    const { challenge } = pkce();
    const page = await openAuthorize(authorizeUrl(spaParams(challenge)));
    const picked = await pickUser(running.server.url, page, ids.adele);
    expect(picked.status).toBe(302);
    const cookie = picked.setCookie?.split(';')[0];
    expect(cookie).toMatch(/^stack_identity_session=/);

    const silentSpa = await openAuthorize(authorizeUrl(spaParams(pkce().challenge, { prompt: 'none' })), cookie);
    expect(redirectParams(silentSpa.location).get('code')).toBeTruthy();
    const silentWeb = await openAuthorize(
      authorizeUrl(webParams({ prompt: 'none', login_hint: 'adele@stack.local' })),
      cookie,
    );
    expect(errorOf(silentWeb)).toMatchObject({ error: 'interaction_required' });
    expect(errorOf(silentWeb).description).toMatch(/^AADSTS65001: /);
  });

  it('access_denied (65004) when the user cancels consent', async () => {
    const page = await openAuthorize(authorizeUrl(webParams({ prompt: 'consent' })));
    const consent = await pickUser(running.server.url, page, ids.megan);
    expect(consent.html).toContain('Read through the Echo API as you');
    const answer = await answerConsent(running.server.url, consent, 'cancel');
    expect(errorOf(answer)).toMatchObject({ error: 'access_denied', state: 'st' });
  });
});

describe('token endpoint: codes', () => {
  it('refuses a wrong PKCE verifier (501481) and the code is spent afterwards (54005)', async () => {
    const { verifier, challenge } = pkce();
    const { code } = await codeFor(webParams({ code_challenge: challenge, code_challenge_method: 'S256' }), ids.megan);
    const base = {
      grant_type: 'authorization_code',
      client_id: ids.webClient,
      client_secret: ids.webClientSecret,
      redirect_uri: ids.webRedirectUri,
      code,
    };
    const wrong = await postForm(tokenUrl(), { ...base, code_verifier: pkce().verifier });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
    const again = await postForm(tokenUrl(), { ...base, code_verifier: verifier });
    expect(again.body).toMatchObject({ error: 'invalid_grant', error_codes: [54005] });
  });

  it('refuses another redirect_uri and a missing client secret for a web app', async () => {
    const first = await codeFor(webParams(), ids.megan);
    const wrongRedirect = await postForm(tokenUrl(), {
      grant_type: 'authorization_code',
      client_id: ids.webClient,
      client_secret: ids.webClientSecret,
      redirect_uri: 'http://localhost:3500/auth/other',
      code: first.code,
    });
    expect(wrongRedirect.body).toMatchObject({ error: 'invalid_grant', error_codes: [70000] });
    const second = await codeFor(webParams(), ids.megan);
    const noSecret = await postForm(tokenUrl(), {
      grant_type: 'authorization_code',
      client_id: ids.webClient,
      redirect_uri: ids.webRedirectUri,
      code: second.code,
    });
    expect(noSecret.status).toBe(401);
    expect(noSecret.body).toMatchObject({ error: 'invalid_client', error_codes: [7000218] });
  });
});

describe('token endpoint: SPA', () => {
  it('redeems cross-origin only, with CORS; rotates refresh tokens; ends the chain after 24 h (700084)', async () => {
    const { verifier, challenge } = pkce();
    const { code } = await codeFor(spaParams(challenge), ids.adele);
    const redeem = {
      grant_type: 'authorization_code',
      client_id: ids.spaClient,
      redirect_uri: ids.spaRedirectUri,
      code,
      code_verifier: verifier,
      scope: echoRead,
    };
    const sameOrigin = await postForm(tokenUrl(), redeem);
    expect(sameOrigin.body).toMatchObject({ error: 'invalid_request', error_codes: [9002327] });

    const second = await codeFor(spaParams(challenge), ids.adele);
    const tokens = await postForm(tokenUrl(), { ...redeem, code: second.code }, { origin: 'http://localhost:8080' });
    expect(tokens.status).toBe(200);
    expect(tokens.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
    expect(tokens.body).toMatchObject({ token_type: 'Bearer', scope: echoRead, refresh_token_expires_in: 86400 });
    expect(tokens.body['id_token']).toEqual(expect.any(String));

    const refresh = (token: unknown) =>
      postForm(
        tokenUrl(),
        { grant_type: 'refresh_token', client_id: ids.spaClient, refresh_token: String(token), scope: echoRead },
        { origin: 'http://localhost:8080' },
      );
    const rotated = await refresh(tokens.body['refresh_token']);
    expect(rotated.status).toBe(200);
    expect(rotated.body['refresh_token']).not.toBe(tokens.body['refresh_token']);
    const reused = await refresh(tokens.body['refresh_token']);
    expect(reused.body).toMatchObject({ error: 'invalid_grant', error_codes: [70008] });

    clock += 24 * 3600_000 + 1000;
    const expired = await refresh(rotated.body['refresh_token']);
    expect(expired.body).toMatchObject({ error: 'invalid_grant', error_codes: [700084] });
    clock = Date.now();
  });
});

it('form_post delivers the code in an auto-submitting form with the state escaped', async () => {
  const state = '"><script>alert(1)</script>';
  const page = await openAuthorize(authorizeUrl(webParams({ response_mode: 'form_post', state })));
  const answer = await pickUser(running.server.url, page, ids.megan);
  const html =
    answer.status === 200 && answer.html.includes('Permissions requested')
      ? (await answerConsent(running.server.url, answer, 'accept')).html
      : answer.html;
  expect(html).toContain(`action="${ids.webRedirectUri}"`);
  expect(html).toContain('name="code"');
  expect(html).not.toContain('<script>alert');
  expect(html).toContain('&quot;&gt;&lt;script&gt;');
});

it("form_post's CSP lets the form go only to the redirect URI's origin; no other page may run script", async () => {
  const state = 'document.forms[0].submit()';
  const signIn = await openAuthorize(authorizeUrl(webParams({ response_mode: 'form_post', state, login_hint: state })));
  expect(signIn.contentSecurityPolicy).not.toContain('script-src');
  const answer = await pickUser(running.server.url, signIn, ids.megan);
  const delivered =
    answer.status === 200 && answer.html.includes('Permissions requested')
      ? await answerConsent(running.server.url, answer, 'accept')
      : answer;
  expect(delivered.html).toContain('name="code"');
  const origin = new URL(ids.webRedirectUri).origin;
  expect(delivered.contentSecurityPolicy).toContain(`form-action ${origin};`);
  expect(delivered.contentSecurityPolicy).toContain("script-src 'unsafe-inline'");
});

it('answers hostile authorize and sign-in requests without a 5xx', async () => {
  const names = [
    'client_id',
    'redirect_uri',
    'response_type',
    'scope',
    'state',
    'nonce',
    'prompt',
    'login_hint',
    'code_challenge',
    'code_challenge_method',
    'response_mode',
    'resource',
    '__proto__',
    'interaction',
    'user',
    'decision',
  ];
  const value = fc.oneof(
    fc.constantFrom(
      ids.webClient,
      ids.spaClient,
      ids.webRedirectUri,
      ids.spaRedirectUri,
      'code',
      'none',
      'form_post',
      echoRead,
      'openid',
      '',
    ),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.integer({ min: 5000, max: 20000 }).map((n) => 'x'.repeat(n)),
  );
  const pairs = fc.array(fc.tuple(fc.constantFrom(...names), value), { maxLength: 10 });
  const target = fc.constantFrom(
    `/${ids.tenantId}/oauth2/v2.0/authorize`,
    `/${ids.tenantId}/oauth2/authorize`,
    '/common/oauth2/v2.0/authorize',
    '/nope/oauth2/v2.0/authorize',
    '/local-sign-in/select',
    '/local-sign-in/consent',
    '/oidc/userinfo',
  );
  await fc.assert(
    fc.asyncProperty(target, pairs, fc.boolean(), async (path, fields, asPost) => {
      const body = new URLSearchParams(fields).toString();
      const response = await request(`${running.server.url}${path}${asPost ? '' : `?${body}`}`, {
        method: asPost || path.startsWith('/local-sign-in') ? 'POST' : 'GET',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: asPost || path.startsWith('/local-sign-in') ? body : undefined,
      });
      await response.body.text();
      expect(response.statusCode).toBeLessThan(500);
    }),
    { numRuns: 150 },
  );
}, 120_000);
