import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apisFileSchema, namedValuesFileSchema, parsePolicyXml, resolveNamedValues } from '@stack/apim-policy';
import type { DoctorTarget, ImportOptions } from '@stack/claim-policy';
import type { z } from 'zod';
import { DoctorUsageError } from '../doctor-args';
import { displayPath, policyFileTargets } from './policy-xml-targets';

type Api = z.output<typeof apisFileSchema>['apis'][number];

/** config/gateway as the doctor reads it: the APIs and the resolved named values (same files, same env as the gateway). */
export interface GatewayConfig {
  readonly dir: string;
  readonly apis: readonly Api[];
  readonly namedValues: Readonly<Record<string, string>>;
}

export function readGatewayConfig(dir: string, env: NodeJS.ProcessEnv): GatewayConfig {
  const apisFile = join(dir, 'apis.json');
  if (!existsSync(apisFile)) {
    throw new DoctorUsageError(
      `no gateway configuration at ${displayPath(dir)} (apis.json missing); pass --config <dir> or set GATEWAY_CONFIG_DIR.`,
    );
  }
  const apis = apisFileSchema.parse(JSON.parse(readFileSync(apisFile, 'utf8'))).apis;
  const namedValuesFile = join(dir, 'named-values.json');
  const namedValues = existsSync(namedValuesFile)
    ? resolveNamedValues(
        namedValuesFileSchema.parse(JSON.parse(readFileSync(namedValuesFile, 'utf8'))).namedValues,
        env,
        displayPath(namedValuesFile),
      )
    : {};
  return { dir, apis, namedValues };
}

/**
 * The token policies a call to one gateway API (and operation) meets: global, then the API's, then the
 * operation's `<inbound>`, each validate-jwt / validate-azure-ad-token a target of its own (all must pass).
 * Product policies are left out: they depend on the subscription key, not on the API.
 */
export function gatewayApiTargets(
  config: GatewayConfig,
  apiId: string,
  operationId: string | undefined,
  entra: ImportOptions['entra'],
): DoctorTarget[] {
  const api = config.apis.find((candidate) => candidate.id === apiId);
  if (!api) {
    throw new DoctorUsageError(
      `no API "${apiId}" in ${displayPath(join(config.dir, 'apis.json'))}; known: ${config.apis.map((a) => a.id).join(', ')}.`,
    );
  }
  if (operationId !== undefined && !api.operations.some((operation) => operation.id === operationId)) {
    throw new DoctorUsageError(
      `API "${apiId}" has no operation "${operationId}"; known: ${api.operations.map((o) => o.id).join(', ')}.`,
    );
  }
  const policies = join(config.dir, 'policies');
  const operationFile = operationId ? join(policies, 'operations', apiId, `${operationId}.xml`) : undefined;
  // An operation that answers (return-response) before <base /> never runs the broader scopes' token checks.
  const broader =
    operationFile && answersBeforeBase(operationFile)
      ? []
      : [join(policies, 'global.xml'), join(policies, 'apis', `${apiId}.xml`)];
  const files = [...broader, ...(operationFile ? [operationFile] : [])].filter((file) => existsSync(file));
  const options = { namedValues: config.namedValues, entra, fragmentsDir: join(config.dir, 'fragments') };
  const prefix = `${apiId}${operationId ? ` ${operationId}` : ''}: `;
  return files.flatMap((file) => policyFileTargets(file, prefix, options));
}

/** True when the document's `<inbound>` has a `<return-response>` before its `<base />` (e.g. a status operation). */
function answersBeforeBase(file: string): boolean {
  if (!existsSync(file)) return false;
  const [root] = parsePolicyXml(readFileSync(file, 'utf8'), { fileName: displayPath(file) });
  const inbound = root?.children.find((child) => child.name === 'inbound');
  for (const child of inbound?.children ?? []) {
    if (child.name === 'base') return false;
    if (child.name === 'return-response') return true;
  }
  return false;
}

/** The API and operation a gateway path goes to (the API by its URL suffix, the operation by method and template). */
export function gatewayRoute(
  config: GatewayConfig,
  path: string,
  method: string,
): { readonly apiId: string; readonly operationId?: string } | undefined {
  const segments = path.split('/').filter((segment) => segment !== '');
  const api = [...config.apis]
    .sort((a, b) => b.path.length - a.path.length)
    .find((candidate) => {
      const apiSegments = candidate.path.split('/').filter((segment) => segment !== '');
      return apiSegments.every((segment, index) => segments[index] === segment);
    });
  if (!api) return undefined;
  const rest = `/${segments.slice(api.path.split('/').filter((s) => s !== '').length).join('/')}`;
  const operation = api.operations.find(
    (candidate) => candidate.method.toUpperCase() === method && templateMatches(candidate.urlTemplate, rest),
  );
  return { apiId: api.id, operationId: operation?.id };
}

function templateMatches(template: string, path: string): boolean {
  const pattern = template
    .replace(/\/+$/, '')
    .split('/')
    .map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${pattern || ''}/?$`).test(path.replace(/\/+$/, '') || '/');
}
