import type { Decision, Reason } from './decision';
import { toApimError } from './mapping/apim-mapping';
import { toBearerError } from './mapping/bearer-mapping';
import { orderReasons } from './mapping/reason-order';
import type { ClaimPolicy } from './model';
import { boundedValue } from './text/bounded-value';

/** The allow decision (shared, frozen). */
export const ALLOWED: Decision = Object.freeze({
  allowed: true,
  reasons: Object.freeze([]) as readonly [],
});

/**
 * Turns reasons into a denial with the RFC 6750 and APIM mappings. Callers use it for failures the
 * engine does not see itself (no token, bad request, bad signature, unknown key, malformed JWT),
 * so every denial in the stack has the same shape. Reasons are reordered most fundamental first.
 * `expected`/`actual` values nested deeper than 32 levels are replaced by a bounded text, so a
 * decision can always be logged with `JSON.stringify` (see text/bounded-value.ts); hints are cut
 * at 1024 characters.
 *
 * @example deny(policy, [{ code: 'ERR_SIGNATURE_INVALID' }])
 */
export function deny(policy: ClaimPolicy, reasons: readonly Reason[]): Decision {
  if (reasons.length === 0) throw new TypeError('deny() needs at least one reason; use ALLOWED to allow');
  const ordered = orderReasons(reasons.map(bounded));
  return {
    allowed: false,
    reasons: ordered,
    bearer: toBearerError(ordered, policy.realm),
    apim: toApimError(policy, ordered),
  };
}

/** Hints quote token values (`iss "…"`); real ones stay far below this, a 16 KiB forged `iss` does not. */
const MAX_HINT_LENGTH = 1024;

function bounded(reason: Reason): Reason {
  const expected = boundedValue(reason.expected);
  const actual = boundedValue(reason.actual);
  const hint =
    reason.hint !== undefined && reason.hint.length > MAX_HINT_LENGTH
      ? `${reason.hint.slice(0, MAX_HINT_LENGTH)}…`
      : reason.hint;
  if (expected === reason.expected && actual === reason.actual && hint === reason.hint) return reason;
  return { ...reason, expected, actual, hint };
}
