import {
  requiredRoles,
  type ClaimMatch,
  type ClaimPolicy,
  type RequiredClaim,
  type RequiredPermission,
} from '@stack/claim-policy';

/** App roles a route needs (`@Roles`). */
export interface RoleRequirement {
  readonly values: readonly string[];
  /** `any` (default, like ASP.NET `[Authorize(Roles = "A,B")]`): one listed role is enough; `all`: every one. */
  readonly match: ClaimMatch;
  /** Also accept the values as delegated scopes in `scp` (tokens of signed-in users). */
  readonly acceptScopes: boolean;
}

/** Everything the decorators of one route ask for, collected from handler and controller metadata. */
export interface RouteRequirements {
  readonly roles?: RoleRequirement;
  /** `@Scopes` / `@RolesOrScopes`: an app role or a delegated scope. */
  readonly permission?: RequiredPermission;
  readonly allowedClients?: readonly string[];
  readonly claims?: readonly RequiredClaim[];
}

/**
 * Merges a route's requirements into the module-level policy (the Entra preset). Pure, and run once
 * per route: the result is cached by the guard, so no policy is built on the request path.
 *
 * - Roles become a `roles` required claim (with `scp` as an alternative source when `acceptScopes`).
 * - `@Scopes` / `@RolesOrScopes` become a required permission (app role OR delegated scope), ANDed
 *   with `@Roles` when a route has both.
 * - Route-level clients narrow the module-level list: both must allow a client (intersection), so a
 *   decorator can never open a route to a client the whole API refuses.
 * - Required claims are appended (ANDed with the module's).
 *
 * @throws RoutePolicyError when the route's clients and the module's have nothing in common.
 */
export function compileRoutePolicy(base: ClaimPolicy, route: RouteRequirements): ClaimPolicy {
  const requiredClaims = [...base.requiredClaims];
  if (route.roles && route.roles.values.length > 0) requiredClaims.push(roleClaim(route.roles));
  if (route.claims) requiredClaims.push(...route.claims);
  const requiredPermissions = [...(base.requiredPermissions ?? []), ...(route.permission ? [route.permission] : [])];
  return {
    ...base,
    requiredClaims,
    ...(requiredPermissions.length > 0 ? { requiredPermissions } : {}),
    allowedClientIds: narrowClients(base.allowedClientIds ?? [], route.allowedClients),
  };
}

function roleClaim({ values, match, acceptScopes }: RoleRequirement): RequiredClaim {
  // With acceptScopes, `scp` (one space-separated string) counts too; role names never contain
  // spaces, so splitting `roles` on the same separator changes nothing for them.
  return requiredRoles(values, { match, acceptDelegatedScopes: acceptScopes });
}

function narrowClients(moduleLevel: readonly string[], routeLevel: readonly string[] | undefined): readonly string[] {
  if (!routeLevel || routeLevel.length === 0) return moduleLevel;
  if (moduleLevel.length === 0) return routeLevel;
  const allowed = new Set(moduleLevel.map((id) => id.toLowerCase()));
  const both = routeLevel.filter((id) => allowed.has(id.toLowerCase()));
  if (both.length === 0) {
    // An empty list would mean "unchecked": refuse the configuration instead of opening the route.
    throw new RoutePolicyError(
      `@AllowedClients(${routeLevel.join(', ')}) names no client that the module allows ` +
        `(AUTH_ALLOWED_CLIENT_IDS: ${moduleLevel.join(', ')}); add the client to both lists.`,
    );
  }
  return both;
}

/** A route's decorators contradict the module configuration; raised at start-up. */
export class RoutePolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoutePolicyError';
  }
}
