/**
 * Subscription keys of the local gateway from its configuration (config/gateway: subscriptions.json, products.json,
 * apis.json, named-values.json): a key that may call the attacked API (the Unlimited product's, so no rate limit
 * interferes), and, when the configuration has them, a suspended key and a key scoped elsewhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GatewayKeys {
  readonly valid?: string;
  readonly suspended?: string;
  readonly otherProduct?: string;
}

interface Subscription {
  readonly id: string;
  readonly scope: string;
  readonly state?: string;
  readonly primaryKey: string;
}
interface Product {
  readonly id: string;
  readonly apis: readonly string[];
}
type NamedValue = string | { readonly env?: string; readonly default?: string };

const readJson = <T>(dir: string, file: string): T => JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;

/** Keys for the API published at the first segment of `path` (e.g. /protected/resource -> protected-api). */
export function readGatewayKeys(configDir: string, path: string, env: NodeJS.ProcessEnv = process.env): GatewayKeys {
  const { apis } = readJson<{ apis: ReadonlyArray<{ id: string; path: string }> }>(configDir, 'apis.json');
  const { products } = readJson<{ products: readonly Product[] }>(configDir, 'products.json');
  const { subscriptions } = readJson<{ subscriptions: readonly Subscription[] }>(configDir, 'subscriptions.json');
  const { namedValues } = readJson<{ namedValues: Readonly<Record<string, NamedValue>> }>(
    configDir,
    'named-values.json',
  );
  const segment = path.split('/').filter(Boolean)[0] ?? '';
  const api = apis.find((candidate) => candidate.path === segment)?.id;
  const resolve = (text: string) =>
    text.replace(/\{\{([^}]+)\}\}/g, (_, name: string) => {
      const value = namedValues[name.trim()];
      if (typeof value === 'string') return value;
      return (value?.env && env[value.env]) || value?.default || '';
    });
  const covers = (subscription: Subscription) => {
    const [kind, target] = subscription.scope.split(':');
    if (kind === 'all') return true;
    if (kind === 'api') return target === api;
    return products.find((product) => product.id === target)?.apis.includes(api ?? '') ?? false;
  };
  const active = subscriptions.filter((s) => (s.state ?? 'active') === 'active');
  // Prefer a product without a rate limit policy: the Unlimited one, then any that covers the API.
  const valid =
    active.find((s) => s.scope === 'product:unlimited' && covers(s)) ??
    active.find((s) => covers(s) && s.scope !== 'all');
  return {
    valid: valid && resolve(valid.primaryKey),
    suspended: subscriptions.filter((s) => s.state === 'suspended').map((s) => resolve(s.primaryKey))[0],
    otherProduct: active.filter((s) => !covers(s)).map((s) => resolve(s.primaryKey))[0],
  };
}
