import type { Reason } from '../decision';
import { tokenShapeOf } from '../entra/token-kind';
import { permissionHint } from '../hints/permission-hints';
import type { Claims, RequiredPermission } from '../model';
import { claimValues } from './claim-values';
import type { RuleInput } from './rule';

/**
 * "App role OR delegated scope" (Microsoft.Identity.Web's `RequiredScopeOrAppPermission`): a requirement
 * holds when `roles` has one of its app roles or `scp` (space-separated) one of its delegated scopes,
 * whatever the kind of token. A failure names the claim that this kind of token would carry an accepted
 * value in (`scp` for a user token when scopes are accepted, `roles` for an app token when roles are),
 * and lists every accepted name as `missing` (RFC 6750 `scope="…"`: any one of them would do).
 */
export function checkPermissions({ policy, claims }: RuleInput): Reason[] {
  return (policy.requiredPermissions ?? []).flatMap((permission) => checkOne(permission, claims));
}

function checkOne(permission: RequiredPermission, claims: Claims): Reason[] {
  const roles = claimValues(claims, 'roles') ?? [];
  const scopes = claimValues(claims, 'scp', ' ') ?? [];
  if (permission.appRoles.some((role) => roles.includes(role))) return [];
  if (permission.delegatedScopes.some((scope) => scopes.includes(scope))) return [];
  const token = tokenShapeOf(claims);
  const claim = claimFor(token.kind, permission);
  const present = token.carries.includes(claim);
  return [
    {
      code: present ? 'ERR_CLAIM_VALUE_NOT_ALLOWED' : 'ERR_CLAIM_MISSING',
      claim,
      expected: { appRoles: [...permission.appRoles], delegatedScopes: [...permission.delegatedScopes] },
      actual: present ? claims[claim] : undefined,
      missing: [...permission.appRoles, ...permission.delegatedScopes],
      token,
      hint: permissionHint(permission, claims),
    },
  ];
}

/** The claim this kind of token would carry an accepted value in. */
function claimFor(kind: 'app' | 'user', { appRoles, delegatedScopes }: RequiredPermission): 'roles' | 'scp' {
  if (kind === 'user') return delegatedScopes.length > 0 ? 'scp' : 'roles';
  return appRoles.length > 0 ? 'roles' : 'scp';
}
