import type { OpenAPIObject } from '@nestjs/swagger';

/** One API shown in the developer portal. */
export interface PortalApi {
  /** API id (e.g. `echo-api`): the document is served at `/docs/<id>/openapi.json`. Letters, digits, `-`, `_`, `.`, `~`. */
  readonly id: string;
  /** Display name in the definition picker (e.g. `Echo API`). */
  readonly name: string;
  /** Gateway path suffix without slashes (APIM's "API URL suffix", e.g. `echo`); the document's server is `/<path>`. */
  readonly path: string;
  /** The backend's OpenAPI document, paths relative to the backend's base URL (APIM's `serviceUrl`). */
  readonly document: OpenAPIObject;
  /** Header carrying the subscription key; APIM's default is `Ocp-Apim-Subscription-Key`. */
  readonly subscriptionKeyHeaderName: string;
  /** Whether calls need a subscription key (then every operation asks for one). */
  readonly subscriptionRequired: boolean;
}

/** Settings of {@link setupDeveloperPortal}. */
export interface DeveloperPortalOptions {
  readonly apis: readonly PortalApi[];
  /** OAuth 2.0 token endpoint the browser calls for client credentials, e.g. `https://localhost:5443/<tenant>/oauth2/v2.0/token`. */
  readonly tokenUrl: string;
  /** Scopes offered in the Authorize dialog, with their descriptions, e.g. `{ "api://<app id>/.default": "Echo API (app roles)" }`. */
  readonly scopes: Readonly<Record<string, string>>;
  /** Client id pre-filled in the Authorize dialog. */
  readonly clientId?: string;
}

/** Default subscription key header (APIM's `subscriptionKeyParameterNames.header`). */
export const DEFAULT_SUBSCRIPTION_KEY_HEADER = 'Ocp-Apim-Subscription-Key';
