/**
 * AADSTS errors of the authorization code flow (authorize and token endpoints). Codes and wording follow Entra's
 * error-code reference and the auth-code flow page; where an `error` value or status is not documented it is
 * marked "chosen".
 */
import { AadstsError } from './aadsts-error';

/** The request's redirect_uri is not registered for the client. Shown on a page, never redirected to. */
export const redirectUriMismatch = (redirectUri: string, appId: string) =>
  new AadstsError(
    400,
    'invalid_request',
    50011,
    `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${appId}'. Make sure the redirect URI sent in the request matches one added to your application in its registration (config/identity/registrations.json, redirectUris).`,
  );

/** No redirect_uri at all. */
export const noReplyAddress = () => new AadstsError(400, 'invalid_request', 900971, 'No reply address provided.');

/** response_type other than code. */
export const unsupportedResponseType = (responseType: string) =>
  new AadstsError(
    400,
    'unsupported_response_type',
    responseType.split(' ').includes('id_token') ? 700054 : 70005,
    responseType.split(' ').includes('id_token')
      ? "Response_type 'id_token' isn't enabled for the application: this service issues codes only (response_type=code); the ID token comes from the token endpoint."
      : `The app requested an unsupported response type '${responseType}'. Use response_type=code.`,
  );

/** response_mode not query, fragment or form_post. Error value chosen: invalid_request. */
export const unsupportedResponseMode = (mode: string) =>
  new AadstsError(
    400,
    'invalid_request',
    70007,
    `The app requested an unsupported value of response_mode '${mode}'. Use query, fragment or form_post.`,
  );

/** A scope that is not OpenID Connect and not exposed by a registered API. */
export const invalidScope = (scope: string) =>
  new AadstsError(
    400,
    'invalid_scope',
    70011,
    `The provided value for the input parameter 'scope' isn't valid. The scope ${scope} isn't valid.`,
  );

/** `<resource>/.default` in a user flow for an API that exposes no delegated scope: nothing a user could delegate. */
export const noDelegatedScopes = (scope: string) =>
  new AadstsError(
    400,
    'invalid_scope',
    70011,
    `The provided value for the input parameter 'scope' isn't valid. The scope ${scope} isn't valid: the API exposes no delegated permissions (oauth2PermissionScopes), so a signed-in user cannot be given a token for it.`,
  );

/** PKCE missing where Entra requires it (SPA redirect URIs). */
export const pkceRequiredForSpa = () =>
  new AadstsError(
    400,
    'invalid_request',
    9002325,
    'Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
  );

/** PKCE missing or not S256 for a public client. Code chosen: AADSTS9002313 (this service is stricter than Entra). */
export const pkceS256Required = (platform: string, method: string | undefined) =>
  new AadstsError(
    400,
    'invalid_request',
    9002313,
    `Invalid request. Request is malformed or invalid. A ${platform} redirect URI is a public client: send code_challenge with code_challenge_method=S256${method ? ` (got '${method}')` : ''}.`,
  );

/** code_challenge of the wrong size or alphabet. */
export const invalidCodeChallenge = (method: string) =>
  new AadstsError(
    400,
    'invalid_request',
    501491,
    `Invalid size of Code_Challenge parameter. With code_challenge_method=${method} the challenge is ${method === 'S256' ? 'exactly 43' : '43 to 128'} base64url characters.`,
  );

/** The verifier does not match the challenge (or is missing). */
export const codeVerifierMismatch = (reason: string) =>
  new AadstsError(
    400,
    'invalid_grant',
    501481,
    `The Code_Verifier does not match the code_challenge supplied in the authorization request. ${reason}`,
  );

/** No session for prompt=none. */
export const loginRequired = () =>
  new AadstsError(
    400,
    'login_required',
    50058,
    'A silent sign-in request was sent but no user is signed in. Retry without prompt=none.',
  );

/** Consent missing for prompt=none or at the token endpoint. */
export const consentRequired = (
  client: { appId: string; displayName: string },
  error: 'interaction_required' | 'invalid_grant',
  scopes: readonly string[],
) =>
  new AadstsError(
    400,
    error,
    65001,
    `The user or administrator has not consented to use the application with ID '${client.appId}' named '${client.displayName}'. Send an interactive authorization request for this user and resource. Scopes without consent: ${scopes.join(' ')}.`,
  );

/** Admin-only scope without an admin grant. */
export const adminConsentRequired = (scopes: readonly string[]) =>
  new AadstsError(
    400,
    'consent_required',
    90094,
    `Administrator consent is required for ${scopes.join(' ')}: add an AllPrincipals grant to oauth2PermissionGrants.`,
  );

/** The user declined consent. */
export const consentDeclined = () =>
  new AadstsError(400, 'access_denied', 65004, 'User declined to consent to access the app.');

/** Unknown, expired or foreign authorization code. Code chosen: AADSTS70000 (invalid grant). */
export const invalidAuthorizationCode = (reason: string) =>
  new AadstsError(400, 'invalid_grant', 70000, `Provided grant is invalid or malformed. ${reason}`);

/** The code was redeemed before. */
export const codeAlreadyRedeemed = () =>
  new AadstsError(
    400,
    'invalid_grant',
    54005,
    'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
  );

/** redirect_uri at the token endpoint differs from the one the code was issued to. Code chosen: AADSTS70000. */
export const redirectUriDiffers = () =>
  new AadstsError(
    400,
    'invalid_grant',
    70000,
    'Provided grant is invalid or malformed. The redirect_uri does not match the one used in the authorization request.',
  );

/** A refresh token already exchanged (rotation), unknown, or expired. */
export const refreshTokenRevoked = (reason: string) =>
  new AadstsError(
    400,
    'invalid_grant',
    70008,
    `The provided authorization code or refresh token has expired or been revoked. ${reason}`,
  );

/** A SPA refresh token past its fixed 24 h lifetime. */
export const spaRefreshTokenExpired = (issuedAt: string) =>
  new AadstsError(
    400,
    'invalid_grant',
    700084,
    `The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which can't be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page. The token was issued on ${issuedAt}.`,
  );

/** A public client sent a credential. */
export const publicClientWithCredential = () =>
  new AadstsError(
    401,
    'invalid_client',
    700025,
    "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
  );

/** A SPA code or refresh token redeemed without an Origin header. */
export const spaRequiresCrossOrigin = () =>
  new AadstsError(
    400,
    'invalid_request',
    9002327,
    "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
  );

/** A web or native code redeemed with an Origin header. */
export const crossOriginOnlyForSpa = () =>
  new AadstsError(
    400,
    'invalid_request',
    9002326,
    "Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type.",
  );

/** The v2 authorize endpoint with more than one resource in a token request. */
export const tokenScopeMultipleResources = (scope: string) =>
  new AadstsError(
    400,
    'invalid_scope',
    700022,
    `The provided value for the input parameter scope isn't valid because it contains more than one resource. Scope ${scope} isn't valid.`,
  );
