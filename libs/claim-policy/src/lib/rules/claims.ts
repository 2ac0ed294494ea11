import type { Reason } from '../decision';
import { claimHint } from '../hints/claim-hints';
import type { RequiredClaim } from '../model';
import { claimValues } from './claim-values';
import type { RuleInput } from './rule';

/**
 * `<required-claims>`: every `<claim>` must hold (several `<claim>` elements are ANDed, even with
 * the same name). Per claim, `match="all"` needs every listed value, `match="any"` at least one;
 * values compare exactly and case-sensitively. A claim with no values only has to be present.
 */
export function checkRequiredClaims({ policy, claims }: RuleInput): Reason[] {
  return policy.requiredClaims.flatMap((requirement) => checkOne(requirement, claims));
}

function checkOne(requirement: RequiredClaim, claims: RuleInput['claims']): Reason[] {
  const tokenValues = collectValues(requirement, claims);
  const { name, values } = requirement;
  const missing = tokenValues === undefined ? [...values] : missingValues(requirement, new Set(tokenValues));
  if (tokenValues !== undefined && missing.length === 0) return [];
  return [
    {
      code: tokenValues === undefined ? 'ERR_CLAIM_MISSING' : 'ERR_CLAIM_VALUE_NOT_ALLOWED',
      claim: name,
      expected: values,
      actual: tokenValues === undefined ? undefined : (claims[name] ?? tokenValues),
      missing,
      hint: claimHint(requirement, tokenValues, missing, claims),
    },
  ];
}

/** Values of the claim and of its `alsoFrom` claims; `undefined` when the token has none of them. */
function collectValues(requirement: RequiredClaim, claims: RuleInput['claims']): string[] | undefined {
  const names = [requirement.name, ...(requirement.alsoFrom ?? [])];
  const found = names.map((name) => claimValues(claims, name, requirement.separator)).filter((v) => v !== undefined);
  return found.length === 0 ? undefined : found.flat();
}

function missingValues({ values, match }: RequiredClaim, present: ReadonlySet<string>): string[] {
  const absent = values.filter((value) => !present.has(value));
  if (match === 'all') return absent;
  return absent.length < values.length ? [] : absent;
}
