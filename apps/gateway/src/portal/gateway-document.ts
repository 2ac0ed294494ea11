/**
 * Rewrites a backend's OpenAPI document into the one the developer portal shows for the gateway: calls go
 * through the gateway's path for the API, with an OAuth 2.0 token (client credentials: an app; or authorization code
 * with PKCE: a signed-in person) and (when the API needs one) a subscription key. Pure: no framework, no I/O.
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import { OIDC_USER_SCOPES } from './delegated-scopes';
import {
  DEFAULT_SUBSCRIPTION_KEY_HEADER,
  type DeveloperPortalOptions,
  type PortalApi,
} from './developer-portal-options';

/** Security scheme names in the rewritten documents (Swagger UI shows them in the Authorize dialog). */
export const OAUTH2_SCHEME = 'oauth2';
export const OAUTH2_USER_SCHEME = 'oauth2-user';
export const SUBSCRIPTION_KEY_SCHEME = 'subscriptionKey';

/**
 * The OAuth 2.0 scheme of one API, e.g. `oauth2-echo-api`. One per API: Swagger UI keeps (and persists) a token per
 * scheme name across definitions, so a shared name would send one API's token to another (401 audience mismatch).
 * The subscription key scheme stays shared: one key may open several APIs.
 */
export function oauth2SchemeFor(apiId: string): string {
  return `${OAUTH2_SCHEME}-${apiId}`;
}

/**
 * The signed-in user's scheme of one API, e.g. `oauth2-user-echo-api` (authorization code with PKCE). Its own name, so
 * Swagger UI keeps a user's token apart from an app's (both persist by scheme name).
 */
export function oauth2UserSchemeFor(apiId: string): string {
  return `${OAUTH2_USER_SCHEME}-${apiId}`;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const SAFE_ID = /^[A-Za-z0-9._~-]+$/;

/** Thrown for portal settings that cannot be served; the message says what to fix. */
export class DeveloperPortalError extends Error {
  override readonly name = 'DeveloperPortalError';
}

/** Where the portal serves an API's document. */
export function portalDocumentPath(apiId: string): string {
  return `/docs/${apiId}/openapi.json`;
}

/**
 * The gateway's view of one API's document: `servers` is the gateway path (`/<path>`), the backend's own
 * security schemes are replaced by `oauth2-<api id>` (client credentials at `tokenUrl`, the API's own scope), with
 * `userSignIn` also `oauth2-user-<api id>` (authorization code at its authorize URL and `tokenUrl`, the API's delegated
 * scopes and OpenID Connect's), and, when a subscription is required, `subscriptionKey` (header). Every operation
 * requires one of the OAuth schemes (and the key). The input is not modified.
 */
export function gatewayOpenApiDocument(
  api: PortalApi,
  auth: Pick<DeveloperPortalOptions, 'tokenUrl' | 'userSignIn'>,
): OpenAPIObject {
  const source = structuredClone(api.document);
  const headerName = api.subscriptionKeyHeaderName || DEFAULT_SUBSCRIPTION_KEY_HEADER;
  const oauth2 = oauth2SchemeFor(api.id);
  const scopes = api.scope
    ? { [api.scope]: api.scopeDescription ?? `${api.name}: app roles granted to your client` }
    : {};
  const withKey = (requirement: Record<string, string[]>) =>
    api.subscriptionRequired ? { ...requirement, [SUBSCRIPTION_KEY_SCHEME]: [] } : requirement;
  const requirements: Array<Record<string, string[]>> = [withKey({ [oauth2]: Object.keys(scopes) })];

  const securitySchemes: NonNullable<NonNullable<OpenAPIObject['components']>['securitySchemes']> = {
    [oauth2]: {
      type: 'oauth2',
      description:
        `OAuth 2.0 client credentials: an app-only token for your client registration, for ${api.name} only` +
        (api.scope ? ` (scope ${api.scope}; tick it).` : '.'),
      flows: { clientCredentials: { tokenUrl: auth.tokenUrl, scopes } },
    },
  };
  const userScopes = auth.userSignIn && api.userScopes?.length ? userScopesFor(api) : undefined;
  if (auth.userSignIn && userScopes) {
    const user = oauth2UserSchemeFor(api.id);
    securitySchemes[user] = {
      type: 'oauth2',
      description:
        `OAuth 2.0 authorization code with PKCE: sign in as a person (client id ${auth.userSignIn.clientId}, no ` +
        `secret); the token carries your delegated scopes in scp, for ${api.name} only.`,
      flows: {
        authorizationCode: {
          authorizationUrl: auth.userSignIn.authorizationUrl,
          tokenUrl: auth.tokenUrl,
          scopes: userScopes,
        },
      },
    };
    requirements.push(withKey({ [user]: Object.keys(userScopes) }));
  }
  if (api.subscriptionRequired) {
    securitySchemes[SUBSCRIPTION_KEY_SCHEME] = {
      type: 'apiKey',
      in: 'header',
      name: headerName,
      description: `Subscription key of a subscription that includes this API (header ${headerName}).`,
    };
  }

  const paths: OpenAPIObject['paths'] = {};
  for (const [template, item] of Object.entries(source.paths ?? {})) {
    const rewritten = { ...item };
    for (const method of HTTP_METHODS) {
      const operation = rewritten[method];
      if (operation) rewritten[method] = { ...operation, security: requirements.map((r) => ({ ...r })) };
    }
    paths[template] = rewritten;
  }

  return {
    ...source,
    info: { ...source.info, title: source.info?.title || api.name },
    servers: [{ url: `/${trimSlashes(api.path)}`, description: `${api.name} through the gateway` }],
    paths,
    components: { ...source.components, securitySchemes },
    security: requirements.map((r) => ({ ...r })),
  };
}

/** The user scheme's scopes with what each is for: the API's delegated scopes, then OpenID Connect's. */
function userScopesFor(api: PortalApi): Record<string, string> {
  const scopes: Record<string, string> = {};
  for (const scope of api.userScopes ?? []) scopes[scope] = `${api.name}: delegated permission, acting as you (scp)`;
  const oidc: Record<(typeof OIDC_USER_SCOPES)[number], string> = {
    openid: 'Sign you in (ID token)',
    profile: 'Your name and user name in the ID token',
    offline_access: 'A refresh token',
  };
  for (const scope of OIDC_USER_SCOPES) scopes[scope] = oidc[scope];
  return scopes;
}

/** Checks the portal settings before anything is served: ids usable in URLs and unique, a token URL. */
export function checkPortalOptions(options: DeveloperPortalOptions): void {
  const seen = new Set<string>();
  for (const api of options.apis) {
    if (!SAFE_ID.test(api.id)) {
      throw new DeveloperPortalError(
        `Developer portal: API id '${api.id}' cannot be part of a URL; use letters, digits, '-', '_', '.' or '~'.`,
      );
    }
    if (seen.has(api.id)) throw new DeveloperPortalError(`Developer portal: API id '${api.id}' is listed twice.`);
    seen.add(api.id);
    if (!api.document || typeof api.document !== 'object' || typeof api.document.paths !== 'object') {
      throw new DeveloperPortalError(
        `Developer portal: the OpenAPI document of '${api.id}' has no paths; regenerate it with npm run openapi.`,
      );
    }
  }
  if (options.userSignIn && !URL.canParse(options.userSignIn.authorizationUrl)) {
    throw new DeveloperPortalError(
      `Developer portal: authorizationUrl '${options.userSignIn.authorizationUrl}' is not an absolute URL, e.g. https://localhost:5443/<tenant>/oauth2/v2.0/authorize.`,
    );
  }
  if (!URL.canParse(options.tokenUrl)) {
    throw new DeveloperPortalError(
      `Developer portal: tokenUrl '${options.tokenUrl}' is not an absolute URL, e.g. https://localhost:5443/<tenant>/oauth2/v2.0/token.`,
    );
  }
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}
