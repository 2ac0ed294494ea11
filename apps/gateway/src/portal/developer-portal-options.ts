import type { OpenAPIObject } from '@nestjs/swagger';
import type { PortalDoctorSettings } from './doctor/setup-token-doctor';
import type { SubscriptionChoice } from './subscription-choices';

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
  /**
   * The one scope a token for this API is asked with, e.g. `api://<app id>/.default` (the registration whose audience
   * the API's policy accepts). Each API has its own: Entra gives a token for one resource per request. Undefined: the
   * token is asked without a scope the portal can name (the user ticks nothing).
   */
  readonly scope?: string;
  /** Shown next to the scope in the Authorize dialog, e.g. `Echo API: app roles (from policies/apis/echo-api.xml)`. */
  readonly scopeDescription?: string;
  /**
   * Delegated scopes a signed-in user's token is asked with (authorization code with PKCE), e.g.
   * `api://<app id>/Echo.Read.User`; the OpenID Connect scopes are added by the portal. None: no user sign-in for it.
   */
  readonly userScopes?: readonly string[];
}

/** Sign-in of a person (authorization code with PKCE) through a public SPA client, as APIM's portal offers. */
export interface PortalUserSignIn {
  /** e.g. `https://localhost:5443/<tenant>/oauth2/v2.0/authorize`. */
  readonly authorizationUrl: string;
  /** The SPA client (no secret) users sign in through, e.g. ago-devportal-spa-app's appId. */
  readonly clientId: string;
}

/** Settings of {@link setupDeveloperPortal}. */
export interface DeveloperPortalOptions {
  readonly apis: readonly PortalApi[];
  /** OAuth 2.0 token endpoint the browser calls for client credentials, e.g. `https://localhost:5443/<tenant>/oauth2/v2.0/token`. */
  readonly tokenUrl: string;
  /** Client id pre-filled in the Authorize dialog for client credentials. */
  readonly clientId?: string;
  /** Authorization code with PKCE besides client credentials; none: client credentials only. */
  readonly userSignIn?: PortalUserSignIn;
  /** The subscription picker's entries (name, scope, state); none: no picker. */
  readonly subscriptions?: readonly SubscriptionChoice[];
  /** Primary keys by subscription id, handed to a browser on this machine only (decision 014). */
  readonly subscriptionKeys?: ReadonlyMap<string, string>;
  /** The subscription the start panel recommends, when active (else the first active one opening every API). */
  readonly recommendedSubscriptionId?: string;
  /** The token doctor page at `/docs/doctor` (issue 14); none: no page, and the start panel does not link it. */
  readonly doctor?: PortalDoctorSettings;
}

/** Default subscription key header (APIM's `subscriptionKeyParameterNames.header`). */
export const DEFAULT_SUBSCRIPTION_KEY_HEADER = 'Ocp-Apim-Subscription-Key';
