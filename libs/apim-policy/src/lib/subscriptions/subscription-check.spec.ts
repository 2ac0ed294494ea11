import { apiSchema, productSchema, subscriptionSchema } from '../model/config-schemas';
import { HeaderBag } from '../context/header-bag';
import { PolicyFailure } from '../policies/policy-step';
import { INVALID_KEY_MESSAGE, MISSING_KEY_MESSAGE, SubscriptionCheck } from './subscription-check';

const echo = apiSchema.parse({
  id: 'echo-api',
  path: 'echo',
  serviceUrl: 'http://x',
  operations: [{ id: 'a', method: 'GET', urlTemplate: '/a' }],
});
const other = apiSchema.parse({
  ...echo,
  id: 'other',
  path: 'other',
  subscriptionKeyParameterNames: { header: 'X-Key', query: 'key' },
});
const open = apiSchema.parse({ ...echo, id: 'open', path: 'open', subscriptionRequired: false });
const products = [productSchema.parse({ id: 'starter', apis: ['echo-api'] })];
const subscription = (id: string, scope: string, state = 'active') =>
  subscriptionSchema.parse({ id, scope, state, primaryKey: `${id}-1`, secondaryKey: `${id}-2` });
const check = new SubscriptionCheck(
  [
    subscription('s', 'product:starter'),
    subscription('a', 'api:other'),
    subscription('all', 'all'),
    subscription('off', 'all', 'suspended'),
  ],
  products,
);
const headers = (values: Record<string, string> = {}) => HeaderBag.from(values);
const none = new URLSearchParams();

function failure(run: () => unknown): PolicyFailure {
  try {
    run();
  } catch (error) {
    return error as PolicyFailure;
  }
  throw new Error('expected a failure');
}

describe('SubscriptionCheck', () => {
  it('accepts primary and secondary keys of a product subscription, in the product context', () => {
    for (const key of ['s-1', 's-2']) {
      expect(check.check(echo, headers({ 'ocp-apim-subscription-key': key }), none)).toEqual({
        subscription: { id: 's', name: 's', key, primaryKey: 's-1', secondaryKey: 's-2' },
        product: { id: 'starter', name: 'starter' },
      });
    }
  });

  it('reads the query parameter only when the header is absent', () => {
    expect(check.check(echo, headers(), new URLSearchParams('subscription-key=s-1')).subscription?.id).toBe('s');
    const both = failure(() =>
      check.check(echo, headers({ 'Ocp-Apim-Subscription-Key': 'bad' }), new URLSearchParams('subscription-key=s-1')),
    );
    expect(both.message).toBe(INVALID_KEY_MESSAGE);
  });

  it('uses the API-specific key names', () => {
    expect(check.check(other, headers({ 'x-key': 'a-1' }), none).subscription?.id).toBe('a');
    expect(check.check(other, headers(), new URLSearchParams('key=a-2')).product).toBeUndefined();
  });

  it('accepts all-access keys outside any product', () => {
    expect(check.check(echo, headers({ 'Ocp-Apim-Subscription-Key': 'all-1' }), none)).toEqual({
      subscription: expect.objectContaining({ id: 'all' }),
    });
  });

  it("answers APIM's 401 bodies for missing, unknown, suspended and out-of-scope keys", () => {
    expect(failure(() => check.check(echo, headers(), none))).toMatchObject({
      status: 401,
      message: MISSING_KEY_MESSAGE,
      reason: 'SubscriptionKeyNotFound',
      source: 'authorization',
    });
    for (const key of ['nope', 'off-1', 'a-1']) {
      expect(failure(() => check.check(echo, headers({ 'Ocp-Apim-Subscription-Key': key }), none))).toMatchObject({
        status: 401,
        message: INVALID_KEY_MESSAGE,
        reason: 'SubscriptionKeyInvalid',
      });
    }
  });

  it('lets keyless calls through when the API needs no subscription', () => {
    expect(check.check(open, headers(), none)).toEqual({});
  });
});
