/**
 * The AADSTS errors the service can return. Wording and statuses follow the observed Entra responses collected in
 * the project's Entra reference; where the reference leaves a status or `error` value unconfirmed, the choice is
 * marked "chosen" with the reason.
 */
import { AadstsError } from './aadsts-error';

/** Wrong client secret. */
export const invalidClientSecret = (appId: string) =>
  new AadstsError(
    401,
    'invalid_client',
    7000215,
    `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${appId}'.`,
  );

/** The secret matched, but it has expired. */
export const expiredClientSecret = (appId: string) =>
  new AadstsError(
    401,
    'invalid_client',
    7000222,
    `The provided client secret keys for app '${appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
  );

/** Neither a secret nor an assertion. */
export const missingClientCredential = () =>
  new AadstsError(
    401,
    'invalid_client',
    7000218,
    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  );

/** Unknown client id in this tenant. */
export const applicationNotFound = (clientId: string, tenant: string) =>
  new AadstsError(
    400,
    'unauthorized_client',
    700016,
    `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  );

/** The requested resource (App ID URI or appId) is not registered. */
export const resourceNotFound = (resource: string, tenant: string) =>
  new AadstsError(
    400,
    'invalid_resource',
    500011,
    `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
  );

/** Client credentials need `<resource>/.default`. */
export const scopeWithoutDefault = (scope: string) =>
  new AadstsError(
    400,
    'invalid_scope',
    1002012,
    `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
  );

/** More than one resource in `scope`. Status and `error` chosen: 400 invalid_scope, as for the other scope errors. */
export const multipleResources = (scope: string) =>
  new AadstsError(
    400,
    'invalid_scope',
    700022,
    `The provided value for the input parameter scope isn't valid because it contains more than one resource. Scope ${scope} isn't valid.`,
  );

/** v2 endpoint called with the v1 `resource` parameter. */
export const resourceParameterNotSupported = () =>
  new AadstsError(400, 'invalid_request', 901002, "The 'resource' request parameter isn't supported.");

/** Any grant other than client_credentials. Status chosen: 400, per RFC 6749 §5.2. */
export const unsupportedGrantType = (grantType: string) =>
  new AadstsError(
    400,
    'unsupported_grant_type',
    70003,
    `The app requested an unsupported grant type '${grantType}'. This service supports client_credentials, authorization_code and refresh_token.`,
  );

/** A required form parameter is missing or empty. */
export const missingParameter = (name: string) =>
  new AadstsError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);

/**
 * Unknown tenant. At the token endpoint the `error` is chosen as `invalid_request` (seen in third-party tests);
 * discovery and key endpoints answer `invalid_tenant`, as Entra does.
 */
export const tenantNotFound = (tenant: string, error: 'invalid_request' | 'invalid_tenant') =>
  new AadstsError(
    400,
    error,
    90002,
    `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  );

/** /common, /organizations or /consumers used for client credentials. Status chosen: 400 invalid_request. */
export const tenantIndependentEndpoint = (segment: string) =>
  new AadstsError(
    400,
    'invalid_request',
    9001023,
    `The grant type isn't supported over the /${segment} endpoint. Please use the tenant-specific endpoint (tenant id or domain).`,
  );

/** GET (or another method) on a token endpoint. Status chosen: 400 invalid_request. */
export const postRequired = (method: string) =>
  new AadstsError(
    400,
    'invalid_request',
    900561,
    `The endpoint only accepts POST requests. Received a ${method} request.`,
  );

/** Client assertion signature did not verify, or its key is not registered. Status chosen: 401 invalid_client. */
export const assertionSignatureInvalid = (reason: string) =>
  new AadstsError(401, 'invalid_client', 700027, `Client assertion failed signature validation. ${reason}`);

/** Client assertion `iss`/`sub` differ from client_id. Status chosen: 401 invalid_client. */
export const assertionClientMismatch = (reason: string) =>
  new AadstsError(
    401,
    'invalid_client',
    700021,
    `Client assertion application identifier doesn't match 'client_id' parameter. ${reason}`,
  );

/** Client assertion `aud` is not this tenant's token endpoint. Status chosen: 401 invalid_client. */
export const assertionAudienceInvalid = (audience: string, expected: string) =>
  new AadstsError(
    401,
    'invalid_client',
    700023,
    `Client assertion audience claim does not match Realm issuer. Review the documentation at https://aka.ms/certCreds. The audience in the assertion was '${audience}'; expected the token endpoint, e.g. '${expected}'.`,
  );

/** Client assertion expired or not yet valid. Status chosen: 401 invalid_client. */
export const assertionTimeInvalid = (reason: string) =>
  new AadstsError(401, 'invalid_client', 700024, `Client assertion is not within its valid time range. ${reason}`);

/** Client assertion `jti` already used. Code and status chosen: AADSTS50013 (invalid assertion), 401 invalid_client. */
export const assertionReplayed = (jti: string) =>
  new AadstsError(
    401,
    'invalid_client',
    50013,
    `Assertion is invalid: the client assertion with jti '${jti}' was already used. Sign a new assertion with a new jti for every request.`,
  );

/** Client assertion unreadable or missing a required claim. Status chosen: 401 invalid_client. */
export const assertionMalformed = (reason: string) =>
  new AadstsError(401, 'invalid_client', 50027, `Invalid JWT token. ${reason}`);

/** Role assignment required on the API and the client holds none. Status and `error` chosen: 400 invalid_grant. */
export const notAssignedToRole = (
  client: { appId: string; displayName: string },
  api: { appId: string; displayName: string },
) =>
  new AadstsError(
    400,
    'invalid_grant',
    501051,
    `Application '${client.appId}'(${client.displayName}) is not assigned to a role for the application '${api.appId}'(${api.displayName}).`,
  );

/** A malformed request the more specific errors do not cover. */
export const invalidRequest = (reason: string, status = 400) =>
  new AadstsError(status, 'invalid_request', 9002313, `Invalid request. Request is malformed or invalid. ${reason}`);

/** No such endpoint. Status 404; code chosen: AADSTS9002313 (malformed request). */
export const noSuchEndpoint = (method: string, path: string) =>
  invalidRequest(
    `No endpoint answers ${method} ${path}. Endpoints: POST /{tenant}/oauth2/v2.0/token, POST /{tenant}/oauth2/token, ` +
      'GET/POST /{tenant}/oauth2/v2.0/authorize, GET/POST /{tenant}/oauth2/authorize, GET/POST /oidc/userinfo, ' +
      'GET /{tenant}/v2.0/.well-known/openid-configuration, GET /{tenant}/.well-known/openid-configuration, ' +
      'GET /{tenant}/discovery/v2.0/keys, GET /{tenant}/discovery/keys, GET /health.',
    404,
  );

/** Admin endpoint called from a non-loopback address. */
export const adminLoopbackOnly = () =>
  new AadstsError(
    403,
    'access_denied',
    9002313,
    'Invalid request. The admin endpoints answer only requests from this machine (127.0.0.1 or ::1).',
  );

/** An unexpected failure inside the service (logged with its stack). Status chosen: 503, never a bare 500. */
export const serviceUnavailable = () =>
  new AadstsError(
    503,
    'temporarily_unavailable',
    90033,
    'A transient error has occurred in the local identity service. Please try again; the service log has the details.',
  );
