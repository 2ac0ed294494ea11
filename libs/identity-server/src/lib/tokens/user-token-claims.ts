/**
 * Claims of the tokens a signed-in user gets: ID tokens (v1.0 or v2.0 by the endpoint used) and delegated access
 * tokens (v1.0 or v2.0 by the API's accessTokenAcceptedVersion), after Entra's ID token and access token claims
 * references. `sub` is pairwise: the same user has a different `sub` in each client app; `oid` is the same
 * everywhere.
 */
import { createHash } from 'node:crypto';
import type { ApiApp, ClientApp, DirectoryUser } from '../registrations/registrations.schema';
import { ISSUED_AT_BACKDATE_SECONDS, tokenVersionOf, type TokenVersion } from './access-token-claims';
import { newAio, newRh, newUti } from './opaque-ids';

/** How the client authenticated at the token endpoint: `none` for public clients (`azpacr`/`appidacr` "0"). */
export type UserClientAuth = 'none' | 'secret' | 'certificate';

/** ID tokens live an hour, as Entra's. */
export const ID_TOKEN_LIFETIME_SECONDS = 3600;

/** The audience of tokens for OpenID Connect scopes only (Entra issues them for Microsoft Graph). */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** Pairwise subject: stable per user and client app, unrelated across apps (43 base64url characters). */
export function pairwiseSubject(tenantId: string, clientAppId: string, userObjectId: string): string {
  return createHash('sha256')
    .update(`${tenantId.toLowerCase()}|${clientAppId.toLowerCase()}|${userObjectId.toLowerCase()}`)
    .digest('base64url');
}

/** `client_info` of a token response: base64url JSON `{ uid, utid }` that MSAL reads to key its account cache. */
export function clientInfo(userObjectId: string, tenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: userObjectId, utid: tenantId })).toString('base64url');
}

const acrOf = (auth: UserClientAuth) => (auth === 'none' ? '0' : auth === 'secret' ? '1' : '2');

/** Input of an ID token. */
export interface IdTokenInput {
  readonly version: TokenVersion;
  readonly issuer: string;
  readonly tenantId: string;
  readonly client: ClientApp;
  readonly user: DirectoryUser;
  readonly nonce?: string;
  readonly authTime: number;
  readonly includeEmail: boolean;
  /** Seconds since the epoch. */
  readonly now: number;
}

export function idTokenClaims(input: IdTokenInput): Record<string, unknown> {
  const { user } = input;
  const issuedAt = input.now;
  const common = {
    aud: input.client.appId,
    iss: input.issuer,
    iat: issuedAt,
    nbf: issuedAt,
    exp: issuedAt + ID_TOKEN_LIFETIME_SECONDS,
  };
  const email = input.includeEmail && user.mail ? { email: user.mail } : {};
  const nonce = input.nonce !== undefined ? { nonce: input.nonce } : {};
  const sub = pairwiseSubject(input.tenantId, input.client.appId, user.objectId);
  if (input.version === '2.0') {
    return {
      ...common,
      aio: newAio(),
      ...email,
      name: user.displayName,
      ...nonce,
      oid: user.objectId,
      preferred_username: user.userPrincipalName,
      rh: newRh('2.0'),
      sub,
      tid: input.tenantId,
      uti: newUti(),
      ver: '2.0',
    };
  }
  return {
    ...common,
    amr: ['pwd'],
    auth_time: input.authTime,
    ...email,
    ...(user.surname ? { family_name: user.surname } : {}),
    ...(user.givenName ? { given_name: user.givenName } : {}),
    name: user.displayName,
    ...nonce,
    oid: user.objectId,
    rh: newRh('1.0'),
    sub,
    tid: input.tenantId,
    unique_name: user.userPrincipalName,
    upn: user.userPrincipalName,
    uti: newUti(),
    ver: '1.0',
  };
}

/** Input of a delegated access token. */
export interface UserAccessTokenInput {
  readonly issuer: (version: TokenVersion) => string;
  readonly tenantId: string;
  /** The API, or undefined for an OpenID-only request (a Microsoft Graph-shaped token for /oidc/userinfo). */
  readonly api?: ApiApp;
  /** The resource identifier as requested: v1 `aud`. */
  readonly requestedAs: string;
  readonly client: ClientApp;
  readonly user: DirectoryUser;
  /** Scope values, space-separated into `scp`. */
  readonly scopes: readonly string[];
  /** App roles the user holds on the API (directly or through groups). */
  readonly roles: readonly string[];
  readonly auth: UserClientAuth;
  readonly now: number;
  readonly lifetimeSeconds: number;
}

/** Version of a delegated access token: the API's choice; Graph-shaped tokens are v1.0 as Graph's are. */
export function userTokenVersion(api: ApiApp | undefined): TokenVersion {
  return api ? tokenVersionOf(api) : '1.0';
}

export function userAccessTokenClaims(input: UserAccessTokenInput): Record<string, unknown> {
  const version = userTokenVersion(input.api);
  const issuer = input.issuer(version);
  const { user } = input;
  const issuedAt = input.now - ISSUED_AT_BACKDATE_SECONDS;
  const aud = input.api ? (version === '2.0' ? input.api.appId : input.requestedAs) : GRAPH_RESOURCE;
  const sub = pairwiseSubject(input.tenantId, input.client.appId, user.objectId);
  const roles = input.roles.length > 0 ? { roles: [...input.roles] } : {};
  const common = { aud, iss: issuer, iat: issuedAt, nbf: issuedAt, exp: input.now + input.lifetimeSeconds };
  // The optional claim idtyp is documented for app-only tokens only ("app"); delegated tokens for your own APIs
  // carry none, so APIs tell a user token by its scp. Microsoft's first-party tokens (Graph) are observed with
  // idtyp "user": the Graph-shaped token has it.
  const idtyp = input.api ? {} : { idtyp: 'user' };
  if (version === '2.0') {
    return {
      ...common,
      aio: newAio(),
      azp: input.client.appId,
      azpacr: acrOf(input.auth),
      ...idtyp,
      name: user.displayName,
      oid: user.objectId,
      preferred_username: user.userPrincipalName,
      rh: newRh('2.0'),
      ...roles,
      scp: input.scopes.join(' '),
      sub,
      tid: input.tenantId,
      uti: newUti(),
      ver: '2.0',
    };
  }
  return {
    ...common,
    acr: '1',
    aio: newAio(),
    amr: ['pwd'],
    appid: input.client.appId,
    appidacr: acrOf(input.auth),
    ...(user.surname ? { family_name: user.surname } : {}),
    ...(user.givenName ? { given_name: user.givenName } : {}),
    ...idtyp,
    name: user.displayName,
    oid: user.objectId,
    rh: newRh('1.0'),
    ...roles,
    scp: input.scopes.join(' '),
    sub,
    tid: input.tenantId,
    unique_name: user.userPrincipalName,
    upn: user.userPrincipalName,
    uti: newUti(),
    ver: '1.0',
  };
}
