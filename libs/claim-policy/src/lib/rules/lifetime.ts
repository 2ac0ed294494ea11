import type { Reason } from '../decision';
import type { RuleInput } from './rule';

/**
 * The largest NumericDate accepted: 9999-12-31T23:59:59Z, .NET's `DateTime.MaxValue` (APIM and
 * IdentityModel cannot represent a later date). Later values, up to 1e308, are malformed.
 */
export const MAX_NUMERIC_DATE = 253402300799;

/**
 * `exp` and `nbf` (RFC 7519 §4.1.4-5) with `clockSkewSeconds` on both. A token is expired when
 * now >= exp + skew (so `exp == now` is expired), and not yet valid when now < nbf - skew.
 * Non-numeric values and dates after {@link MAX_NUMERIC_DATE} are malformed. With
 * `maxTokenLifetimeSeconds`, an `exp` later than now + max + skew is `ERR_LIFETIME_TOO_LONG`.
 * `iat` is not checked (APIM does not either).
 */
export function checkLifetime({ policy, claims, nowSeconds }: RuleInput): Reason[] {
  const reasons: Reason[] = [];
  const skew = policy.clockSkewSeconds;
  const exp = claims['exp'];
  if (exp === undefined || exp === null) {
    if (policy.requireExpirationTime) {
      reasons.push({
        code: 'ERR_EXP_MISSING',
        claim: 'exp',
        hint: 'The token has no exp claim; tokens that never expire are refused while require-expiration-time is true.',
      });
    }
  } else if (!isNumericDate(exp)) {
    reasons.push(malformed('exp', exp));
  } else if (nowSeconds >= exp + skew) {
    const ago = Math.round(nowSeconds - exp);
    reasons.push({
      code: 'ERR_JWT_EXPIRED',
      claim: 'exp',
      expected: `> ${iso(nowSeconds - skew)}`,
      actual: iso(exp),
      hint: `The token expired ${ago} s ago (at ${iso(exp)}); fetch a new one (msal-node caches tokens and renews them before expiry)${skew === 0 ? ', or allow clock skew if the clocks differ' : ''}.`,
    });
  } else {
    reasons.push(...checkMaxLifetime(policy.maxTokenLifetimeSeconds, exp, nowSeconds, skew));
  }
  const nbf = claims['nbf'];
  if (nbf !== undefined && nbf !== null) {
    if (!isNumericDate(nbf)) {
      reasons.push(malformed('nbf', nbf));
    } else if (nowSeconds < nbf - skew) {
      reasons.push({
        code: 'ERR_JWT_NOT_YET_VALID',
        claim: 'nbf',
        expected: `<= ${iso(nowSeconds + skew)}`,
        actual: iso(nbf),
        hint: `The token is valid only from ${iso(nbf)}, ${Math.round(nbf - nowSeconds)} s from now: the issuer's clock is ahead of this host's; sync the clocks or allow clock skew.`,
      });
    }
  }
  return reasons;
}

function checkMaxLifetime(max: number | undefined, exp: number, nowSeconds: number, skew: number): Reason[] {
  if (max === undefined || exp <= nowSeconds + max + skew) return [];
  return [
    {
      code: 'ERR_LIFETIME_TOO_LONG',
      claim: 'exp',
      expected: `<= ${iso(nowSeconds + max + skew)}`,
      actual: iso(exp),
      hint: `The token claims to live another ${Math.round(exp - nowSeconds)} s (until ${iso(exp)}), longer than the allowed maximum of ${max} s${skew === 0 ? '' : ` (+ ${skew} s clock skew)`}; a real issuer does not mint such tokens (Entra's live 60-90 minutes): fetch a fresh token from the configured issuer, or raise the maximum if the issuer really does.`,
    },
  ];
}

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value <= MAX_NUMERIC_DATE;
}

function malformed(claim: string, actual: unknown): Reason {
  const tooLate = typeof actual === 'number' && !(actual <= MAX_NUMERIC_DATE);
  return {
    code: 'ERR_TOKEN_MALFORMED',
    claim,
    actual,
    hint: tooLate
      ? `${claim} is ${String(actual)}, after 9999-12-31T23:59:59Z (${MAX_NUMERIC_DATE}), the latest NumericDate accepted; no real issuer sets it, so the token is forged or broken.`
      : `${claim} must be a NumericDate (seconds since 1970 as a JSON number).`,
  };
}

function iso(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString();
}
