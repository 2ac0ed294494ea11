import fc from 'fast-check';
import { startJwksTestServer, type JwksTestServer } from '../testing/jwks-test-server';
import { startProtectedTestApp, TEST_CLIENT_A, type ProtectedTestApp } from '../testing/protected-test-app';
import { bearer, call, v1Claims, v2Claims, v2UserClaims } from '../testing/probe-requests';

/**
 * `@RolesOrScopes` / `@Scopes` over real HTTP with real signed tokens: the daemon (app token, `roles`) and a
 * signed-in user (delegated token, `scp`) on one route, and the explained 403 for each kind of token.
 */
describe('app role OR delegated scope (@RolesOrScopes, @Scopes)', () => {
  let jwks: JwksTestServer;
  let app: ProtectedTestApp;

  beforeAll(async () => {
    jwks = await startJwksTestServer(undefined, '11111111-2222-3333-4444-555555555555');
    app = await startProtectedTestApp('fastify', { jwksUri: jwks.jwksUri, allowedClientIds: [] });
  });
  afterAll(async () => {
    await app?.close();
    await jwks?.close();
  });

  const get = async (path: string, claims: Record<string, unknown>) =>
    call(`${app.url}${path}`, bearer(await jwks.sign(claims)));

  it('accepts an app token with the app role', async () => {
    const response = await get('/role-or-scope', v2Claims({ roles: ['Echo.Read'] }));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ kind: 'app' });
  });

  it('accepts a v1 app token with the app role', async () => {
    expect((await get('/role-or-scope', v1Claims({ roles: ['Echo.Read'] }))).status).toBe(200);
  });

  it('accepts a user token with the delegated scope', async () => {
    const response = await get('/role-or-scope', v2UserClaims({ scp: 'User.Read Echo.Read.User' }));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ kind: 'user' });
  });

  it('accepts a user token whose user was assigned the app role', async () => {
    const megan = v2UserClaims({ scp: 'User.Read', roles: ['Echo.Read'], name: 'Megan Bowen' });
    expect((await get('/role-or-scope', megan)).status).toBe(200);
  });

  it('refuses a user token without the scope: 403 that says it is a user token carrying scp, not roles', async () => {
    const response = await get('/role-or-scope', v2UserClaims({ scp: 'Echo.Write.User' }));

    expect(response.status).toBe(403);
    expect(response.headers['www-authenticate']).toBe(
      'Bearer error="insufficient_scope", error_description="This is a user token: it carries scp, not roles; ' +
        'the route accepts the app role Echo.Read or the delegated scope Echo.Read.User", scope="Echo.Read Echo.Read.User"',
    );
    expect(response.body.reasons?.[0]).toMatchObject({ code: 'ERR_CLAIM_VALUE_NOT_ALLOWED', claim: 'scp' });
  });

  it('refuses an app token without the role: 403 that says it is an app token carrying roles, not scp', async () => {
    const response = await get('/role-or-scope', v2Claims({ roles: ['Echo.Write'] }));

    expect(response.status).toBe(403);
    expect(response.headers['www-authenticate']).toBe(
      'Bearer error="insufficient_scope", error_description="This is an app token (client credentials): it carries ' +
        'roles, not scp; the route accepts the app role Echo.Read or the delegated scope Echo.Read.User", ' +
        'scope="Echo.Read Echo.Read.User"',
    );
  });

  it('refuses an app token with no role at all, and says so', async () => {
    const response = await get('/role-or-scope', v2Claims({ roles: undefined }));
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(/app token \(client credentials\): it carries neither roles nor scp/);
  });

  it('@Scopes: a user token with the scope passes, an app token is told it needs a signed-in user', async () => {
    expect((await get('/user-only', v2UserClaims())).status).toBe(200);
    const app = await get('/user-only', v2Claims({ roles: ['Echo.Read'] }));
    expect(app.status).toBe(403);
    expect(app.headers['www-authenticate']).toContain(
      "the route accepts only the delegated scope Echo.Read.User (a signed-in user's token)",
    );
    expect(app.headers['www-authenticate']).toContain('scope="Echo.Read.User"');
  });

  it('@Roles and @Scopes on one route: both must hold', async () => {
    const post = async (claims: Record<string, unknown>) =>
      (await call(`${app.url}/role-and-scope`, bearer(await jwks.sign(claims)), 'POST')).status;
    expect(await post(v2UserClaims({ scp: 'Echo.Write.User', roles: ['Echo.Write'] }))).toBe(201);
    expect(await post(v2UserClaims({ scp: 'Echo.Write.User' }))).toBe(403);
    expect(await post(v2Claims({ roles: ['Echo.Write'] }))).toBe(403);
  });

  it('keeps @Roles({ acceptScopes }) working beside the new decorators', async () => {
    expect((await get('/read-or-scope', v2UserClaims({ scp: 'Echo.Read' }))).status).toBe(200);
    expect((await get('/read', v2UserClaims({ scp: 'Echo.Read' }))).status).toBe(403);
  });

  it('/me tells a user from an app', async () => {
    const user = await get('/me', v2UserClaims());
    expect(user.body).toMatchObject({
      kind: 'user',
      name: 'Adele Vance',
      username: 'adele@stack.local',
      objectId: '94642285-d159-4d96-bac8-92ba0d8aaac5',
      scopes: ['Echo.Read.User'],
      roles: [],
      clientId: TEST_CLIENT_A,
    });
    const daemon = await get('/me', v2Claims());
    expect(daemon.body).toMatchObject({ kind: 'app', roles: ['Echo.Read'], scopes: [] });
    expect(daemon.body).not.toHaveProperty('username');
  });

  it('answers 200 exactly when the token has the role or the scope, else an explained 403 (property)', async () => {
    const names = fc.constantFrom('Echo.Read', 'Echo.Write', 'Echo.Read.User', 'Echo.Write.User');
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.uniqueArray(names, { maxLength: 2 }), { nil: undefined }),
        fc.option(fc.uniqueArray(names, { minLength: 1, maxLength: 2 }), { nil: undefined }),
        async (roles, scopes) => {
          const claims = scopes === undefined ? v2Claims({ roles }) : v2UserClaims({ roles, scp: scopes.join(' ') });
          const response = await get('/role-or-scope', claims);
          const allowed = (roles ?? []).includes('Echo.Read') || (scopes ?? []).includes('Echo.Read.User');
          expect(response.status).toBe(allowed ? 200 : 403);
          if (!allowed) {
            const kind = scopes === undefined ? 'an app token' : 'a user token';
            expect(response.headers['www-authenticate']).toContain(`This is ${kind}`);
            expect(response.headers['www-authenticate']).toContain('scope="Echo.Read Echo.Read.User"');
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
