import { createParamDecorator, SetMetadata, type CustomDecorator, type ExecutionContext } from '@nestjs/common';
import type { ClaimMatch, RequiredClaim, RequiredPermission } from '@stack/claim-policy';
import type { AuthPrincipal } from '../policy/principal';
import type { RoleRequirement } from '../policy/route-requirements';
import { ALLOWED_CLIENTS_KEY, IS_PUBLIC_KEY, PERMISSIONS_KEY, REQUIRED_CLAIMS_KEY, ROLES_KEY } from './auth.constants';

/** Opens a route (or a whole controller) to callers without a token: health checks, docs. */
export const Public = (): CustomDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/** Options of {@link Roles}. */
export interface RolesOptions {
  /** `any` (default): one of the listed roles is enough, like ASP.NET `[Authorize(Roles = "A,B")]`; `all`: every one. */
  readonly match?: ClaimMatch;
  /**
   * Also accept the values as delegated scopes (`scp`) of a signed-in user's token. Off by default:
   * app roles (`roles`) are what client-credentials tokens carry.
   */
  readonly acceptScopes?: boolean;
}

/**
 * App roles the caller's token must carry in `roles` (Entra app roles assigned to the client).
 * On a handler it replaces the controller's `@Roles`. A denial is 403 `insufficient_scope` with the
 * missing roles in `scope="…"`. Defaults: docs/decisions/004-signing-keys-and-bearer-denials.md.
 *
 * @example @Roles('Echo.Read')
 * @example @Roles('Echo.Read', 'Echo.Write', { match: 'all' })
 * @example @Roles('Echo.Read', { acceptScopes: true })
 */
export function Roles(...roles: string[]): CustomDecorator;
export function Roles(...rolesAndOptions: [...string[], RolesOptions]): CustomDecorator;
export function Roles(...args: (string | RolesOptions)[]): CustomDecorator {
  const last = args[args.length - 1];
  const options: RolesOptions = typeof last === 'object' ? last : {};
  const values = args.filter((arg): arg is string => typeof arg === 'string');
  requireNames('@Roles', values);
  const requirement: RoleRequirement = {
    values,
    match: options.match ?? 'any',
    acceptScopes: options.acceptScopes ?? false,
  };
  return SetMetadata(ROLES_KEY, requirement);
}

/**
 * Delegated scopes: the token of a signed-in user must carry one of them in `scp` (Microsoft.Identity.Web's
 * `[RequiredScope]`). App tokens (client credentials) never carry `scp`, so they are refused with a reason
 * that says so. On a handler it replaces the controller's `@Scopes` / `@RolesOrScopes`.
 *
 * @example @Scopes('Echo.Read.User')
 */
export function Scopes(...scopes: string[]): CustomDecorator {
  requireNames('@Scopes', scopes);
  const permission: RequiredPermission = { appRoles: [], delegatedScopes: [...scopes] };
  return SetMetadata(PERMISSIONS_KEY, permission);
}

/** What {@link RolesOrScopes} accepts: any one of the app roles, or any one of the delegated scopes. */
export interface RolesOrScopesOptions {
  /** App roles, in `roles`: granted to a client app (application permissions), or assigned to a user. */
  readonly roles: readonly string[];
  /** Delegated scopes, in `scp`: what a signed-in user consented the client app may do. */
  readonly scopes: readonly string[];
}

/**
 * One route for both kinds of caller (Microsoft.Identity.Web's `[RequiredScopeOrAppPermission]`): a daemon
 * with an app role, or a client acting for a signed-in user with a delegated scope. The 403 says which
 * kind of token came and what it lacked, and lists every accepted name in `scope="…"`. On a handler it
 * replaces the controller's `@Scopes` / `@RolesOrScopes`; with `@Roles` on the same route both must hold.
 *
 * @example @RolesOrScopes({ roles: ['Echo.Read'], scopes: ['Echo.Read.User'] })
 */
export function RolesOrScopes(options: RolesOrScopesOptions): CustomDecorator {
  const roles = [...(options?.roles ?? [])];
  const scopes = [...(options?.scopes ?? [])];
  if (roles.length + scopes.length === 0) {
    throw new TypeError('@RolesOrScopes() needs at least one app role or delegated scope.');
  }
  if (roles.length > 0) requireNames('@RolesOrScopes() roles', roles);
  if (scopes.length > 0) requireNames('@RolesOrScopes() scopes', scopes);
  const permission: RequiredPermission = { appRoles: roles, delegatedScopes: scopes };
  return SetMetadata(PERMISSIONS_KEY, permission);
}

/**
 * Client application ids (`azp` in v2 tokens, `appid` in v1) allowed on this route. Narrows the
 * module-level `allowedClientIds`: a client must be in both lists. On a handler it replaces the
 * controller's list.
 */
export function AllowedClients(...clientIds: string[]): CustomDecorator {
  requireNames('@AllowedClients', clientIds);
  return SetMetadata(ALLOWED_CLIENTS_KEY, clientIds);
}

/** A claim requirement as written in `@RequireClaims`; `match` defaults to `all` (APIM's default). */
export type RequiredClaimInput = Omit<RequiredClaim, 'match'> & {
  readonly match?: ClaimMatch;
};

/**
 * Required claims with APIM `<required-claims>` semantics (`match`, `separator`, exact values).
 * Controller and handler requirements add up.
 *
 * @example @RequireClaims({ name: 'tid', values: ['<tenant-guid>'] })
 */
export function RequireClaims(...claims: RequiredClaimInput[]): CustomDecorator {
  if (claims.length === 0) throw new TypeError('@RequireClaims() needs at least one claim requirement.');
  const requirements: RequiredClaim[] = claims.map((claim) => {
    if (typeof claim.name !== 'string' || claim.name === '') {
      throw new TypeError('@RequireClaims(): every requirement needs a claim name.');
    }
    return { ...claim, match: claim.match ?? 'all', values: [...claim.values] };
  });
  return SetMetadata(REQUIRED_CLAIMS_KEY, requirements);
}

/** Injects the caller ({@link AuthPrincipal}) of an authenticated request. */
export const Principal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthPrincipal | undefined =>
    context.switchToHttp().getRequest<{ user?: AuthPrincipal }>().user,
);

function requireNames(decorator: string, names: readonly string[]): void {
  if (names.length === 0 || names.some((name) => typeof name !== 'string' || name.trim() === '')) {
    throw new TypeError(`${decorator}() needs at least one non-empty name.`);
  }
}
