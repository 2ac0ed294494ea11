/**
 * The portal's subscription picker, from the gateway's own subscriptions (config/gateway/subscriptions.json): what
 * each one is called, which APIs it opens, whether the gateway takes its keys, and (to a browser on this machine
 * only, see decision 014) its primary key. Pure.
 */
import type { GatewayDefinition } from '@stack/apim-policy';

/** One entry of the picker. */
export interface SubscriptionChoice {
  readonly id: string;
  /** The subscription's name, or its id when it has none. */
  readonly name: string;
  /** e.g. `all APIs`, `product Starter (Echo API, Protected API)`, `API Echo API`. */
  readonly scopeLabel: string;
  /** Ids of the APIs its keys open. */
  readonly apiIds: readonly string[];
  readonly state: 'active' | 'suspended' | 'cancelled';
  /** Why the gateway refuses its keys (suspended or cancelled); undefined for an active subscription. */
  readonly disabledReason?: string;
}

type SubscriptionInputs = Pick<GatewayDefinition, 'apis' | 'products' | 'subscriptions'>;

/** Every subscription, in file order. */
export function subscriptionChoices(definition: SubscriptionInputs): SubscriptionChoice[] {
  const apiName = (id: string) => definition.apis.find((api) => api.id === id)?.name ?? id;
  return definition.subscriptions.map((subscription) => {
    const { scopeLabel, apiIds } = describeScope(subscription.scope, definition, apiName);
    return {
      id: subscription.id,
      name: subscription.name ?? subscription.id,
      scopeLabel,
      apiIds,
      state: subscription.state,
      disabledReason:
        subscription.state === 'active'
          ? undefined
          : `${subscription.state}: the gateway refuses its keys (401 "invalid subscription key")`,
    };
  });
}

/**
 * The subscription a newcomer should pick: `preferredId` when it is active, else the first active one whose keys
 * open every API in `apiIds` (else the first active one at all).
 */
export function recommendedSubscription(
  choices: readonly SubscriptionChoice[],
  apiIds: readonly string[],
  preferredId?: string,
): SubscriptionChoice | undefined {
  const active = choices.filter((choice) => choice.state === 'active');
  return (
    active.find((choice) => choice.id === preferredId) ??
    active.find((choice) => apiIds.every((id) => choice.apiIds.includes(id))) ??
    active[0]
  );
}

/** Primary keys by subscription id, for the active subscriptions only (a suspended key would only be refused). */
export function activeSubscriptionKeys(definition: Pick<GatewayDefinition, 'subscriptions'>): Map<string, string> {
  return new Map(
    definition.subscriptions
      .filter((subscription) => subscription.state === 'active')
      .map((subscription) => [subscription.id, subscription.primaryKey]),
  );
}

function describeScope(
  scope: string,
  definition: SubscriptionInputs,
  apiName: (id: string) => string,
): { scopeLabel: string; apiIds: string[] } {
  if (scope === 'all') return { scopeLabel: 'all APIs', apiIds: definition.apis.map((api) => api.id) };
  const [kind, id] = scope.split(':', 2) as ['product' | 'api', string];
  if (kind === 'api') return { scopeLabel: `API ${apiName(id)}`, apiIds: [id] };
  const product = definition.products.find((candidate) => candidate.id === id);
  const apiIds = [...(product?.apis ?? [])];
  return {
    scopeLabel: `product ${product?.name ?? id} (${apiIds.map(apiName).join(', ') || 'no APIs'})`,
    apiIds,
  };
}
