/**
 * The user grants of the token endpoint, framework-free: `authorization_code` (one-time code, redirect URI and PKCE
 * verifier checks, client authentication for web apps, none for public clients, SPA codes cross-origin only) and
 * `refresh_token` with rotation (every use returns a new refresh token; the used one is refused afterwards, and SPA
 * refresh tokens keep a fixed 24 h lifetime).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { newHandle } from '../authorize/bounded-store';
import { parseScopeRequest, type OidcScope } from '../authorize/scope-request';
import {
  REFRESH_LIFETIME_MS,
  SPA_REFRESH_LIFETIME_MS,
  type GrantedResource,
  type RefreshTokenGrant,
  type UserFlowState,
} from '../authorize/user-flow-state';
import { authenticateClient, requestClientId, type ClientAuthenticationDeps } from '../client-auth/authenticate-client';
import type { EndpointVersion, ServiceUrls } from '../discovery/service-urls';
import { classifyTenantSegment } from '../discovery/tenant-segment';
import { missingParameter, tenantNotFound } from '../errors/catalogue';
import {
  codeAlreadyRedeemed,
  codeVerifierMismatch,
  consentRequired,
  crossOriginOnlyForSpa,
  invalidAuthorizationCode,
  publicClientWithCredential,
  redirectUriDiffers,
  refreshTokenRevoked,
  spaRefreshTokenExpired,
  spaRequiresCrossOrigin,
  tokenScopeMultipleResources,
} from '../errors/user-flow-errors';
import { entraTimestamp } from '../errors/aadsts-error';
import type { SigningKeyStore } from '../keys/signing-key-store';
import type { Directory } from '../registrations/directory';
import type { ApiApp, ClientApp, DirectoryUser, RedirectPlatform } from '../registrations/registrations.schema';
import type { TokenVersion } from './access-token-claims';
import { formParam, type FormFields } from './form-params';
import { signAccessToken } from './sign-access-token';
import {
  clientInfo,
  idTokenClaims,
  userAccessTokenClaims,
  userTokenVersion,
  type UserClientAuth,
} from './user-token-claims';

/** A user-grant token request as the HTTP layer received it. */
export interface UserTokenRequest {
  readonly endpoint: EndpointVersion;
  readonly tenant: string;
  readonly form: FormFields;
  readonly authorization?: string;
  /** The Origin header: present on browser (cross-origin) redemptions. */
  readonly origin?: string;
}

/** The response body of a user grant. */
export type UserTokenResponse = Record<string, string | number>;

/** A successful user-grant issuance, with facts for the log (no token). */
export interface IssuedUserTokens {
  readonly body: UserTokenResponse;
  readonly clientId: string;
  readonly apiAppId: string;
  readonly version: TokenVersion;
  readonly kid: string;
  readonly authMethod: UserClientAuth;
  readonly roles: readonly string[];
  readonly userObjectId: string;
  readonly grantType: 'authorization_code' | 'refresh_token';
}

export interface UserTokenServiceDeps {
  readonly directory: Directory;
  readonly state: UserFlowState;
  readonly keys: SigningKeyStore;
  readonly urls: ServiceUrls;
  readonly clientAuth: () => Omit<ClientAuthenticationDeps, 'now'>;
  readonly tokenLifetimeSeconds: number;
  readonly now: () => number;
}

/** What the tokens are minted from, whichever grant. */
interface Minting {
  readonly endpoint: EndpointVersion;
  readonly client: ClientApp;
  readonly platform: RedirectPlatform;
  readonly user: DirectoryUser;
  readonly oidc: readonly OidcScope[];
  readonly nonce?: string;
  readonly authTime: number;
  readonly auth: UserClientAuth;
  /** The resource and scopes of the access token, or undefined for an OpenID-only (Graph-shaped) token. */
  readonly resource?: { readonly api: ApiApp; readonly requestedAs: string; readonly values: readonly string[] };
  /** SPA chains keep their first deadline. */
  readonly refreshChain?: { readonly absoluteExpiry: number; readonly chainIssuedAt: number };
  /** MSAL sends `client_info=1`: the response then carries `client_info` (uid, utid) for its account cache. */
  readonly wantsClientInfo: boolean;
}

const PKCE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export class UserTokenService {
  constructor(private readonly deps: UserTokenServiceDeps) {}

  /** Handles `grant_type=authorization_code` or `refresh_token`. */
  async issue(grantType: 'authorization_code' | 'refresh_token', request: UserTokenRequest): Promise<IssuedUserTokens> {
    const { directory } = this.deps;
    const kind = classifyTenantSegment(request.tenant, directory);
    if (kind === 'unknown' || kind === 'consumers') throw tenantNotFound(request.tenant, 'invalid_request');
    const minting =
      grantType === 'authorization_code' ? await this.fromCode(request) : await this.fromRefreshToken(request);
    return this.mint(minting, grantType);
  }

  private async fromCode(request: UserTokenRequest): Promise<Minting> {
    const param = (name: string) => formParam(request.form, name);
    const clientId = this.clientIdOf(request);
    const code = param('code');
    if (!code) throw missingParameter('code');
    const { state } = this.deps;
    if (state.redeemedCodes.get(code)) throw codeAlreadyRedeemed();
    const grant = state.codes.get(code);
    if (!grant) {
      throw invalidAuthorizationCode(
        'The code is unknown or expired (codes live 10 minutes; a restart of the identity service forgets them).',
      );
    }
    if (grant.clientId.toLowerCase() !== clientId.toLowerCase()) {
      throw invalidAuthorizationCode('The code was issued to another client.');
    }
    // One-time: consumed by this attempt, whatever follows.
    state.codes.delete(code);
    state.redeemedCodes.set(code, true, state.usedMemoryMs);

    const client = this.clientOrThrow(clientId);
    const auth = await this.authenticate(request, client, grant.platform);
    const redirectUri = param('redirect_uri');
    if (!redirectUri) throw missingParameter('redirect_uri');
    if (redirectUri !== grant.redirectUri) throw redirectUriDiffers();
    checkVerifier(grant.codeChallenge, grant.codeChallengeMethod, param('code_verifier'));

    const user = this.userOrThrow(grant.userObjectId);
    return {
      endpoint: request.endpoint,
      client,
      platform: grant.platform,
      user,
      oidc: grant.oidc,
      nonce: grant.nonce,
      authTime: grant.authTime,
      auth,
      resource: this.pickResource(request, client, user, grant.resources),
      wantsClientInfo: formParam(request.form, 'client_info') === '1',
    };
  }

  private async fromRefreshToken(request: UserTokenRequest): Promise<Minting> {
    const clientId = this.clientIdOf(request);
    const token = formParam(request.form, 'refresh_token');
    if (!token) throw missingParameter('refresh_token');
    const { state } = this.deps;
    if (state.usedRefreshTokens.get(token)) {
      throw refreshTokenRevoked('This refresh token was already exchanged: refresh tokens rotate, use the newest one.');
    }
    const grant = state.refreshTokens.get(token);
    if (!grant) {
      throw refreshTokenRevoked('The refresh token is unknown (a restart of the identity service forgets them).');
    }
    if (grant.clientId.toLowerCase() !== clientId.toLowerCase()) {
      throw invalidAuthorizationCode('The refresh token was issued to another client.');
    }
    const client = this.clientOrThrow(clientId);
    const auth = await this.authenticate(request, client, grant.platform);
    if (grant.platform === 'spa' && grant.absoluteExpiry <= this.deps.now()) {
      state.refreshTokens.delete(token);
      throw spaRefreshTokenExpired(entraTimestamp(new Date(grant.chainIssuedAt)));
    }
    // Rotation: this token is spent once the request is valid.
    state.refreshTokens.delete(token);
    state.usedRefreshTokens.set(token, true, state.usedMemoryMs);
    const user = this.userOrThrow(grant.userObjectId);
    return {
      endpoint: request.endpoint,
      client,
      platform: grant.platform,
      user,
      oidc: grant.oidc,
      authTime: grant.authTime,
      auth,
      resource: this.pickResource(request, client, user, []),
      refreshChain: { absoluteExpiry: grant.absoluteExpiry, chainIssuedAt: grant.chainIssuedAt },
      wantsClientInfo: formParam(request.form, 'client_info') === '1',
    };
  }

  /**
   * The access token's resource: the `scope` parameter's (v2; one resource only, every scope consented) or the
   * v1 `resource` parameter's, else the code's first resource, else none (OpenID only).
   */
  private pickResource(
    request: UserTokenRequest,
    client: ClientApp,
    user: DirectoryUser,
    fromCode: readonly GrantedResource[],
  ): Minting['resource'] {
    const { directory } = this.deps;
    const param = (name: string) => formParam(request.form, name);
    const tenantName = directory.registrations.tenant.displayName;
    let scope = param('scope') ?? '';
    if (request.endpoint === 'v1') {
      const resource = param('resource');
      if (resource) scope = `${scope} ${resource.replace(/\/+$/, '')}/.default`;
    }
    const parsed = parseScopeRequest(scope, directory, tenantName);
    if (parsed.resources.length > 1) throw tokenScopeMultipleResources(scope);
    const wanted = parsed.resources[0];
    if (!wanted) {
      const first = fromCode[0];
      const api = first && directory.findResource(first.apiAppId)?.api;
      return api ? { api, requestedAs: first.requestedAs, values: first.values } : undefined;
    }
    const missing = wanted.values.filter((value) => {
      const definition = directory.findScope(wanted.api, value);
      return (
        !definition ||
        (!directory.consentedInRegistrations(client, wanted.api, definition, user) &&
          !this.deps.state.hasConsent(user.objectId, client.appId, wanted.api.appId, value))
      );
    });
    if (missing.length > 0) {
      throw consentRequired(
        client,
        'invalid_grant',
        missing.map((value) => `${wanted.requestedAs}/${value}`),
      );
    }
    return { api: wanted.api, requestedAs: wanted.requestedAs, values: wanted.values };
  }

  /**
   * Client authentication by platform: web codes need the client's credential and no Origin; public clients
   * (spa, publicClient) send no credential; SPA codes and refresh tokens are redeemed cross-origin only.
   */
  private async authenticate(
    request: UserTokenRequest,
    client: ClientApp,
    platform: RedirectPlatform,
  ): Promise<UserClientAuth> {
    const param = (name: string) => formParam(request.form, name);
    const credential =
      param('client_secret') !== undefined ||
      param('client_assertion') !== undefined ||
      /^basic /i.test(request.authorization ?? '');
    if (platform === 'spa') {
      if (!request.origin) throw spaRequiresCrossOrigin();
      if (credential) throw publicClientWithCredential();
      return 'none';
    }
    if (request.origin) throw crossOriginOnlyForSpa();
    if (platform === 'publicClient') {
      if (credential) throw publicClientWithCredential();
      return 'none';
    }
    const { method } = await authenticateClient(
      {
        clientId: client.appId,
        clientSecret: param('client_secret'),
        clientAssertion: param('client_assertion'),
        clientAssertionType: param('client_assertion_type'),
        authorization: request.authorization,
      },
      { ...this.deps.clientAuth(), now: new Date(this.deps.now()) },
    );
    return method;
  }

  private async mint(minting: Minting, grantType: IssuedUserTokens['grantType']): Promise<IssuedUserTokens> {
    const { directory, urls, keys, state } = this.deps;
    const tenantId = directory.tenantId;
    const now = this.deps.now();
    const nowSeconds = Math.floor(now / 1000);
    const lifetime = this.deps.tokenLifetimeSeconds;
    const { client, user, resource } = minting;
    const roles = resource ? directory.userRolesOf(user, resource.api) : [];
    const scopes = resource ? resource.values : minting.oidc.filter((scope) => scope !== 'offline_access');
    const version = userTokenVersion(resource?.api);
    const key = keys.signingKey();
    const accessToken = await signAccessToken(
      userAccessTokenClaims({
        issuer: (v) => urls.issuer(v, tenantId),
        tenantId,
        api: resource?.api,
        requestedAs: resource?.requestedAs ?? '',
        client,
        user,
        scopes,
        roles,
        auth: minting.auth,
        now: nowSeconds,
        lifetimeSeconds: lifetime,
      }),
      version,
      key,
    );
    const scopeText = resource
      ? resource.values.map((value) => `${resource.requestedAs}/${value}`).join(' ')
      : scopes.join(' ');

    const body: UserTokenResponse = {};
    body['token_type'] = 'Bearer';
    body['scope'] = scopeText;
    if (minting.endpoint === 'v2') {
      body['expires_in'] = lifetime;
      body['ext_expires_in'] = lifetime;
    } else {
      body['expires_in'] = String(lifetime);
      body['ext_expires_in'] = String(lifetime);
      body['expires_on'] = String(nowSeconds + lifetime);
      body['not_before'] = String(nowSeconds);
      body['resource'] = resource?.requestedAs ?? 'https://graph.microsoft.com';
    }
    body['access_token'] = accessToken;

    if (minting.oidc.includes('offline_access')) {
      const refreshToken = newHandle('1.');
      const chain = minting.refreshChain ?? {
        absoluteExpiry: now + (minting.platform === 'spa' ? SPA_REFRESH_LIFETIME_MS : REFRESH_LIFETIME_MS),
        chainIssuedAt: now,
      };
      const grant: RefreshTokenGrant = {
        clientId: client.appId,
        platform: minting.platform,
        userObjectId: user.objectId,
        oidc: minting.oidc,
        authTime: minting.authTime,
        ...chain,
      };
      const remainingMs = minting.platform === 'spa' ? Math.max(0, chain.absoluteExpiry - now) : REFRESH_LIFETIME_MS;
      // Kept past a SPA chain's deadline for a while, so that its use is refused as expired (700084), not unknown.
      state.refreshTokens.set(refreshToken, grant, remainingMs + state.usedMemoryMs);
      body['refresh_token'] = refreshToken;
      if (minting.platform === 'spa') body['refresh_token_expires_in'] = Math.floor(remainingMs / 1000);
    }
    if (minting.oidc.includes('openid')) {
      const idVersion: TokenVersion = minting.endpoint === 'v2' ? '2.0' : '1.0';
      body['id_token'] = await signAccessToken(
        idTokenClaims({
          version: idVersion,
          issuer: urls.issuer(idVersion, tenantId),
          tenantId,
          client,
          user,
          nonce: minting.nonce,
          authTime: minting.authTime,
          includeEmail: minting.oidc.includes('email'),
          now: nowSeconds,
        }),
        idVersion,
        key,
      );
    }
    if (minting.wantsClientInfo) body['client_info'] = clientInfo(user.objectId, tenantId);
    return {
      body,
      clientId: client.appId,
      apiAppId: resource?.api.appId ?? 'graph',
      version,
      kid: key.kid,
      authMethod: minting.auth,
      roles,
      userObjectId: user.objectId,
      grantType,
    };
  }

  private clientIdOf(request: UserTokenRequest): string {
    return requestClientId({
      clientId: formParam(request.form, 'client_id'),
      authorization: request.authorization,
    });
  }

  private clientOrThrow(clientId: string): ClientApp {
    const client = this.deps.directory.findClient(clientId);
    if (!client) throw invalidAuthorizationCode('The client is no longer registered.');
    return client;
  }

  private userOrThrow(objectId: string): DirectoryUser {
    const user = this.deps.directory.findUser(objectId);
    if (!user) throw invalidAuthorizationCode('The signed-in user is no longer registered.');
    return user;
  }
}

/** RFC 7636 §4.6: S256 compares base64url(SHA-256(verifier)); plain compares the strings. */
function checkVerifier(
  challenge: string | undefined,
  method: 'S256' | 'plain' | undefined,
  verifier: string | undefined,
): void {
  if (!challenge) {
    if (verifier !== undefined) throw codeVerifierMismatch('The authorization request had no code_challenge.');
    return;
  }
  if (verifier === undefined) throw codeVerifierMismatch("The token request has no 'code_verifier'.");
  if (!PKCE_VERIFIER.test(verifier)) {
    throw codeVerifierMismatch('A code_verifier is 43 to 128 characters of A-Z, a-z, 0-9, "-", ".", "_" or "~".');
  }
  const computed = method === 'S256' ? createHash('sha256').update(verifier, 'ascii').digest('base64url') : verifier;
  const a = Buffer.from(computed);
  const b = Buffer.from(challenge);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw codeVerifierMismatch('');
}
