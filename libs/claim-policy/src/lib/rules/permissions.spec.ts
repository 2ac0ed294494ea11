import fc from 'fast-check';
import { createPolicy } from '../defaults';
import { evaluate } from '../evaluate';
import type { Claims, RequiredPermission } from '../model';

const readPermission: RequiredPermission = { appRoles: ['Echo.Read'], delegatedScopes: ['Echo.Read.User'] };
const policy = createPolicy({ requiredPermissions: [readPermission] });
const header = { alg: 'RS256' };
const now = 1_700_000_000_000;
const exp = now / 1000 + 600;

const appToken = (extra: Record<string, unknown> = {}): Claims => ({ exp, oid: 'sp', sub: 'sp', ...extra });
const userToken = (scp: string, extra: Record<string, unknown> = {}): Claims => ({
  exp,
  oid: 'user-oid',
  sub: 'pairwise-sub',
  name: 'Adele Vance',
  scp,
  ...extra,
});

function denial(claims: Claims, on = policy) {
  const decision = evaluate(on, header, claims, now);
  if (decision.allowed) throw new Error('expected a denial');
  return decision;
}

describe('requiredPermissions: app role OR delegated scope', () => {
  it.each([
    ['an app token with the role', appToken({ roles: ['Echo.Read'] })],
    ['a user token with the scope', userToken('Echo.Read.User')],
    ['a user token with the app role assigned to the user', userToken('Other.Scope', { roles: ['Echo.Read'] })],
  ])('allows %s', (_what, claims) => {
    expect(evaluate(policy, header, claims, now).allowed).toBe(true);
  });

  it('explains a user token without the scope: scp, not roles (the portal trap)', () => {
    const { reasons, bearer } = denial(userToken('Echo.Write.User'));

    expect(reasons[0]).toMatchObject({
      code: 'ERR_CLAIM_VALUE_NOT_ALLOWED',
      claim: 'scp',
      missing: ['Echo.Read', 'Echo.Read.User'],
      token: { kind: 'user', carries: ['scp'] },
    });
    expect(bearer.status).toBe(403);
    expect(bearer.error).toBe('insufficient_scope');
    expect(bearer.description).toBe(
      'This is a user token: it carries scp, not roles; the route accepts the app role Echo.Read or the delegated scope Echo.Read.User',
    );
    expect(bearer.wwwAuthenticate).toContain('scope="Echo.Read Echo.Read.User"');
    expect(reasons[0].hint).toContain('The token has scp [Echo.Write.User].');
    expect(reasons[0].hint).toContain('Request the scope Echo.Read.User');
  });

  it('explains an app token without the role: roles, not scp', () => {
    const { reasons, bearer } = denial(appToken({ roles: ['Echo.Write'] }));

    expect(reasons[0]).toMatchObject({ code: 'ERR_CLAIM_VALUE_NOT_ALLOWED', claim: 'roles' });
    expect(bearer.description).toBe(
      'This is an app token (client credentials): it carries roles, not scp; the route accepts the app role Echo.Read or the delegated scope Echo.Read.User',
    );
    expect(reasons[0].hint).toContain('Grant the client the application permission Echo.Read');
  });

  it('says when an app token carries neither roles nor scp (no role granted)', () => {
    const { reasons, bearer } = denial(appToken());

    expect(reasons[0]).toMatchObject({
      code: 'ERR_CLAIM_MISSING',
      claim: 'roles',
      token: { kind: 'app', carries: [] },
    });
    expect(bearer.description).toMatch(
      /^This is an app token \(client credentials\): it carries neither roles nor scp;/,
    );
  });

  it('trusts idtyp over the presence of scp', () => {
    const { reasons } = denial(appToken({ idtyp: 'user', roles: ['X'] }));
    expect(reasons[0]).toMatchObject({ claim: 'scp', code: 'ERR_CLAIM_MISSING', token: { kind: 'user' } });
    expect(reasons[0].hint).toContain('(idtyp is "user")');
  });

  it('a scopes-only route tells an app token that it needs a signed-in user', () => {
    const scopesOnly = createPolicy({ requiredPermissions: [{ appRoles: [], delegatedScopes: ['Echo.Read.User'] }] });
    const { reasons, bearer } = denial(appToken({ roles: ['Echo.Read'] }), scopesOnly);

    expect(reasons[0]).toMatchObject({ code: 'ERR_CLAIM_MISSING', claim: 'scp' });
    expect(bearer.description).toBe(
      "This is an app token (client credentials): it carries roles, not scp; the route accepts only the delegated scope Echo.Read.User (a signed-in user's token)",
    );
    expect(bearer.wwwAuthenticate).toContain('scope="Echo.Read.User"');
  });

  it('refuses a permission without any name', () => {
    expect(() => createPolicy({ requiredPermissions: [{ appRoles: [], delegatedScopes: [] }] })).toThrow(
      /at least one app role or delegated scope/,
    );
  });

  it('allows exactly when roles hold an accepted app role or scp an accepted scope (property)', () => {
    const names = fc.constantFrom('Echo.Read', 'Echo.Write', 'Echo.Read.User', 'Echo.Write.User', 'Other');
    fc.assert(
      fc.property(
        fc.option(fc.uniqueArray(names, { maxLength: 3 }), { nil: undefined }),
        fc.option(fc.uniqueArray(names, { maxLength: 3 }), { nil: undefined }),
        fc.uniqueArray(names, { maxLength: 2 }),
        fc.uniqueArray(names, { maxLength: 2 }),
        (roles, scopes, appRoles, delegatedScopes) => {
          fc.pre(appRoles.length + delegatedScopes.length > 0);
          const claims: Claims = {
            exp,
            ...(roles === undefined ? {} : { roles }),
            ...(scopes === undefined ? {} : { scp: scopes.join(' ') }),
          };
          const on = createPolicy({ requiredPermissions: [{ appRoles, delegatedScopes }] });
          const decision = evaluate(on, header, claims, now);
          const expected = appRoles.some((r) => roles?.includes(r)) || delegatedScopes.some((s) => scopes?.includes(s));
          expect(decision.allowed).toBe(expected);
          if (!decision.allowed) {
            const kind = scopes === undefined ? 'an app token' : 'a user token';
            expect(decision.bearer.status).toBe(403);
            expect(decision.bearer.description?.toLowerCase()).toContain(`this is ${kind}`);
            expect(decision.reasons[0].missing).toEqual([...appRoles, ...delegatedScopes]);
          }
        },
      ),
    );
  });
});
