/**
 * The client-credentials grant, framework-free: validates the request in Entra's order, authenticates the
 * client, resolves the API and its roles, and signs a token in the API's version. Every refusal is an
 * {@link AadstsError}.
 */
import { authenticateClient, requestClientId } from '../client-auth/authenticate-client';
import type { ClientCertificateRegistry } from '../client-auth/certificate-registry';
import type { JtiReplayCache } from '../client-auth/jti-replay-cache';
import type { EndpointVersion, ServiceUrls } from '../discovery/service-urls';
import { classifyTenantSegment } from '../discovery/tenant-segment';
import {
  missingParameter,
  notAssignedToRole,
  resourceNotFound,
  tenantIndependentEndpoint,
  tenantNotFound,
  unsupportedGrantType,
} from '../errors/catalogue';
import type { SigningKeyStore } from '../keys/signing-key-store';
import type { ServiceCounters } from '../metrics/token-counters';
import type { Directory } from '../registrations/directory';
import { accessTokenClaims, tokenVersionOf, type ClientAuthMethod, type TokenVersion } from './access-token-claims';
import { formParam, type FormFields } from './form-params';
import { signAccessToken } from './sign-access-token';
import { readV1Target, readV2Target } from './token-target';
import type { UserTokenResponse, UserTokenService } from './user-token-service';
import { v1TokenResponse, v2TokenResponse, type V1TokenResponse, type V2TokenResponse } from './token-response';

/** A token request as the HTTP layer received it. */
export interface TokenEndpointRequest {
  readonly endpoint: EndpointVersion;
  /** The `{tenant}` path segment. */
  readonly tenant: string;
  /** The form body (empty when the body was not form-encoded). */
  readonly form: FormFields;
  readonly authorization?: string;
  /** The Origin header (browser requests): SPA codes must come cross-origin, others must not. */
  readonly origin?: string;
}

/** A successful issuance: the response body plus facts for the log (no token, no secret). */
export interface IssuedToken {
  readonly body: V1TokenResponse | V2TokenResponse | UserTokenResponse;
  readonly clientId: string;
  readonly apiAppId: string;
  readonly version: TokenVersion;
  readonly kid: string;
  readonly authMethod: ClientAuthMethod | 'none';
  readonly roles: readonly string[];
  /** The grant used. */
  readonly grantType?: string;
}

/** What the token service uses. */
export interface TokenServiceDeps {
  readonly directory: Directory;
  readonly keys: SigningKeyStore;
  readonly certificates: ClientCertificateRegistry;
  readonly replayCache: JtiReplayCache;
  readonly urls: ServiceUrls;
  readonly counters: ServiceCounters;
  readonly tokenLifetimeSeconds: number;
  /** Clock in milliseconds. */
  readonly now: () => number;
  /** The authorization_code and refresh_token grants. */
  readonly userTokens?: UserTokenService;
}

const CLIENT_CREDENTIALS = 'client_credentials';
const USER_GRANTS = new Set(['authorization_code', 'refresh_token']);

/** Issues app tokens for the client-credentials grant. */
export class TokenService {
  constructor(private readonly deps: TokenServiceDeps) {}

  /**
   * Handles one token request.
   * @throws AadstsError for every refusal, with Entra's status, `error` and code.
   */
  async issue(request: TokenEndpointRequest): Promise<IssuedToken> {
    const { directory, urls } = this.deps;
    const userGrant = userGrantOf(request.form);
    if (userGrant && this.deps.userTokens) return this.deps.userTokens.issue(userGrant, request);
    const tenant = directory.registrations.tenant;
    const kind = classifyTenantSegment(request.tenant, directory);
    if (kind === 'common' || kind === 'organizations' || kind === 'consumers') throw tenantIndependentEndpoint(kind);
    if (kind === 'unknown') throw tenantNotFound(request.tenant, 'invalid_request');

    const param = (name: string) => formParam(request.form, name);
    const grantType = param('grant_type');
    if (grantType === undefined) throw missingParameter('grant_type');
    if (grantType !== CLIENT_CREDENTIALS) throw unsupportedGrantType(grantType);

    const credentials = {
      clientId: param('client_id'),
      clientSecret: param('client_secret'),
      clientAssertion: param('client_assertion'),
      clientAssertionType: param('client_assertion_type'),
      authorization: request.authorization,
    };
    requestClientId(credentials);
    const target =
      request.endpoint === 'v2' ? readV2Target(param('scope'), param('resource')) : readV1Target(param('resource'));

    const now = this.deps.now();
    const { client, method } = await authenticateClient(credentials, {
      directory,
      certificates: this.deps.certificates,
      replayCache: this.deps.replayCache,
      assertionAudiences: urls.assertionAudiences(tenant.id, tenant.domain),
      tenantName: tenant.displayName,
      now: new Date(now),
    });

    const resolved = directory.findResource(target.resource);
    if (!resolved) throw resourceNotFound(target.resource, tenant.displayName);
    const { api } = resolved;
    const roles = directory.rolesOf(client, api);
    if (api.appRoleAssignmentRequired && roles.length === 0) throw notAssignedToRole(client, api);

    const version = tokenVersionOf(api);
    const nowSeconds = Math.floor(now / 1000);
    const lifetime = this.deps.tokenLifetimeSeconds;
    const claims = accessTokenClaims({
      issuer: urls.issuer(version, tenant.id),
      tenantId: tenant.id,
      api,
      requestedResource: resolved.requestedAs,
      client,
      roles,
      authMethod: method,
      now: nowSeconds,
      lifetimeSeconds: lifetime,
    });
    const key = this.deps.keys.signingKey();
    const accessToken = await signAccessToken(claims, version, key);
    this.deps.counters.recordIssuance({ clientId: client.appId, apiAppId: api.appId, resource: target.resource });

    const responseInput = {
      accessToken,
      expiresInSeconds: lifetime,
      expiresOn: nowSeconds + lifetime,
      notBefore: claims['nbf'] as number,
      resource: target.requested,
    };
    return {
      body: request.endpoint === 'v2' ? v2TokenResponse(responseInput) : v1TokenResponse(responseInput),
      clientId: client.appId,
      apiAppId: api.appId,
      version,
      kid: key.kid,
      authMethod: method,
      roles,
    };
  }
}

/** `authorization_code` or `refresh_token` when the request names one of them (once, as text), else undefined. */
function userGrantOf(form: FormFields): 'authorization_code' | 'refresh_token' | undefined {
  const value = Object.prototype.hasOwnProperty.call(form, 'grant_type') ? form['grant_type'] : undefined;
  return typeof value === 'string' && USER_GRANTS.has(value)
    ? (value as 'authorization_code' | 'refresh_token')
    : undefined;
}
