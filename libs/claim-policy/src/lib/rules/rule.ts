import type { Reason } from '../decision';
import type { ClaimPolicy, Claims, VerifiedHeader } from '../model';

/** What every rule sees. `nowSeconds` is a NumericDate (seconds, may be fractional). */
export interface RuleInput {
  readonly policy: ClaimPolicy;
  readonly header: VerifiedHeader;
  readonly claims: Claims;
  readonly nowSeconds: number;
}

/** One check of the engine: returns the reasons it fails, or none. */
export type Rule = (input: RuleInput) => Reason[];
