import type { BearerError, BearerErrorCode, Reason } from '../decision';
import { describePermissionDenial } from '../hints/permission-hints';
import type { RequiredPermission } from '../model';
import { quotableText, isScopeToken } from './header-text';
import { isTokenIdentityClaimFailure } from './reason-order';

/** Claims whose values are scopes in the RFC 6750 sense: missing ones go into `scope="…"`. */
const SCOPE_CLAIMS: ReadonlySet<string> = new Set(['roles', 'scp', 'scope']);

/**
 * Maps ordered reasons (first = most fundamental) onto an RFC 6750 §3 response:
 * no token or another scheme → 401 bare challenge; malformed request → 400 `invalid_request`;
 * missing privileges (client, required claims) → 403 `insufficient_scope`; anything else about
 * the token → 401 `invalid_token`.
 */
export function toBearerError(reasons: readonly Reason[], realm?: string): BearerError {
  const first = reasons[0];
  const realmParam = realm === undefined ? [] : [`realm="${quotableText(realm)}"`];
  if (first.code === 'ERR_TOKEN_MISSING' || first.code === 'ERR_SCHEME_MISMATCH') {
    return { status: 401, wwwAuthenticate: challenge(realmParam) };
  }
  const error = errorCodeOf(first);
  const description = quotableText(describe(first));
  const params = [...realmParam, `error="${error}"`, `error_description="${description}"`];
  if (error === 'insufficient_scope') {
    const scopes = missingScopes(reasons);
    if (scopes.length > 0) params.push(`scope="${scopes.join(' ')}"`);
  }
  const status = error === 'invalid_request' ? 400 : error === 'insufficient_scope' ? 403 : 401;
  return { status, error, description, wwwAuthenticate: challenge(params) };
}

function challenge(params: readonly string[]): string {
  return params.length === 0 ? 'Bearer' : `Bearer ${params.join(', ')}`;
}

function errorCodeOf(reason: Reason): BearerErrorCode {
  if (reason.code === 'ERR_REQUEST_MALFORMED') return 'invalid_request';
  if (isPrivilegeFailure(reason)) return 'insufficient_scope';
  return 'invalid_token';
}

function isPrivilegeFailure(reason: Reason): boolean {
  if (reason.code === 'ERR_CLIENT_NOT_ALLOWED') return true;
  const claimFailure = reason.code === 'ERR_CLAIM_MISSING' || reason.code === 'ERR_CLAIM_VALUE_NOT_ALLOWED';
  return claimFailure && !isTokenIdentityClaimFailure(reason);
}

function missingScopes(reasons: readonly Reason[]): string[] {
  const scopes = reasons
    .filter((reason) => isPrivilegeFailure(reason) && reason.claim !== undefined && SCOPE_CLAIMS.has(reason.claim))
    .flatMap((reason) => reason.missing ?? [])
    .filter(isScopeToken);
  return [...new Set(scopes)];
}

const DESCRIPTIONS: Partial<Record<Reason['code'], string>> = {
  ERR_REQUEST_MALFORMED: 'Send the access token once, as Authorization: Bearer <token>',
  ERR_TOKEN_MALFORMED: 'The token is malformed',
  ERR_TOKEN_UNSIGNED: 'The token is not signed',
  ERR_ALG_NOT_ALLOWED: 'The token signing algorithm is not allowed',
  ERR_CRIT_UNSUPPORTED: 'The token has unsupported critical header parameters',
  ERR_KEY_NOT_FOUND: 'The token signing key is not known',
  ERR_SIGNATURE_INVALID: 'The token signature is invalid',
  ERR_ISS_MISMATCH: 'The token issuer is not accepted',
  ERR_AUD_MISMATCH: 'The token audience is not accepted',
  ERR_EXP_MISSING: 'The token has no expiration time',
  ERR_JWT_EXPIRED: 'The token expired',
  ERR_JWT_NOT_YET_VALID: 'The token is not valid yet',
  ERR_LIFETIME_TOO_LONG: 'The token lifetime exceeds the allowed maximum',
  ERR_CLIENT_NOT_ALLOWED: 'The client application is not allowed',
};

/** The fixed, secret-free `error_description` of a reason. */
export function describe(reason: Reason): string {
  const fixed = DESCRIPTIONS[reason.code];
  if (fixed !== undefined) return fixed;
  const accepted = acceptedPermission(reason.expected);
  if (reason.token !== undefined && accepted !== undefined) return describePermissionDenial(reason.token, accepted);
  const claim = reason.claim ?? 'claim';
  if (claim === 'roles') return 'The token lacks the required app roles';
  if (claim === 'scp' || claim === 'scope') return 'The token lacks the required scopes';
  return reason.code === 'ERR_CLAIM_MISSING'
    ? `The token lacks the required claim ${claim}`
    : `The token claim ${claim} has no allowed value`;
}

/** The `expected` of an "app role or delegated scope" reason. */
function acceptedPermission(expected: unknown): RequiredPermission | undefined {
  if (typeof expected !== 'object' || expected === null) return undefined;
  const { appRoles, delegatedScopes } = expected as Partial<RequiredPermission>;
  return Array.isArray(appRoles) && Array.isArray(delegatedScopes) ? { appRoles, delegatedScopes } : undefined;
}
