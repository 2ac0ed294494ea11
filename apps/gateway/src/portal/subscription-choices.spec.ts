import { readGatewayConfig } from '@stack/gateway-adapters';
import { DEFAULT_GATEWAY_CONFIG_DIR } from '../testing/gateway-test-kit';
import { activeSubscriptionKeys, recommendedSubscription, subscriptionChoices } from './subscription-choices';

describe('subscriptionChoices (default configuration)', () => {
  const definition = readGatewayConfig(DEFAULT_GATEWAY_CONFIG_DIR, {});
  const choices = subscriptionChoices(definition);
  const allApis = definition.apis.map((api) => api.id);
  // Product labels list the products' APIs by name, read from the configuration.
  const productLabel = (id: string, name: string) =>
    `product ${name} (${(definition.products.find((product) => product.id === id)?.apis ?? [])
      .map((apiId) => definition.apis.find((api) => api.id === apiId)?.name ?? apiId)
      .join(', ')})`;

  it('lists every subscription with its name, scope and state, in file order', () => {
    expect(choices.map(({ id, name, scopeLabel, state }) => ({ id, name, scopeLabel, state }))).toEqual([
      {
        id: 'worker',
        name: 'Worker (Unlimited)',
        scopeLabel: productLabel('unlimited', 'Unlimited'),
        state: 'active',
      },
      {
        id: 'starter-trial',
        name: 'Developer portal trial (Starter: 5 calls a minute)',
        scopeLabel: productLabel('starter', 'Starter'),
        state: 'active',
      },
      { id: 'echo-only', name: 'Echo API only (scoped to one API)', scopeLabel: 'API Echo API', state: 'active' },
      {
        id: 'revoked-trial',
        name: 'Revoked trial (suspended: its keys are refused)',
        scopeLabel: productLabel('starter', 'Starter'),
        state: 'suspended',
      },
      { id: 'all-access', name: 'Built-in all-access subscription', scopeLabel: 'all APIs', state: 'active' },
    ]);
    expect(choices.find((choice) => choice.id === 'all-access')?.apiIds).toEqual(allApis);
    expect(choices.find((choice) => choice.id === 'echo-only')?.apiIds).toEqual(['echo-api']);
  });

  it('gives a suspended subscription the reason its keys are refused, and an active one none', () => {
    expect(choices.find((choice) => choice.id === 'revoked-trial')?.disabledReason).toMatch(
      /^suspended: the gateway refuses its keys/,
    );
    expect(choices.filter((choice) => choice.disabledReason).map((choice) => choice.id)).toEqual(['revoked-trial']);
  });

  it('hands out primary keys of active subscriptions only', () => {
    const keys = activeSubscriptionKeys(definition);
    expect(keys.get('worker')).toBe('dev-only-worker-primary-key');
    expect(keys.has('revoked-trial')).toBe(false);
    expect([...keys.keys()]).toEqual(['worker', 'starter-trial', 'echo-only', 'all-access']);
  });

  it('recommends the preferred active subscription, else the first active one opening every API', () => {
    expect(recommendedSubscription(choices, allApis)?.id).toBe('worker');
    expect(recommendedSubscription(choices, allApis, 'starter-trial')?.id).toBe('starter-trial');
    expect(recommendedSubscription(choices, allApis, 'revoked-trial')?.id).toBe('worker');
    expect(recommendedSubscription(choices, ['elsewhere-api'])?.id).toBe('worker');
    expect(recommendedSubscription([], allApis)).toBeUndefined();
  });

  it('labels a cancelled subscription and an unknown product plainly', () => {
    const [cancelled] = subscriptionChoices({
      apis: [],
      products: [],
      subscriptions: [{ id: 's', scope: 'product:gone', state: 'cancelled', primaryKey: 'k', secondaryKey: 'k2' }],
    });
    expect(cancelled).toMatchObject({ name: 's', scopeLabel: 'product gone (no APIs)', apiIds: [] });
    expect(cancelled.disabledReason).toMatch(/^cancelled: /);
  });
});
