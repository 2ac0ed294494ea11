import type { TokenKind, TokenShape } from '../decision';
import type { Claims } from '../model';
import { claimValues } from '../rules/claim-values';

/** Which kind of token this is, and the claim that told (for hints: `idtyp`, or the presence of `scp`). */
export interface TokenKindFacts {
  readonly kind: TokenKind;
  readonly evidence: 'idtyp' | 'scp' | 'no scp';
}

/**
 * App token (client credentials) or user token (a signed-in user's delegated token), from Entra's facts
 * (shared/reference/entra.md §4.3, §5):
 * - `idtyp` `"app"` is the documented, most accurate sign of an app token (an optional claim); `"user"`
 *   is observed on delegated tokens;
 * - otherwise `scp` is "only included for user tokens": present means a user token, absent an app token.
 *   `roles` proves nothing: app tokens may lack it, and a user token carries it when the user was assigned
 *   an app role. (`oid` = `sub` is observed on app tokens but not documented, so it is not relied on.)
 */
export function tokenKindOf(claims: Claims): TokenKindFacts {
  const idtyp = claims['idtyp'];
  if (idtyp === 'app' || idtyp === 'user') return { kind: idtyp, evidence: 'idtyp' };
  return claimValues(claims, 'scp', ' ') !== undefined
    ? { kind: 'user', evidence: 'scp' }
    : { kind: 'app', evidence: 'no scp' };
}

/** The kind of token and which of `roles` / `scp` it carries. */
export function tokenShapeOf(claims: Claims): TokenShape {
  const carries = (['roles', 'scp'] as const).filter((name) => claimValues(claims, name) !== undefined);
  return { kind: tokenKindOf(claims).kind, carries };
}
