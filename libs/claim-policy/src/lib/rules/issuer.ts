import type { Reason } from '../decision';
import { issuerHint } from '../hints/issuer-hints';
import type { RuleInput } from './rule';

/** `iss` must equal one of the configured issuers exactly (case and trailing slash matter). Empty list: not checked. */
export function checkIssuer({ policy, claims }: RuleInput): Reason[] {
  if (policy.issuers.length === 0) return [];
  const iss = claims['iss'];
  if (typeof iss === 'string' && policy.issuers.includes(iss)) return [];
  return [
    {
      code: 'ERR_ISS_MISMATCH',
      claim: 'iss',
      expected: policy.issuers,
      actual: iss,
      hint: issuerHint(iss, policy.issuers),
    },
  ];
}
