/**
 * The developer portal at `/docs`: Swagger UI listing every API (definition picker), each API's document
 * rewritten for the gateway at `/docs/<id>/openapi.json`, and "Authorize" getting a client-credentials token
 * from the identity service straight from the browser (its token endpoint allows the portal's origin by CORS).
 */
import type { INestApplication } from '@nestjs/common';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { DeveloperPortalOptions } from './developer-portal-options';
import { checkPortalOptions, gatewayOpenApiDocument, portalDocumentPath } from './gateway-document';

/** Where Swagger UI is served. */
export const DEVELOPER_PORTAL_PATH = '/docs';

interface JsonResponse {
  type(contentType: string): unknown;
  send(body: string): unknown;
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
    adapter.get(portalDocumentPath(api.id), (_request: unknown, response: JsonResponse) => {
      response.type('application/json; charset=utf-8');
      response.send(body);
    });
  }

  SwaggerModule.setup(DEVELOPER_PORTAL_PATH.slice(1), app, documents[0]?.document ?? emptyDocument(), {
    // Only the per-API documents above; no /docs-json for the first one.
    raw: false,
    explorer: true,
    customSiteTitle: 'Developer portal — API gateway',
    swaggerOptions: {
      urls: documents.map(({ api }) => ({ url: portalDocumentPath(api.id), name: api.name })),
      persistAuthorization: true,
      displayOperationId: true,
      initOAuth: { clientId: options.clientId, scopes: Object.keys(options.scopes) },
    },
  });
}

function emptyDocument(): OpenAPIObject {
  return { openapi: '3.0.0', info: { title: 'No APIs published', version: '0' }, paths: {} };
}
