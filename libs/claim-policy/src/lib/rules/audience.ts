import type { Reason } from '../decision';
import { tokenVersionOf } from '../entra/token-facts';
import { audienceHint } from '../hints/audience-hints';
import type { RuleInput } from './rule';

/**
 * `aud` (a string, or an array of which any entry may match) must equal one of the configured
 * audiences exactly. Empty list: not checked (APIM with `<audiences>` omitted).
 */
export function checkAudience({ policy, claims }: RuleInput): Reason[] {
  if (policy.audiences.length === 0) return [];
  const aud = claims['aud'];
  const tokenAudiences =
    typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((v) => typeof v === 'string') : undefined;
  if (tokenAudiences?.some((value) => policy.audiences.includes(value))) return [];
  return [
    {
      code: 'ERR_AUD_MISMATCH',
      claim: 'aud',
      expected: policy.audiences,
      actual: aud,
      hint: audienceHint(tokenAudiences, policy.audiences, tokenVersionOf(claims)),
    },
  ];
}
