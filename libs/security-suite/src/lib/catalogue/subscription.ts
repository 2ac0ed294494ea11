/**
 * Gateway subscription keys (apim.md §5): missing, unknown, suspended and scoped to another product or API. Each
 * request carries a forged token too, so a key check that ran after validate-jwt would show.
 */
import type { AttackCase, AttackContext } from '../model';
import { invalidSubscriptionKey, missingSubscriptionKey } from './expect';
import { bearer, forged } from './forge';

const subscription = (
  id: string,
  description: string,
  key: (context: AttackContext) => string | null | undefined,
  expect: AttackCase['expect'],
  skip?: (context: AttackContext) => string | undefined,
): AttackCase => ({
  id: `subscription-${id}`,
  family: 'subscription',
  description,
  kinds: ['apim'],
  skip,
  build: (context) => ({ authorization: bearer(forged(context)), subscriptionKey: key(context) ?? null }),
  expect,
});

export const subscriptionCases: readonly AttackCase[] = [
  subscription('missing', 'no subscription key', () => null, missingSubscriptionKey()),
  subscription('empty', 'an empty subscription key', () => '', {
    bearer: [],
    apim: [...missingSubscriptionKey().apim, ...invalidSubscriptionKey().apim],
  }),
  subscription('unknown', 'an unknown key', () => 'not-a-subscription-key-0123456789', invalidSubscriptionKey()),
  subscription(
    'case-changed',
    'a valid-looking key in upper case',
    () => 'DEV-ONLY-WORKER-PRIMARY-KEY',
    invalidSubscriptionKey(),
  ),
  subscription(
    'suspended',
    "a suspended subscription's key",
    (c) => c.subscriptionKeys.suspended,
    invalidSubscriptionKey(),
    (c) => (c.subscriptionKeys.suspended ? undefined : 'needs --suspended-key (a key of a suspended subscription)'),
  ),
  subscription(
    'other-product',
    'a key scoped to another product or API',
    (c) => c.subscriptionKeys.otherProduct,
    invalidSubscriptionKey(),
    (c) =>
      c.subscriptionKeys.otherProduct
        ? undefined
        : 'needs --other-product-key (a key whose scope does not hold this API)',
  ),
];
