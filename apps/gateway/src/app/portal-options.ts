import type { GatewayEnv } from '../config/gateway-env';
import type { GatewayDefinition } from '@stack/apim-policy';
import type { DeveloperPortalOptions } from '../portal';

/**
 * The developer portal's settings: every API with an OpenAPI document, and OAuth 2.0 client
 * credentials against the tenant of the `tenant-id` named value (GATEWAY_PORTAL_* override).
 */
export function portalOptionsFor(definition: GatewayDefinition, env: GatewayEnv): DeveloperPortalOptions {
  const named = definition.namedValues;
  const authority = env.entraAuthorityHost ?? 'https://login.microsoftonline.com';
  const tokenUrl = env.portal.tokenUrl ?? `${authority}/${named['tenant-id'] ?? 'organizations'}/oauth2/v2.0/token`;
  const scope = env.portal.scope ?? (named['api-app-id'] ? `api://${named['api-app-id']}/.default` : undefined);
  return {
    apis: definition.apis
      .filter((api) => definition.openApiDocuments.has(api.id))
      .map((api) => ({
        id: api.id,
        name: api.name ?? api.id,
        path: api.path,
        document: withGatewayOnlyOperations(definition.openApiDocuments.get(api.id) ?? {}, api) as never,
        subscriptionKeyHeaderName: api.subscriptionKeyParameterNames.header,
        subscriptionRequired: api.subscriptionRequired,
      })),
    tokenUrl,
    scopes: scope ? { [scope]: 'Application permissions (app roles) granted to your client' } : {},
    clientId: env.portal.clientId ?? named['portal-client-id'],
  };
}

type PathItem = Record<string, unknown>;

/**
 * Operations the gateway answers itself (e.g. the write-up's test operation, a return-response policy) are not in the
 * backend's OpenAPI document; they are added so every published operation can be tried from the portal.
 */
export function withGatewayOnlyOperations(
  document: Record<string, unknown>,
  api: GatewayDefinition['apis'][number],
): Record<string, unknown> {
  const paths: Record<string, PathItem> = { ...((document['paths'] as Record<string, PathItem> | undefined) ?? {}) };
  // Listed under the backend's own tag, so the portal shows one group per API.
  const tags = Object.values(paths)
    .flatMap((item) => Object.values(item) as Array<{ tags?: string[] }>)
    .find((operation) => operation?.tags?.length)?.tags;
  for (const operation of api.operations) {
    const method = operation.method.toLowerCase();
    const item = { ...(paths[operation.urlTemplate] ?? {}) };
    if (item[method]) continue;
    item[method] = {
      operationId: operation.id,
      ...(tags ? { tags } : {}),
      summary: operation.name ?? operation.id,
      description: 'Published on the gateway only (answered by its policy, not by the backend).',
      responses: { '200': { description: 'OK' } },
    };
    paths[operation.urlTemplate] = item;
  }
  return { ...document, paths };
}
