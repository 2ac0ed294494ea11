import type { Decision } from './decision';
import { ALLOWED, deny } from './deny';
import type { ClaimPolicy, Claims, VerifiedHeader } from './model';
import { checkAlgorithm } from './rules/algorithm';
import { checkAudience } from './rules/audience';
import { checkClient } from './rules/client';
import { checkRequiredClaims } from './rules/claims';
import { checkIssuer } from './rules/issuer';
import { checkLifetime } from './rules/lifetime';
import { checkPermissions } from './rules/permissions';
import type { Rule } from './rules/rule';

const RULES: readonly Rule[] = [
  checkAlgorithm,
  checkIssuer,
  checkAudience,
  checkLifetime,
  checkClient,
  checkRequiredClaims,
  checkPermissions,
];

/**
 * Decides whether a token satisfies a policy. Pure: no I/O, no clock, inputs untouched.
 * The caller has already verified the signature (or reports its failure with {@link deny}).
 * Every failing rule contributes reasons; `reasons[0]` is the most fundamental one.
 *
 * @param header the token's protected header (`alg`, `kid`, `crit`, …)
 * @param claims the decoded payload
 * @param now the current time, as a `Date` or epoch milliseconds
 */
export function evaluate(policy: ClaimPolicy, header: VerifiedHeader, claims: Claims, now: Date | number): Decision {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  if (!Number.isFinite(nowMs)) throw new TypeError('evaluate(): now must be a valid Date or epoch milliseconds');
  if (!isJsonObject(header) || !isJsonObject(claims)) {
    const part = isJsonObject(header) ? 'payload' : 'header';
    return deny(policy, [
      {
        code: 'ERR_TOKEN_MALFORMED',
        hint: `The token ${part} is not a JSON object.`,
      },
    ]);
  }
  const input = { policy, header, claims, nowSeconds: nowMs / 1000 };
  const reasons = RULES.flatMap((rule) => rule(input));
  return reasons.length === 0 ? ALLOWED : deny(policy, reasons);
}

function isJsonObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
