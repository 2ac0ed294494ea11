import { compileRoutePolicy, createBasePolicy, loadAuthEnv, resolveAuthOptions } from '@stack/nest-auth';
import type { DoctorTarget } from '@stack/claim-policy';
import { DoctorUsageError } from '../doctor-args';

/**
 * protected-api's routes and what they require (its controllers' `@Roles`, or `@RolesOrScopes`: an app role or a
 * delegated scope; the apps cannot be imported from tools, so the table is kept here and
 * protected-api-routes.spec.ts compares it with the controllers). Any one listed role (or scope) is enough.
 */
export const PROTECTED_API_ROUTES: readonly {
  readonly method: string;
  readonly path: string;
  readonly roles: readonly string[];
  /** Delegated scopes accepted instead of the roles (`@RolesOrScopes`). */
  readonly scopes?: readonly string[];
}[] = [
  { method: 'GET', path: '/resource', roles: ['Echo.Read'], scopes: ['Echo.Read.User'] },
  { method: 'HEAD', path: '/resource', roles: ['Echo.Read'], scopes: ['Echo.Read.User'] },
  { method: 'POST', path: '/resource', roles: ['Echo.Write'], scopes: ['Echo.Write.User'] },
  { method: 'PUT', path: '/resource', roles: ['Echo.Write'], scopes: ['Echo.Write.User'] },
  { method: 'DELETE', path: '/resource', roles: ['Echo.Write'], scopes: ['Echo.Write.User'] },
  { method: 'GET', path: '/me', roles: [] },
  { method: 'GET', path: '/relay', roles: ['Gateway.Relay'] },
];

/**
 * protected-api called directly: its module policy (the Entra preset from the same `AUTH_*` variables, with the
 * local stack's defaults for those not set) plus the roles of the route.
 */
export function protectedApiTarget(env: NodeJS.ProcessEnv, method: string, path: string): DoctorTarget {
  const route = PROTECTED_API_ROUTES.find(
    (candidate) => candidate.method === method && candidate.path === (path.replace(/\/+$/, '') || '/'),
  );
  if (!route) {
    const known = PROTECTED_API_ROUTES.map((r) => `${r.method} ${r.path}`).join(', ');
    throw new DoctorUsageError(`protected-api has no protected route ${method} ${path}; known: ${known}.`);
  }
  const base = createBasePolicy(resolveAuthOptions(loadAuthEnv(env), env));
  const scopes = route.scopes ?? [];
  const policy =
    route.roles.length === 0
      ? base
      : scopes.length > 0
        ? compileRoutePolicy(base, { permission: { appRoles: route.roles, delegatedScopes: scopes } })
        : compileRoutePolicy(base, { roles: { values: route.roles, match: 'any', acceptScopes: false } });
  const decorator =
    route.roles.length === 0
      ? ''
      : scopes.length > 0
        ? `, @RolesOrScopes(${route.roles.join(', ')} | ${scopes.join(', ')})`
        : `, @Roles(${route.roles.join(', ')})`;
  return {
    label: `protected-api ${method} ${route.path} (AUTH_* settings${decorator})`,
    policy,
    answer: 'bearer',
  };
}
