import type { ApimError, ApimReason, Reason, ReasonCode } from '../decision';
import type { ClaimPolicy } from '../model';
import { renderBounded } from '../text/bounded-value';

/** Longest token value echoed in a `TokenClaimValueNotAllowed` message. */
const MAX_CLAIM_TEXT = 256;

/** APIM `context.LastError.Reason` per reason code (apim.md §1.6). */
const APIM_REASON: Readonly<Record<ReasonCode, ApimReason>> = {
  ERR_TOKEN_MISSING: 'TokenNotPresent',
  // A value in another scheme carries no bearer token: APIM finds none.
  ERR_SCHEME_MISMATCH: 'TokenNotPresent',
  ERR_REQUEST_MALFORMED: 'JwtInvalid',
  ERR_TOKEN_MALFORMED: 'JwtInvalid',
  ERR_TOKEN_UNSIGNED: 'JwtInvalid',
  ERR_ALG_NOT_ALLOWED: 'JwtInvalid',
  ERR_CRIT_UNSUPPORTED: 'JwtInvalid',
  ERR_KEY_NOT_FOUND: 'TokenSignatureKeyNotFound',
  ERR_SIGNATURE_INVALID: 'TokenSignatureInvalid',
  ERR_ISS_MISMATCH: 'TokenIssuerNotAllowed',
  ERR_AUD_MISMATCH: 'TokenAudienceNotAllowed',
  ERR_EXP_MISSING: 'JwtInvalid',
  ERR_JWT_EXPIRED: 'TokenExpired',
  ERR_JWT_NOT_YET_VALID: 'JwtInvalid',
  ERR_LIFETIME_TOO_LONG: 'JwtInvalid',
  ERR_CLIENT_NOT_ALLOWED: 'TokenClaimValueNotAllowed',
  ERR_CLAIM_MISSING: 'TokenClaimNotFound',
  ERR_CLAIM_VALUE_NOT_ALLOWED: 'TokenClaimValueNotAllowed',
};

/**
 * "Message from the jwt library" texts. APIM's exact IdentityModel strings are unconfirmed; these
 * follow their wording without IDX numbers and without token contents. Rows whose APIM reason
 * is not `JwtInvalid` end in " Access denied." as APIM's table shows.
 */
const LIBRARY_MESSAGE: Readonly<Partial<Record<ReasonCode, string>>> = {
  ERR_REQUEST_MALFORMED: 'The request carries the token more than once or in a malformed header.',
  ERR_TOKEN_MALFORMED: 'JWT is not well formed.',
  ERR_TOKEN_UNSIGNED: 'Unable to validate signature, token does not have a signature.',
  ERR_ALG_NOT_ALLOWED: 'The token signing algorithm is not allowed.',
  ERR_CRIT_UNSUPPORTED: 'The token has unsupported critical header parameters.',
  ERR_KEY_NOT_FOUND: 'Signature validation failed. Unable to match key.',
  ERR_SIGNATURE_INVALID: 'Signature validation failed.',
  ERR_ISS_MISMATCH: 'Issuer validation failed.',
  ERR_AUD_MISMATCH: 'Audience validation failed.',
  ERR_EXP_MISSING: 'Lifetime validation failed. The token is missing an Expiration Time.',
  ERR_JWT_EXPIRED: 'Lifetime validation failed. The token is expired.',
  ERR_JWT_NOT_YET_VALID: 'Lifetime validation failed. The token is not yet valid.',
  ERR_LIFETIME_TOO_LONG: 'Lifetime validation failed. The token lifetime exceeds the allowed maximum.',
};

/**
 * Maps ordered reasons onto APIM's failure: `failed-validation-httpcode`, and
 * `failed-validation-error-message` or APIM's default message for the first reason.
 */
export function toApimError(policy: ClaimPolicy, reasons: readonly Reason[]): ApimError {
  const first = reasons[0];
  const reason =
    first.code === 'ERR_CLIENT_NOT_ALLOWED' && first.actual === undefined
      ? 'TokenClaimNotFound'
      : APIM_REASON[first.code];
  return {
    status: policy.failedStatus,
    message: policy.failedMessage ?? defaultMessage(reason, first, reasons),
    reason,
  };
}

function defaultMessage(reason: ApimReason, first: Reason, reasons: readonly Reason[]): string {
  switch (reason) {
    case 'TokenNotPresent':
      return 'JWT not present.';
    case 'TokenClaimNotFound': {
      const names = reasons.filter((r) => isMissingClaim(r)).map((r) => r.claim ?? 'unknown');
      return `JWT token is missing the following claims: ${[...new Set(names)].join(', ')}. Access denied.`;
    }
    case 'TokenClaimValueNotAllowed':
      return `Claim ${first.claim ?? 'unknown'} value of ${claimText(first.actual)} is not allowed. Access denied.`;
    case 'JwtInvalid':
      return LIBRARY_MESSAGE[first.code] ?? 'JWT is invalid.';
    default:
      return `${LIBRARY_MESSAGE[first.code] ?? 'JWT is invalid.'} Access denied.`;
  }
}

function isMissingClaim(reason: Reason): boolean {
  return (
    reason.code === 'ERR_CLAIM_MISSING' || (reason.code === 'ERR_CLIENT_NOT_ALLOWED' && reason.actual === undefined)
  );
}

/**
 * APIM's `Jwt.Claims` gives multi-valued claims comma-separated. Bounded: at most
 * {@link MAX_CLAIM_TEXT} characters and a few levels of nesting, whatever the caller passed.
 */
function claimText(value: unknown): string {
  if (!Array.isArray(value)) return capped(typeof value === 'string' ? value : renderBounded(value, 4, MAX_CLAIM_TEXT));
  let text = '';
  for (let index = 0; index < value.length && text.length <= MAX_CLAIM_TEXT; index++) {
    const item: unknown = value[index];
    text += `${index > 0 ? ',' : ''}${typeof item === 'string' ? item : renderBounded(item, 4, MAX_CLAIM_TEXT)}`;
  }
  return capped(text);
}

function capped(text: string): string {
  return text.length <= MAX_CLAIM_TEXT ? text : `${text.slice(0, MAX_CLAIM_TEXT)}…`;
}
