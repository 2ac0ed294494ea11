import type { Decision, Reason } from './decision';
import { toApimError } from './mapping/apim-mapping';
import { toBearerError } from './mapping/bearer-mapping';
import { orderReasons } from './mapping/reason-order';
import type { ClaimPolicy } from './model';

/** The allow decision (shared, frozen). */
export const ALLOWED: Decision = Object.freeze({
  allowed: true,
  reasons: Object.freeze([]) as readonly [],
});

/**
 * Turns reasons into a denial with the RFC 6750 and APIM mappings. Callers use it for failures the
 * engine does not see itself (no token, bad request, bad signature, unknown key, malformed JWT),
 * so every denial in the stack has the same shape. Reasons are reordered most fundamental first.
 *
 * @example deny(policy, [{ code: 'ERR_SIGNATURE_INVALID' }])
 */
export function deny(policy: ClaimPolicy, reasons: readonly Reason[]): Decision {
  if (reasons.length === 0) throw new TypeError('deny() needs at least one reason; use ALLOWED to allow');
  const ordered = orderReasons(reasons);
  return {
    allowed: false,
    reasons: ordered,
    bearer: toBearerError(ordered, policy.realm),
    apim: toApimError(policy, ordered),
  };
}
