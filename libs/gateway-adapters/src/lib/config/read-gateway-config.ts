import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  apisFileSchema,
  namedValuesFileSchema,
  productsFileSchema,
  subscriptionsFileSchema,
  type ApiDefinition,
  checkReferences,
  GatewayConfigError,
  type GatewayDefinition,
  type PolicySource,
  resolveNamedValues,
  substituteNamedValues,
} from '@stack/apim-policy';
import { readJsonFile } from './read-json-file';

/**
 * Reads config/gateway/ (layout in its README.md): apis.json, products.json, subscriptions.json,
 * named-values.json and the policy XML per scope under policies/. Throws {@link GatewayConfigError}
 * naming the file and field at the first problem; policy XML is only read here, compiled later.
 * The one reader of that folder: the gateway app, the token doctor and the launcher's checks all use it.
 */
export function readGatewayConfig(configDir: string, env: NodeJS.ProcessEnv = process.env): GatewayDefinition {
  const show = (path: string) => displayPath(path);
  const file = (name: string) => join(configDir, name);
  if (!existsSync(configDir) || !statSync(configDir).isDirectory()) {
    throw new GatewayConfigError(
      'CONFIG_FILE_MISSING',
      'the gateway configuration folder does not exist; set GATEWAY_CONFIG_DIR.',
      {
        file: show(configDir),
      },
    );
  }

  const namedValuesFile = file('named-values.json');
  const namedValues = existsSync(namedValuesFile)
    ? resolveNamedValues(
        readJsonFile(namedValuesFile, show(namedValuesFile), namedValuesFileSchema).namedValues,
        env,
        show(namedValuesFile),
      )
    : {};

  const apisFile = show(file('apis.json'));
  const apis = readJsonFile(file('apis.json'), apisFile, apisFileSchema).apis.map(
    (api, index): ApiDefinition => ({
      ...api,
      serviceUrl: checkedServiceUrl(
        substituteNamedValues(api.serviceUrl, namedValues, { file: apisFile, element: `apis[${index}].serviceUrl` }),
        apisFile,
        index,
      ),
    }),
  );
  const products = readJsonFile(file('products.json'), show(file('products.json')), productsFileSchema).products;
  const subscriptionsFile = show(file('subscriptions.json'));
  const subscriptions = readJsonFile(
    file('subscriptions.json'),
    subscriptionsFile,
    subscriptionsFileSchema,
  ).subscriptions.map((subscription, index) => ({
    ...subscription,
    primaryKey: substituteNamedValues(subscription.primaryKey, namedValues, {
      file: subscriptionsFile,
      element: `subscriptions[${index}].primaryKey`,
    }),
    secondaryKey: substituteNamedValues(subscription.secondaryKey, namedValues, {
      file: subscriptionsFile,
      element: `subscriptions[${index}].secondaryKey`,
    }),
  }));

  const definition: GatewayDefinition = {
    namedValues,
    apis,
    products,
    subscriptions,
    policies: { ...readPolicies(join(configDir, 'policies')), fragments: readFragments(join(configDir, 'fragments')) },
    openApiDocuments: readOpenApiDocuments(configDir, apis, apisFile),
  };
  checkReferences(definition, {
    apis: apisFile,
    products: show(file('products.json')),
    subscriptions: subscriptionsFile,
  });
  return definition;
}

function checkedServiceUrl(value: string, file: string, index: number): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new GatewayConfigError(
      'CONFIG_FILE_INVALID',
      `"${value}" is not an http(s) URL; use the backend base URL, e.g. http://127.0.0.1:3001/api.`,
      { file, element: `apis[${index}].serviceUrl` },
    );
  }
  return value.replace(/\/+$/, '');
}

function readPolicies(dir: string): GatewayDefinition['policies'] {
  const read = (path: string): PolicySource => ({ file: displayPath(path), xml: readFileSync(path, 'utf8') });
  const xmlFilesIn = (folder: string) =>
    existsSync(folder)
      ? readdirSync(folder)
          .filter((name) => name.endsWith('.xml'))
          .sort()
      : [];
  const byName = (folder: string) =>
    new Map(xmlFilesIn(folder).map((name) => [name.slice(0, -'.xml'.length), read(join(folder, name))]));

  const operations = new Map<string, PolicySource>();
  const operationsDir = join(dir, 'operations');
  if (existsSync(operationsDir)) {
    for (const apiId of readdirSync(operationsDir).sort()) {
      for (const [operationId, source] of byName(join(operationsDir, apiId)))
        operations.set(`${apiId}/${operationId}`, source);
    }
  }
  const globalFile = join(dir, 'global.xml');
  return {
    global: existsSync(globalFile) ? read(globalFile) : undefined,
    products: byName(join(dir, 'products')),
    apis: byName(join(dir, 'apis')),
    operations,
  };
}

/** fragments/<id>.xml: policy fragments for include-fragment (parsed when a policy includes them). */
export function readFragments(dir: string): Map<string, PolicySource> {
  if (!existsSync(dir)) return new Map();
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.xml'))
    .sort();
  return new Map(
    names.map((name) => {
      const path = join(dir, name);
      return [name.slice(0, -'.xml'.length), { file: displayPath(path), xml: readFileSync(path, 'utf8') }];
    }),
  );
}

function readOpenApiDocuments(
  configDir: string,
  apis: readonly ApiDefinition[],
  apisFile: string,
): Map<string, Record<string, unknown>> {
  const documents = new Map<string, Record<string, unknown>>();
  apis.forEach((api, index) => {
    if (!api.openApi) return;
    const path = join(configDir, api.openApi);
    try {
      documents.set(api.id, JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>);
    } catch (error) {
      throw new GatewayConfigError(
        'CONFIG_FILE_INVALID',
        `cannot read the OpenAPI document ${displayPath(path)} (${(error as Error).message}); run npm run openapi or fix the path.`,
        { file: apisFile, element: `apis[${index}].openApi` },
      );
    }
  });
  return documents;
}

/** Paths in messages: relative to the working directory when inside it. */
export function displayPath(path: string): string {
  const relativePath = relative(process.cwd(), path);
  return relativePath.startsWith('..') || relativePath === '' ? path : relativePath;
}
