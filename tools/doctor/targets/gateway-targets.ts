import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { callTokenTargets, type GatewayDefinition } from '@stack/apim-policy';
import type { DoctorTarget, ImportOptions } from '@stack/claim-policy';
import { displayPath, readGatewayConfig } from '@stack/gateway-adapters';
import { DoctorUsageError } from '../doctor-args';

/** config/gateway as the gateway reads it (the same reader, the same env for named values), and where it is. */
export interface GatewayConfig {
  readonly dir: string;
  readonly definition: GatewayDefinition;
}

/** @throws DoctorUsageError when `dir` holds no apis.json; GatewayConfigError naming file and field otherwise. */
export function readDoctorGatewayConfig(dir: string, env: NodeJS.ProcessEnv): GatewayConfig {
  if (!existsSync(join(dir, 'apis.json'))) {
    throw new DoctorUsageError(
      `no gateway configuration at ${displayPath(dir)} (apis.json missing); pass --config <dir> or set GATEWAY_CONFIG_DIR.`,
    );
  }
  return { dir, definition: readGatewayConfig(dir, env) };
}

/**
 * The token policies a call to one gateway API (and operation) meets: global, then the API's, then the
 * operation's `<inbound>`, each validate-jwt / validate-azure-ad-token a target of its own (all must pass;
 * apim-policy's callTokenTargets). Product policies are left out: they depend on the subscription key, not on the API.
 */
export function gatewayApiTargets(
  config: GatewayConfig,
  apiId: string,
  operationId: string | undefined,
  entra: ImportOptions['entra'],
): DoctorTarget[] {
  const { apis } = config.definition;
  const api = apis.find((candidate) => candidate.id === apiId);
  if (!api) {
    throw new DoctorUsageError(
      `no API "${apiId}" in ${displayPath(join(config.dir, 'apis.json'))}; known: ${apis.map((a) => a.id).join(', ')}.`,
    );
  }
  if (operationId !== undefined && !api.operations.some((operation) => operation.id === operationId)) {
    throw new DoctorUsageError(
      `API "${apiId}" has no operation "${operationId}"; known: ${api.operations.map((o) => o.id).join(', ')}.`,
    );
  }
  return callTokenTargets(config.definition, apiId, operationId, entra);
}

/** The API and operation a gateway path goes to (the API by its URL suffix, the operation by method and template). */
export function gatewayRoute(
  config: GatewayConfig,
  path: string,
  method: string,
): { readonly apiId: string; readonly operationId?: string } | undefined {
  const segments = path.split('/').filter((segment) => segment !== '');
  const api = [...config.definition.apis]
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
