import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One API of an example configuration; its operations are GET and POST `/resource` unless given. */
export interface ExampleApi {
  readonly id: string;
  /** Gateway path suffix; default the id. */
  readonly path?: string;
  /** Default false: most doc examples are about tokens, not subscription keys. */
  readonly subscriptionRequired?: boolean;
  /** The API-scope `<policies>` document; none means the API inherits the broader scopes whole. */
  readonly policy?: string;
  /** Operation-scope `<policies>` documents by operation id (`retrieve-resource`, `create-resource`). */
  readonly operationPolicies?: Readonly<Record<string, string>>;
}

/** A product of an example configuration. */
export interface ExampleProduct {
  readonly id: string;
  readonly apis: readonly string[];
  readonly policy?: string;
}

/** A subscription of an example configuration (both keys are `key` and `key-secondary`). */
export interface ExampleSubscription {
  readonly id: string;
  /** `product:<id>`, `api:<id>` or `all`. */
  readonly scope: string;
  readonly key: string;
}

/** Everything {@link writeExampleGatewayConfig} writes. */
export interface ExampleGatewayConfig {
  readonly apis: readonly ExampleApi[];
  readonly products?: readonly ExampleProduct[];
  readonly subscriptions?: readonly ExampleSubscription[];
  /** Named values as named-values.json takes them; `echo-api-url` (GATEWAY_ECHO_API_URL) is always there. */
  readonly namedValues?: Readonly<Record<string, string | { readonly env: string; readonly default?: string }>>;
  /** The global `<policies>` document. */
  readonly globalPolicy?: string;
}

/** A config folder in a temporary directory; `remove` deletes it. */
export interface WrittenGatewayConfig {
  readonly dir: string;
  remove(): Promise<void>;
}

/** `<policies>` holding only an inbound section: how the doc examples are meant to be pasted. */
export function inboundPolicy(statements: string): string {
  return `<policies>\n<inbound>\n${statements}\n</inbound>\n</policies>\n`;
}

/**
 * Writes a config/gateway/-shaped folder (apis.json, products.json, subscriptions.json,
 * named-values.json, policies/…) for tests that run APIM examples through the real gateway. Every
 * API forwards to `{{echo-api-url}}`, which the gateway test kit points at its echo backend.
 */
export async function writeExampleGatewayConfig(config: ExampleGatewayConfig): Promise<WrittenGatewayConfig> {
  const dir = await mkdtemp(join(tmpdir(), 'gateway-config-'));
  const json = (name: string, value: unknown) => writeFile(join(dir, name), `${JSON.stringify(value, null, 2)}\n`);
  const policy = async (path: string, xml: string) => {
    const file = join(dir, 'policies', path);
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, xml);
  };

  await json('apis.json', {
    apis: config.apis.map((api) => ({
      id: api.id,
      path: api.path ?? api.id,
      serviceUrl: '{{echo-api-url}}',
      subscriptionRequired: api.subscriptionRequired ?? false,
      operations: [
        { id: 'retrieve-resource', method: 'GET', urlTemplate: '/resource' },
        { id: 'create-resource', method: 'POST', urlTemplate: '/resource' },
      ],
    })),
  });
  await json('products.json', {
    products: (config.products ?? []).map(({ id, apis }) => ({ id, apis, subscriptionRequired: true })),
  });
  await json('subscriptions.json', {
    subscriptions: (config.subscriptions ?? []).map(({ id, scope, key }) => ({
      id,
      scope,
      primaryKey: key,
      secondaryKey: `${key}-secondary`,
    })),
  });
  await json('named-values.json', {
    namedValues: {
      'echo-api-url': { env: 'GATEWAY_ECHO_API_URL', default: 'http://127.0.0.1:9/api' },
      ...config.namedValues,
    },
  });
  if (config.globalPolicy) await policy('global.xml', config.globalPolicy);
  for (const product of config.products ?? []) {
    if (product.policy) await policy(join('products', `${product.id}.xml`), product.policy);
  }
  for (const api of config.apis) {
    if (api.policy) await policy(join('apis', `${api.id}.xml`), api.policy);
    for (const [operation, xml] of Object.entries(api.operationPolicies ?? {})) {
      await policy(join('operations', api.id, `${operation}.xml`), xml);
    }
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
