import type { Reason, ReasonCode } from '../decision';

/**
 * Claims that say which token this is (for whom, from whom, what kind) rather than what it
 * grants. A required-claim failure on one of them is a bad token (401 `invalid_token`), ranked
 * with the audience check; on any other claim it is missing privileges (403).
 */
export const TOKEN_IDENTITY_CLAIMS: ReadonlySet<string> = new Set(['aud', 'iss', 'tid', 'ver', 'idtyp']);

/**
 * Most fundamental first: how the request carries the token, then whether it is a well-formed
 * signed JWS, then whose token it is (issuer, audience), then whether it is still valid (lifetime),
 * then what it grants (client, claims). Fixing the first reason is always the right next step:
 * an expired token for another API needs the right audience, not just a fresh token.
 */
const RANK: Readonly<Record<ReasonCode, number>> = {
  ERR_TOKEN_MISSING: 0,
  ERR_SCHEME_MISMATCH: 1,
  ERR_REQUEST_MALFORMED: 2,
  ERR_TOKEN_MALFORMED: 3,
  ERR_TOKEN_UNSIGNED: 4,
  ERR_ALG_NOT_ALLOWED: 5,
  ERR_CRIT_UNSUPPORTED: 6,
  ERR_KEY_NOT_FOUND: 7,
  ERR_SIGNATURE_INVALID: 8,
  ERR_ISS_MISMATCH: 9,
  ERR_AUD_MISMATCH: 10,
  ERR_EXP_MISSING: 12,
  ERR_JWT_EXPIRED: 13,
  ERR_JWT_NOT_YET_VALID: 14,
  ERR_LIFETIME_TOO_LONG: 15,
  ERR_CLIENT_NOT_ALLOWED: 16,
  ERR_CLAIM_MISSING: 17,
  ERR_CLAIM_VALUE_NOT_ALLOWED: 18,
};

/** True for required-claim failures on a claim of {@link TOKEN_IDENTITY_CLAIMS}. */
export function isTokenIdentityClaimFailure(reason: Reason): boolean {
  return (
    (reason.code === 'ERR_CLAIM_MISSING' || reason.code === 'ERR_CLAIM_VALUE_NOT_ALLOWED') &&
    reason.claim !== undefined &&
    TOKEN_IDENTITY_CLAIMS.has(reason.claim)
  );
}

function rank(reason: Reason): number {
  return isTokenIdentityClaimFailure(reason) ? 11 : (RANK[reason.code] ?? 99);
}

/** Sorts reasons most fundamental first; stable for reasons of equal rank. */
export function orderReasons(reasons: readonly Reason[]): Reason[] {
  return reasons
    .map((reason, index) => ({ reason, index }))
    .sort((a, b) => rank(a.reason) - rank(b.reason) || a.index - b.index)
    .map(({ reason }) => reason);
}
