import type { ApiDefinition, ProductDefinition, SubscriptionDefinition } from '../model/config-schemas';
import type { HeaderBag } from '../context/header-bag';
import type { ProductInfo, SubscriptionInfo } from '../context/gateway-context';
import { PolicyFailure } from '../policies/policy-step';

/** Observed APIM bodies (apim.md §5, KB 4464930). */
export const MISSING_KEY_MESSAGE =
  'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.';
export const INVALID_KEY_MESSAGE =
  'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.';

/** Who is calling, as far as subscriptions tell. */
export interface SubscriptionOutcome {
  readonly subscription?: SubscriptionInfo;
  /** The product context: product policies run only in it (not for API-scoped or all-access keys). */
  readonly product?: ProductInfo;
}

/**
 * APIM's built-in subscription step (Source `authorization`), before any policy: the key comes from
 * the API's header (default `Ocp-Apim-Subscription-Key`), else its query parameter (default
 * `subscription-key`). A key must belong to an active subscription scoped to this API, a product
 * holding it, or all APIs. Without a key, an open product or an API that needs no subscription
 * lets the call through; otherwise 401.
 */
export class SubscriptionCheck {
  private readonly byKey = new Map<string, SubscriptionDefinition>();

  constructor(
    subscriptions: readonly SubscriptionDefinition[],
    private readonly products: readonly ProductDefinition[],
  ) {
    for (const subscription of subscriptions) {
      this.byKey.set(subscription.primaryKey, subscription);
      this.byKey.set(subscription.secondaryKey, subscription);
    }
  }

  /** The outcome, or throws a 401 {@link PolicyFailure} with APIM's body. */
  check(api: ApiDefinition, headers: HeaderBag, query: URLSearchParams): SubscriptionOutcome {
    const names = api.subscriptionKeyParameterNames;
    // "The query parameter is checked only if the header isn't present."
    const key = headers.get(names.header)?.[0] ?? query.get(names.query) ?? undefined;
    if (key === undefined || key === '') return this.withoutKey(api);

    const subscription = this.byKey.get(key);
    if (!subscription || subscription.state !== 'active') throw invalidKey();
    const [kind, target] = subscription.scope.split(':');
    const info: SubscriptionInfo = {
      id: subscription.id,
      name: subscription.name ?? subscription.id,
      key,
      primaryKey: subscription.primaryKey,
      secondaryKey: subscription.secondaryKey,
    };
    if (kind === 'all' || (kind === 'api' && target === api.id)) return { subscription: info };
    if (kind === 'product') {
      const product = this.products.find((candidate) => candidate.id === target);
      if (product?.apis.includes(api.id)) return { subscription: info, product: productInfo(product) };
    }
    throw invalidKey();
  }

  private withoutKey(api: ApiDefinition): SubscriptionOutcome {
    const open = this.products.find((product) => !product.subscriptionRequired && product.apis.includes(api.id));
    if (open) return { product: productInfo(open) };
    if (!api.subscriptionRequired) return {};
    throw new PolicyFailure(401, MISSING_KEY_MESSAGE, 'authorization', 'SubscriptionKeyNotFound');
  }
}

function invalidKey(): PolicyFailure {
  return new PolicyFailure(401, INVALID_KEY_MESSAGE, 'authorization', 'SubscriptionKeyInvalid');
}

function productInfo(product: ProductDefinition): ProductInfo {
  return { id: product.id, name: product.name ?? product.id };
}
