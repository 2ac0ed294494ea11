import type { Reason } from '../decision';
import type { RuleInput } from './rule';

/**
 * `exp` and `nbf` (RFC 7519 §4.1.4-5) with `clockSkewSeconds` on both. A token is expired when
 * now >= exp + skew (so `exp == now` is expired), and not yet valid when now < nbf - skew.
 * Non-numeric values are malformed. `iat` is not checked (APIM does not either).
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

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function malformed(claim: string, actual: unknown): Reason {
  return {
    code: 'ERR_TOKEN_MALFORMED',
    claim,
    actual,
    hint: `${claim} must be a NumericDate (seconds since 1970 as a JSON number).`,
  };
}

function iso(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString();
}
