import { GatewayConfigError } from '../errors/gateway-config-error';
import type { GatewayDefinition } from './gateway-definition';

/**
 * Cross-file checks: unique ids, API paths and subscription keys; products and subscriptions that
 * name existing APIs and products; policy files that belong to something.
 */
export function checkReferences(
  definition: GatewayDefinition,
  files: { readonly apis: string; readonly products: string; readonly subscriptions: string },
): void {
  const apiIds = unique(
    definition.apis.map((api) => api.id),
    files.apis,
    'apis',
    'id',
  );
  unique(
    definition.apis.map((api) => api.path),
    files.apis,
    'apis',
    'path',
  );
  definition.apis.forEach((api, index) =>
    unique(
      api.operations.map((operation) => operation.id),
      files.apis,
      `apis[${index}].operations`,
      'id',
    ),
  );
  const productIds = unique(
    definition.products.map((product) => product.id),
    files.products,
    'products',
    'id',
  );
  definition.products.forEach((product, index) =>
    product.apis.forEach((apiId, apiIndex) => {
      if (!apiIds.has(apiId)) {
        throw reference(files.products, `products[${index}].apis[${apiIndex}]`, `no API has the id "${apiId}"`, apiIds);
      }
    }),
  );
  unique(
    definition.subscriptions.map((subscription) => subscription.id),
    files.subscriptions,
    'subscriptions',
    'id',
  );
  unique(
    definition.subscriptions.flatMap((subscription) => [subscription.primaryKey, subscription.secondaryKey]),
    files.subscriptions,
    'subscriptions',
    'primaryKey/secondaryKey (every key must be unique)',
  );
  definition.subscriptions.forEach((subscription, index) => {
    const [kind, target] = subscription.scope.split(':');
    const known = kind === 'product' ? productIds : kind === 'api' ? apiIds : undefined;
    if (known && !known.has(target)) {
      throw reference(files.subscriptions, `subscriptions[${index}].scope`, `no ${kind} has the id "${target}"`, known);
    }
  });

  const { policies } = definition;
  for (const [productId, source] of policies.products) {
    if (!productIds.has(productId))
      throw reference(source.file, undefined, `no product has the id "${productId}"`, productIds);
  }
  for (const [apiId, source] of policies.apis) {
    if (!apiIds.has(apiId)) throw reference(source.file, undefined, `no API has the id "${apiId}"`, apiIds);
  }
  for (const [key, source] of policies.operations) {
    const [apiId, operationId] = key.split('/');
    const api = definition.apis.find((candidate) => candidate.id === apiId);
    const operationIds = new Set(api?.operations.map((operation) => operation.id) ?? []);
    if (!api) throw reference(source.file, undefined, `no API has the id "${apiId}"`, apiIds);
    if (!operationIds.has(operationId)) {
      throw reference(source.file, undefined, `API "${apiId}" has no operation "${operationId}"`, operationIds);
    }
  }
}

function unique(values: readonly string[], file: string, element: string, field: string): Set<string> {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) {
      throw new GatewayConfigError(
        'CONFIG_FILE_INVALID',
        `${field} "${value}" appears more than once; make it unique.`,
        {
          file,
          element,
        },
      );
    }
    seen.add(value);
  }
  return seen;
}

function reference(
  file: string,
  element: string | undefined,
  detail: string,
  known: ReadonlySet<string>,
): GatewayConfigError {
  const choices = [...known].map((value) => `"${value}"`).join(', ') || 'none defined';
  // A stray policy file is usually a misspelt name: say where each scope's file lives.
  const layout =
    element === undefined
      ? ' Policy files live at policies/global.xml, policies/products/<product>.xml, policies/apis/<api>.xml and policies/operations/<api>/<operation>.xml.'
      : '';
  return new GatewayConfigError('CONFIG_REFERENCE_UNKNOWN', `${detail} (known: ${choices}).${layout}`, {
    file,
    element,
  });
}
