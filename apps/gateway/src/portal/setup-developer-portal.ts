/**
 * The developer portal at `/docs`: a "Start here" panel (trust, client, scopes, subscription picker) above Swagger UI
 * listing every API (definition picker), each API's document rewritten for the gateway at `/docs/<id>/openapi.json`,
 * and "Authorize" getting a client-credentials token with the API's own scope from the identity service straight
 * from the browser (its token endpoint allows the portal's origin by CORS). Decision 014.
 */
import type { INestApplication } from '@nestjs/common';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { isIP } from 'node:net';
import type { DeveloperPortalOptions } from './developer-portal-options';
import {
  checkPortalOptions,
  gatewayOpenApiDocument,
  portalDocumentPath,
  SUBSCRIPTION_KEY_SCHEME,
} from './gateway-document';
import { PORTAL_CSS, portalUiScript } from './portal-ui-script';
import { setupTokenDoctor } from './doctor/setup-token-doctor';
import { renderStartPanel } from './render-start-panel';
import { startGuideFor } from './start-guide';

/** Where Swagger UI is served. */
export const DEVELOPER_PORTAL_PATH = '/docs';
/** The start panel fragment and the portal's script. */
export const START_PANEL_PATH = `${DEVELOPER_PORTAL_PATH}/start`;
export const PORTAL_SCRIPT_PATH = `${DEVELOPER_PORTAL_PATH}/portal-ui.js`;
/**
 * Swagger UI's page that hands the authorization code back to the portal (swagger-ui-dist's file, which
 * @nestjs/swagger serves under /docs/). Register it as a SPA redirect URI: `<portal origin>/docs/oauth2-redirect.html`.
 */
export const OAUTH2_REDIRECT_PATH = `${DEVELOPER_PORTAL_PATH}/oauth2-redirect.html`;

interface PortalRequest {
  readonly socket?: { readonly remoteAddress?: string };
  readonly headers?: { readonly host?: string };
}

interface PortalResponse {
  type(contentType: string): unknown;
  set(name: string, value: string): unknown;
  send(body: string): unknown;
}

/**
 * Whether the portal may hand this request the subscription keys: it comes from this machine AND names this machine
 * in Host (`localhost`, `*.localhost`, 127.x, `[::1]`), so a page whose DNS name was rebound to 127.0.0.1 cannot read
 * them from its own origin.
 */
export function isLocalPortalRequest(remoteAddress: string | undefined, host: string | undefined): boolean {
  if (!isLoopbackAddress(remoteAddress) || !host) return false;
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  if (hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]') return true;
  return isIP(hostname) === 4 && hostname.startsWith('127.');
}

/** Whether a request comes from this machine (127.0.0.0/8, ::1, or IPv4-mapped loopback). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address || isIP(address) === 0) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4 === '::1' || (isIP(v4) === 4 && v4.startsWith('127.'));
}

/**
 * Serves the developer portal on the app's HTTP adapter (Express or Fastify). Call before `listen`.
 * @throws DeveloperPortalError for an API id unusable in a URL, a duplicate id, a document without paths, or a
 * token URL that is not absolute.
 */
export function setupDeveloperPortal(app: INestApplication, options: DeveloperPortalOptions): void {
  checkPortalOptions(options);
  const adapter = app.getHttpAdapter();
  const documents = options.apis.map((api) => ({ api, document: gatewayOpenApiDocument(api, options) }));
  for (const { api, document } of documents) {
    const body = JSON.stringify(document);
    adapter.get(portalDocumentPath(api.id), (_request: unknown, response: PortalResponse) => {
      response.type('application/json; charset=utf-8');
      response.send(body);
    });
  }

  const guide = startGuideFor(options);
  const choices = options.subscriptions ?? [];
  // Keys only for a browser on this machine: the gateway may listen on every interface (compose), see decision 014.
  const panels = {
    local: renderStartPanel(guide, choices, options.subscriptionKeys ?? new Map()),
    remote: renderStartPanel(guide, choices, undefined),
  };
  adapter.get(START_PANEL_PATH, (request: PortalRequest, response: PortalResponse) => {
    response.type('text/html; charset=utf-8');
    response.set('cache-control', 'no-store');
    const local = isLocalPortalRequest(request.socket?.remoteAddress, request.headers?.host);
    response.send(local ? panels.local : panels.remote);
  });
  const script = portalUiScript({
    startUrl: START_PANEL_PATH,
    identityOrigin: guide.identityOrigin,
    discoveryUrl: guide.discoveryUrl,
    trustCommand: guide.trustCommand,
    subscriptionKeyScheme: SUBSCRIPTION_KEY_SCHEME,
    doctorUrl: guide.doctorUrl,
    ...(options.userSignIn
      ? { oauth2RedirectPath: OAUTH2_REDIRECT_PATH, userClientId: options.userSignIn.clientId }
      : {}),
  });
  adapter.get(PORTAL_SCRIPT_PATH, (_request: unknown, response: PortalResponse) => {
    response.type('application/javascript; charset=utf-8');
    response.send(script);
  });
  if (options.doctor) {
    setupTokenDoctor(
      adapter,
      options.doctor,
      {
        portalUrl: DEVELOPER_PORTAL_PATH,
        tokenUrl: options.tokenUrl,
        identityOrigin: guide.identityOrigin,
        discoveryUrl: guide.discoveryUrl,
        trustCommand: guide.trustCommand,
        clientId: options.clientId,
        clientSecretHint: guide.clientSecretHint,
        apis: options.apis.map((api) => ({ id: api.id, name: api.name, scope: api.scope })),
      },
      (request: PortalRequest) => isLocalPortalRequest(request.socket?.remoteAddress, request.headers?.host),
    );
  }
  // Swagger UI pre-ticks initOAuth's scopes in every dialog: only safe when every API takes the same one.
  const distinctScopes = [...new Set(options.apis.map((api) => api.scope).filter((scope) => scope !== undefined))];

  SwaggerModule.setup(DEVELOPER_PORTAL_PATH.slice(1), app, documents[0]?.document ?? emptyDocument(), {
    // Only the per-API documents above; no /docs-json for the first one.
    raw: false,
    explorer: true,
    customSiteTitle: 'Developer portal — API gateway',
    customJs: PORTAL_SCRIPT_PATH,
    customCss: PORTAL_CSS,
    swaggerOptions: {
      urls: documents.map(({ api }) => ({ url: portalDocumentPath(api.id), name: api.name })),
      persistAuthorization: true,
      displayOperationId: true,
      // The client credentials client; the portal's script puts the SPA client in the user schemes' dialogs.
      initOAuth: {
        clientId: options.clientId,
        scopes: distinctScopes.length === 1 ? distinctScopes : [],
        usePkceWithAuthorizationCodeGrant: true,
      },
    },
  });
}

function emptyDocument(): OpenAPIObject {
  return { openapi: '3.0.0', info: { title: 'No APIs published', version: '0' }, paths: {} };
}
