import { createPolicy } from '@stack/claim-policy';
import { compileRoutePolicy, RoutePolicyError } from './route-requirements';

const base = createPolicy({
  audiences: ['api'],
  requiredClaims: [{ name: 'tid', match: 'all', values: ['t'] }],
});

describe('compileRoutePolicy', () => {
  it('returns the module policy unchanged in substance for a route without decorators', () => {
    expect(compileRoutePolicy(base, {})).toEqual({
      ...base,
      allowedClientIds: [],
    });
  });

  it('adds roles as a roles requirement after the module requirements', () => {
    const policy = compileRoutePolicy(base, {
      roles: { values: ['Echo.Read'], match: 'any', acceptScopes: false },
    });
    expect(policy.requiredClaims).toEqual([
      { name: 'tid', match: 'all', values: ['t'] },
      { name: 'roles', match: 'any', values: ['Echo.Read'] },
    ]);
  });

  it('lets scp satisfy the roles requirement with acceptScopes', () => {
    const policy = compileRoutePolicy(base, {
      roles: { values: ['Echo.Read'], match: 'any', acceptScopes: true },
    });
    expect(policy.requiredClaims[1]).toEqual({
      name: 'roles',
      match: 'any',
      values: ['Echo.Read'],
      alsoFrom: ['scp'],
      separator: ' ',
    });
  });

  it('adds @Scopes / @RolesOrScopes as a required permission, beside the roles requirement', () => {
    const permission = { appRoles: ['Echo.Read'], delegatedScopes: ['Echo.Read.User'] };
    const policy = compileRoutePolicy(base, { permission });
    expect(policy.requiredPermissions).toEqual([permission]);
    expect(policy.requiredClaims).toEqual(base.requiredClaims);
    expect(compileRoutePolicy(base, {}).requiredPermissions).toBeUndefined();
  });

  it('appends required claims', () => {
    const policy = compileRoutePolicy(base, {
      claims: [{ name: 'xms_cc', match: 'any', values: ['cp1'] }],
    });
    expect(policy.requiredClaims.map((c) => c.name)).toEqual(['tid', 'xms_cc']);
  });

  it('narrows the module clients to the route clients (intersection, case-insensitive)', () => {
    const withClients = { ...base, allowedClientIds: ['A', 'B'] };
    expect(compileRoutePolicy(withClients, { allowedClients: ['b', 'c'] }).allowedClientIds).toEqual(['b']);
    expect(compileRoutePolicy(base, { allowedClients: ['c'] }).allowedClientIds).toEqual(['c']);
    expect(compileRoutePolicy(withClients, {}).allowedClientIds).toEqual(['A', 'B']);
  });

  it('refuses route clients the module does not allow at all', () => {
    expect(() => compileRoutePolicy({ ...base, allowedClientIds: ['A'] }, { allowedClients: ['C'] })).toThrow(
      RoutePolicyError,
    );
  });

  it('does not modify the module policy', () => {
    const before = JSON.stringify(base);
    compileRoutePolicy(base, {
      roles: { values: ['x'], match: 'all', acceptScopes: true },
      allowedClients: ['c'],
    });
    expect(JSON.stringify(base)).toBe(before);
  });
});
