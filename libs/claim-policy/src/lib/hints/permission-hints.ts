import type { TokenKind, TokenShape } from '../decision';
import { tokenKindOf, tokenShapeOf } from '../entra/token-kind';
import type { Claims, RequiredPermission } from '../model';
import { claimValues } from '../rules/claim-values';

/**
 * The fixed part of a denial by the "app role or delegated scope" rule: which kind of token came, what
 * it carries, and what the route accepts. Names only the route's own roles and scopes, never a value
 * of the token, so it is safe in an RFC 6750 `error_description`.
 *
 * @example "This is a user token: it carries scp, not roles; the route accepts the app role Echo.Read or the delegated scope Echo.Read.User"
 */
export function describePermissionDenial(token: TokenShape, accepted: RequiredPermission): string {
  const carries = { roles: token.carries.includes('roles'), scp: token.carries.includes('scp') };
  return `${kindSentence(token.kind, carries)}; ${acceptedSentence(accepted)}`;
}

/** {@link describePermissionDenial}, then what the token holds and how to get what the route accepts. */
export function permissionHint(permission: RequiredPermission, claims: Claims): string {
  const { kind, evidence } = tokenKindOf(claims);
  const roles = claimValues(claims, 'roles');
  const scopes = claimValues(claims, 'scp', ' ');
  const base = describePermissionDenial(tokenShapeOf(claims), permission);
  const told = evidence === 'idtyp' ? ` (idtyp is "${kind}")` : '';
  const holds = [
    roles !== undefined ? `roles [${roles.join(', ')}]` : undefined,
    scopes !== undefined ? `scp [${scopes.join(', ')}]` : undefined,
  ].filter((part) => part !== undefined);
  const has = holds.length > 0 ? ` The token${told} has ${holds.join(' and ')}.` : told ? ` The token${told}.` : '';
  return `${base}.${has} ${remedy(kind, permission)}`;
}

function kindSentence(kind: TokenKind, carries: { readonly roles: boolean; readonly scp: boolean }): string {
  if (kind === 'user') {
    if (!carries.scp) return 'This is a user token: it carries no scp';
    return carries.roles
      ? 'This is a user token: it carries scp and the app roles assigned to the user'
      : 'This is a user token: it carries scp, not roles';
  }
  if (carries.scp) return 'This is an app token (client credentials) that also carries scp';
  return carries.roles
    ? 'This is an app token (client credentials): it carries roles, not scp'
    : 'This is an app token (client credentials): it carries neither roles nor scp';
}

function acceptedSentence({ appRoles, delegatedScopes }: RequiredPermission): string {
  const roles = appRoles.length === 0 ? undefined : `the app role ${orList(appRoles)}`;
  const scopes = delegatedScopes.length === 0 ? undefined : `the delegated scope ${orList(delegatedScopes)}`;
  if (roles && scopes) return `the route accepts ${roles} or ${scopes}`;
  if (scopes) return `the route accepts only ${scopes} (a signed-in user's token)`;
  return `the route accepts only ${roles ?? 'nothing'}`;
}

function remedy(kind: TokenKind, { appRoles, delegatedScopes }: RequiredPermission): string {
  if (kind === 'user') {
    if (delegatedScopes.length > 0) {
      return `Request the scope ${orList(delegatedScopes)} of this API when the user signs in (and consent to it), or call with an app token.`;
    }
    return `Assign the app role ${orList(appRoles)} to the user (Enterprise applications: Users and groups), or call with an app token that carries it.`;
  }
  if (appRoles.length > 0) {
    return `Grant the client the application permission ${orList(appRoles)} (API permissions, grant admin consent), then fetch a new token.`;
  }
  return 'Call on behalf of a signed-in user (authorization code flow) with a delegated scope of this API; client credentials tokens never carry scp.';
}

function orList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
