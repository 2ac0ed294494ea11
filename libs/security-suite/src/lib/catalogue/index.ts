/** The whole attack catalogue, in the order the table shows it. */
import type { AttackCase, TargetKind } from '../model';
import { algorithmCases } from './algorithms';
import { authorizationHeaderCases } from './authorization-header';
import { claimCases } from './claims';
import { floodCase } from './flood';
import { keyInjectionCases } from './key-injection';
import { kidCases } from './kid';
import { structureCases } from './structure';
import { subscriptionCases } from './subscription';

export const catalogue: readonly AttackCase[] = [
  ...algorithmCases,
  ...keyInjectionCases,
  ...kidCases,
  floodCase,
  ...structureCases,
  ...claimCases,
  ...authorizationHeaderCases,
  ...subscriptionCases,
];

/** The cases that apply to a target kind. */
export function casesFor(kind: TargetKind): AttackCase[] {
  return catalogue.filter((attack) => (attack.kinds ?? ['bearer', 'apim']).includes(kind));
}

export { FLOOD_SIZE } from './flood';
export { INVALID_KEY_MESSAGE, MISSING_KEY_MESSAGE } from './expect';
