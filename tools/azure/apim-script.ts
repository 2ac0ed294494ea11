/**
 * The API Management half of "take it to Azure": config/gateway/ as `az apim` commands and ARM calls (`az rest`)
 * where az has no command (policies, policy fragments, subscriptions). Policy XML is sent as `rawxml`, unchanged,
 * with its `{{named values}}`; named values that name a local registration get the ids Entra assigned.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { apisFileSchema, namedValuesFileSchema, productsFileSchema, subscriptionsFileSchema } from '@stack/apim-policy';
import { shellComment, shellQuote } from './shell-quote';

export const ARM_API_VERSION = '2022-08-01';

export interface ApimScriptOptions {
  /** config/gateway/ (absolute). */
  readonly configDir: string;
  /** Paths in the script are relative to this folder (the repository root, where the script runs). */
  readonly cwd: string;
  /** Shell expression for a local appId (e.g. `"$API_1_APP_ID"`) or the local tenant id (`"$TENANT_ID"`). */
  readonly idExpression: (value: string) => string | undefined;
  readonly resourceGroup?: string;
  readonly serviceName?: string;
}

export interface ApimScript {
  /** Variables the user must set before the script changes anything, with what to set them to. */
  readonly requires: ReadonlyArray<{ readonly name: string; readonly what: string }>;
  readonly lines: string[];
}

export function apimScript(options: ApimScriptOptions): ApimScript {
  const { configDir } = options;
  const apis = readJson(configDir, 'apis.json', apisFileSchema).apis;
  const products = readJson(configDir, 'products.json', productsFileSchema).products;
  const subscriptions = readJson(configDir, 'subscriptions.json', subscriptionsFileSchema).subscriptions;
  const namedValues = readJson(configDir, 'named-values.json', namedValuesFileSchema).namedValues;
  const requires: { name: string; what: string }[] = [];
  if (options.resourceGroup === undefined) {
    requires.push({ name: 'APIM_RESOURCE_GROUP', what: 'the resource group of your API Management instance' });
  }
  if (options.serviceName === undefined) {
    requires.push({ name: 'APIM_SERVICE_NAME', what: 'the name of your API Management instance' });
  }
  const az = '--resource-group "$APIM_RG" --service-name "$APIM_NAME"';
  const put = (path: string, body: unknown) =>
    `az rest --method PUT --uri "https://management.azure.com$APIM_ID/${path}?api-version=${ARM_API_VERSION}" ` +
    `--headers Content-Type=application/json --body ${shellQuote(JSON.stringify(body))}`;
  const lines: string[] = [
    '# --- API Management: named values, APIs from the OpenAPI documents, products, policies, subscriptions ---',
    `APIM_RG=${options.resourceGroup === undefined ? '"$APIM_RESOURCE_GROUP"' : shellQuote(options.resourceGroup)}`,
    `APIM_NAME=${options.serviceName === undefined ? '"$APIM_SERVICE_NAME"' : shellQuote(options.serviceName)}`,
    'APIM_ID=$(az apim show --resource-group "$APIM_RG" --name "$APIM_NAME" --query id -o tsv)',
    '',
  ];

  // Named values. Subscription keys are not: APIM makes the keys of the subscriptions it creates.
  const keyNames = new Set(
    subscriptions
      .flatMap((s) => [s.primaryKey, s.secondaryKey])
      .flatMap((text) => [...text.matchAll(/\{\{([^}]+)\}\}/g)].map((m) => m[1])),
  );
  const valueOf = new Map<string, string>();
  lines.push('# Named values ({{name}} in the policies).');
  for (const [name, definition] of Object.entries(namedValues)) {
    if (keyNames.has(name)) continue;
    const local = typeof definition === 'string' ? definition : definition.default;
    const mapped = local === undefined ? undefined : options.idExpression(local);
    let value: string;
    if (mapped !== undefined) value = mapped;
    else if (typeof definition !== 'string') {
      requires.push({
        name: definition.env,
        what: `the value of the named value ${name} in Azure (locally ${local ?? 'unset'})`,
      });
      value = `"$${definition.env}"`;
    } else value = shellQuote(definition);
    valueOf.set(name, value);
    lines.push(
      `az apim nv create ${az} --named-value-id ${shellQuote(name)} --display-name ${shellQuote(name)} --value ${value}`,
    );
  }
  lines.push(shellComment(`not created: ${[...keyNames].join(', ')} (subscription keys: APIM generates them)`), '');

  // Policy fragments first: policies that include one are refused until it exists.
  const fragmentsDir = join(configDir, 'fragments');
  const fragments = existsSync(fragmentsDir)
    ? readdirSync(fragmentsDir)
        .filter((f) => f.endsWith('.xml'))
        .sort()
    : [];
  if (fragments.length > 0) lines.push('# Policy fragments (include-fragment).');
  for (const file of fragments) {
    const xml = readFileSync(join(fragmentsDir, file), 'utf8');
    lines.push(put(`policyFragments/${file.replace(/\.xml$/, '')}`, { properties: { format: 'rawxml', value: xml } }));
  }

  lines.push('', '# APIs from their OpenAPI documents; the web service URL with its named values resolved.');
  for (const api of apis) {
    // One shell word: literal parts quoted, named values as their expressions (APIM does not resolve them here).
    const serviceUrl = api.serviceUrl
      .split(/(\{\{[^}]+\}\})/)
      .filter((part) => part !== '')
      .map((part) => valueOf.get(/^\{\{([^}]+)\}\}$/.exec(part)?.[1] ?? '') ?? shellQuote(part))
      .join('');
    const spec = api.openApi ? join(configDir, api.openApi) : undefined;
    const documented = new Set<string>();
    if (spec) {
      const document = JSON.parse(readFileSync(spec, 'utf8')) as {
        paths?: Record<string, Record<string, { operationId?: string }>>;
      };
      for (const path of Object.values(document.paths ?? {})) {
        for (const operation of Object.values(path)) if (operation?.operationId) documented.add(operation.operationId);
      }
      lines.push(
        `az apim api import ${az} --api-id ${api.id} --path ${shellQuote(api.path)} --display-name ${shellQuote(api.name ?? api.id)} ` +
          `--specification-format OpenApiJson --specification-path ${shellQuote(relative(options.cwd, spec))} ` +
          `--service-url ${serviceUrl} --subscription-required ${api.subscriptionRequired} ` +
          `--subscription-key-header-name ${shellQuote(api.subscriptionKeyParameterNames.header)} ` +
          `--subscription-key-query-param-name ${shellQuote(api.subscriptionKeyParameterNames.query)}`,
      );
    } else {
      lines.push(
        `az apim api create ${az} --api-id ${api.id} --path ${shellQuote(api.path)} --display-name ${shellQuote(api.name ?? api.id)} ` +
          `--service-url ${serviceUrl} --subscription-required ${api.subscriptionRequired}`,
      );
    }
    for (const operation of api.operations.filter((o) => !documented.has(o.id))) {
      lines.push(
        shellComment(`${api.id}/${operation.id} is not in the OpenAPI document (a gateway-only operation)`),
        `az apim api operation create ${az} --api-id ${api.id} --operation-id ${operation.id} ` +
          `--display-name ${shellQuote(operation.name ?? operation.id)} --method ${operation.method} --url-template ${shellQuote(operation.urlTemplate)}`,
      );
    }
  }

  lines.push('', '# Products and the APIs they publish.');
  for (const product of products) {
    lines.push(
      `az apim product create ${az} --product-id ${product.id} --product-name ${shellQuote(product.name ?? product.id)} ` +
        `--subscription-required ${product.subscriptionRequired} --state published`,
      ...product.apis.map((api) => `az apim product api add ${az} --product-id ${product.id} --api-id ${api}`),
    );
  }

  lines.push('', '# Policies (rawxml: the same XML, {{named values}} kept), global -> product -> API -> operation.');
  const policiesDir = join(configDir, 'policies');
  const policy = (file: string, path: string) => {
    if (!existsSync(join(policiesDir, file))) return;
    const xml = readFileSync(join(policiesDir, file), 'utf8');
    lines.push(put(path, { properties: { format: 'rawxml', value: xml } }));
  };
  policy('global.xml', 'policies/policy');
  for (const product of products)
    policy(join('products', `${product.id}.xml`), `products/${product.id}/policies/policy`);
  for (const api of apis) {
    policy(join('apis', `${api.id}.xml`), `apis/${api.id}/policies/policy`);
    for (const operation of api.operations) {
      policy(
        join('operations', api.id, `${operation.id}.xml`),
        `apis/${api.id}/operations/${operation.id}/policies/policy`,
      );
    }
  }

  lines.push('', "# Subscriptions: APIM makes their keys; the worker's goes to $SECRETS_FILE.");
  for (const subscription of subscriptions) {
    if (subscription.scope === 'all') {
      lines.push(shellComment(`${subscription.id}: APIM's built-in all-access subscription exists already`));
      continue;
    }
    const [kind, id] = subscription.scope.split(':');
    const scope = kind === 'product' ? `/products/${id}` : `/apis/${id}`;
    lines.push(
      put(`subscriptions/${subscription.id}`, {
        properties: { displayName: subscription.name ?? subscription.id, scope, state: subscription.state },
      }),
    );
  }
  const worker = subscriptions.find((s) => s.id === 'worker');
  if (worker) {
    lines.push(
      `WORKER_SUBSCRIPTION_KEY=$(az rest --method POST --uri "https://management.azure.com$APIM_ID/subscriptions/worker/listSecrets?api-version=${ARM_API_VERSION}" --query primaryKey -o tsv)`,
      `printf '%s=%s\\n' WORKER_SUBSCRIPTION_KEY "$WORKER_SUBSCRIPTION_KEY" >> "$SECRETS_FILE"`,
    );
  }
  return { requires, lines };
}

function readJson<T extends z.ZodType>(dir: string, file: string, schema: T): z.infer<T> {
  const path = join(dir, file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: cannot read it as JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new Error(`${path}: invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return parsed.data;
}
