import type { GatewayEnv } from '../config/gateway-env';
import type { GatewayDefinition } from '@stack/apim-policy';
import {
  activeSubscriptionKeys,
  apiScopeFor,
  delegatedScopesFor,
  subscriptionChoices,
  type DeveloperPortalOptions,
  type PortalApi,
} from '../portal';

/**
 * The developer portal's settings: every API with an OpenAPI document, each with the scope of the registration its
 * own policy accepts (named value `portal-scope-<api id>` overrides; GATEWAY_PORTAL_SCOPE only fills in for an API
 * whose policies check no audience), OAuth 2.0 client credentials against the tenant of the `tenant-id` named value
 * (GATEWAY_PORTAL_TOKEN_URL / _CLIENT_ID override), sign-in of a person (authorization code with PKCE) through the SPA
 * client of the `portal-client-app-id` named value with each API's delegated scopes (its authorize URL is the token
 * URL's sibling), and the subscriptions for the picker (`portal-subscription` named value: the one the start panel
 * recommends).
 */
export function portalOptionsFor(definition: GatewayDefinition, env: GatewayEnv): DeveloperPortalOptions {
  const named = definition.namedValues;
  const authority = env.entraAuthorityHost ?? 'https://login.microsoftonline.com';
  const tokenUrl = env.portal.tokenUrl ?? `${authority}/${named['tenant-id'] ?? 'organizations'}/oauth2/v2.0/token`;
  return {
    apis: definition.apis
      .filter((api) => definition.openApiDocuments.has(api.id))
      .map((api): PortalApi => {
        const derived = apiScopeFor(definition, api.id);
        const scope = derived?.scope ?? env.portal.scope;
        const userScopes = delegatedScopesFor(definition, api.id, scope);
        return {
          id: api.id,
          name: api.name ?? api.id,
          path: api.path,
          document: withGatewayOnlyOperations(definition.openApiDocuments.get(api.id) ?? {}, api) as never,
          subscriptionKeyHeaderName: api.subscriptionKeyParameterNames.header,
          subscriptionRequired: api.subscriptionRequired,
          scope,
          scopeDescription: scope
            ? `${api.name ?? api.id}: app roles granted to your client (${derived ? `from ${derived.source}` : 'GATEWAY_PORTAL_SCOPE'})`
            : undefined,
          ...(userScopes ? { userScopes } : {}),
        };
      }),
    tokenUrl,
    clientId: env.portal.clientId ?? named['portal-client-id'],
    ...(named['portal-client-app-id']
      ? { userSignIn: { authorizationUrl: authorizeUrlFor(tokenUrl), clientId: named['portal-client-app-id'] } }
      : {}),
    subscriptions: subscriptionChoices(definition),
    subscriptionKeys: activeSubscriptionKeys(definition),
    recommendedSubscriptionId: named['portal-subscription'],
  };
}

/** `…/oauth2/v2.0/token` → `…/oauth2/v2.0/authorize` (Entra's endpoints are siblings, v1 and v2). */
export function authorizeUrlFor(tokenUrl: string): string {
  return tokenUrl.replace(/\/token(?=$|[?#])/, '/authorize');
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
