import type { GatewayEnv } from '../config/gateway-env';
import type { GatewayDefinition } from '../config/gateway-definition';
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
        document: definition.openApiDocuments.get(api.id) as never,
        subscriptionKeyHeaderName: api.subscriptionKeyParameterNames.header,
        subscriptionRequired: api.subscriptionRequired,
      })),
    tokenUrl,
    scopes: scope ? { [scope]: 'Application permissions (app roles) granted to your client' } : {},
    clientId: env.portal.clientId ?? named['portal-client-id'],
  };
}
