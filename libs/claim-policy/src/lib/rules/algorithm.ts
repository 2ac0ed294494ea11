import type { Reason } from '../decision';
import type { RuleInput } from './rule';

/**
 * Header checks: `alg` on the allow-list (RFC 8725 §3.1, compared case-sensitively so `nOnE` is
 * just an unknown algorithm), `none` only when signed tokens are not required, and any `crit`
 * refused because this validator understands no JWS extension (RFC 7515 §4.1.11).
 */
export function checkAlgorithm({ policy, header }: RuleInput): Reason[] {
  const reasons: Reason[] = [];
  const alg: unknown = header.alg;
  if (typeof alg !== 'string' || alg === '') {
    reasons.push({
      code: 'ERR_TOKEN_MALFORMED',
      claim: 'alg',
      actual: alg,
      hint: 'The token header has no alg; it is not a JWS.',
    });
  } else if (alg === 'none') {
    if (policy.requireSignedTokens) {
      reasons.push({
        code: 'ERR_TOKEN_UNSIGNED',
        claim: 'alg',
        expected: policy.allowedAlgorithms,
        actual: alg,
        hint: 'Unsigned tokens (alg "none") are refused while require-signed-tokens is true; anyone can forge them.',
      });
    }
  } else if (!policy.allowedAlgorithms.includes(alg)) {
    reasons.push({
      code: 'ERR_ALG_NOT_ALLOWED',
      claim: 'alg',
      expected: policy.allowedAlgorithms,
      actual: alg,
      hint: `alg ${alg} is not in the allowed algorithms [${policy.allowedAlgorithms.join(', ')}]; Entra signs access tokens with RS256.`,
    });
  }
  if (header.crit !== undefined) {
    reasons.push({
      code: 'ERR_CRIT_UNSUPPORTED',
      claim: 'crit',
      actual: header.crit,
      hint: 'The header marks extensions as critical (crit), and this validator understands none, so it must refuse the token (RFC 7515 §4.1.11).',
    });
  }
  return reasons;
}
