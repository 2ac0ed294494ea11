import type { ClaimPolicy } from '@stack/claim-policy';
import type { JwksKeyStoreOptions } from '../keys/jwks-key-store';

/** Entra's public-cloud authority, whose v1 tokens are issued by `https://sts.windows.net/<tid>/`. */
export const ENTRA_AUTHORITY_HOST = 'https://login.microsoftonline.com';
/** Issuer host of Entra v1 access tokens in the public cloud. */
export const ENTRA_V1_ISSUER_HOST = 'https://sts.windows.net';

/**
 * Longest lifetime accepted from now: Entra's access tokens live at most a day (60-90 min by default;
 * configurable lifetimes top out at 1 day). A token claiming more was not minted by Entra's rules, and
 * `exp: 1e308` must not mean "forever". Raise it (e.g. to 28 h) for continuous-access-evaluation tokens.
 */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

/** Verified tokens remembered by default: a few MB at most, far more than the distinct clients of a service. */
export const DEFAULT_TOKEN_CACHE_MAX_ENTRIES = 10_000;

/**
 * What `AuthModule.forRoot()` needs: who issues tokens (tenant + authority) and which API they must
 * be for (app id + App ID URIs). Everything else has a default. `loadAuthEnv()` builds this from
 * `AUTH_*` environment variables.
 */
export interface AuthModuleOptions {
  /** Directory (tenant) id, a GUID: the `tid` of accepted tokens. */
  readonly tenantId: string;
  /** `https://login.microsoftonline.com` for Entra, `https://localhost:5443` for the local identity service. */
  readonly authorityHost: string;
  /** Application (client) id of this API's app registration: `aud` of v2 tokens. */
  readonly apiAppId: string;
  /** App ID URIs of this API (e.g. `api://<guid>`): `aud` of v1 tokens requested by URI. */
  readonly appIdUris?: readonly string[];
  /** Host of v1 issuers. Default: `https://sts.windows.net` for Entra's authority, else the authority host. */
  readonly v1IssuerHost?: string;
  /** JWKS URL. Default: `<authorityHost>/<tenantId>/discovery/v2.0/keys` (tenant-specific, as Microsoft advises). */
  readonly jwksUri?: string;
  /** Client app ids (azp / appid) allowed to call at all. Empty: any client of the tenant. */
  readonly allowedClientIds?: readonly string[];
  /** Tolerance for `exp`/`nbf` in seconds. Default 0 (APIM's default). */
  readonly clockSkewSeconds?: number;
  /** Tokens whose `exp` lies further ahead than this (+ clock skew) are refused. Default 86400 (1 day). */
  readonly maxTokenLifetimeSeconds?: number;
  /**
   * Most verified tokens remembered so a repeated token skips the signature check (the route's policy is
   * still decided per request). Default 10 000; 0 turns the cache off.
   */
  readonly tokenCacheMaxEntries?: number;
  /** Put the decision's reasons in error bodies. Default: true unless NODE_ENV is `production`. */
  readonly exposeReasons?: boolean;
  /** Register the guard as APP_GUARD so every route needs a token unless `@Public()`. Default true. */
  readonly globalGuard?: boolean;
  /** Key-store tuning (cooldown, refresh period, timeout, ...) and test hooks (fetcher, clock). */
  readonly keys?: Omit<JwksKeyStoreOptions, 'jwksUri'>;
  /** Last-word changes to the module-level policy (e.g. `realm`), applied over the Entra preset. */
  readonly policy?: Partial<ClaimPolicy>;
}

/** {@link AuthModuleOptions} with every default filled in. */
export interface ResolvedAuthOptions extends Required<Omit<AuthModuleOptions, 'keys' | 'policy'>> {
  readonly keys: JwksKeyStoreOptions;
  readonly policy: Partial<ClaimPolicy>;
}

/** Fills the defaults of {@link AuthModuleOptions}. Pure. */
export function resolveAuthOptions(
  options: AuthModuleOptions,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedAuthOptions {
  const authorityHost = trimSlash(options.authorityHost);
  const jwksUri = options.jwksUri ?? `${authorityHost}/${options.tenantId}/discovery/v2.0/keys`;
  return {
    tenantId: options.tenantId,
    authorityHost,
    apiAppId: options.apiAppId,
    appIdUris: options.appIdUris ?? [],
    v1IssuerHost: trimSlash(options.v1IssuerHost ?? defaultV1IssuerHost(authorityHost)),
    jwksUri,
    allowedClientIds: options.allowedClientIds ?? [],
    clockSkewSeconds: options.clockSkewSeconds ?? 0,
    maxTokenLifetimeSeconds: options.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
    tokenCacheMaxEntries: options.tokenCacheMaxEntries ?? DEFAULT_TOKEN_CACHE_MAX_ENTRIES,
    exposeReasons: options.exposeReasons ?? env['NODE_ENV'] !== 'production',
    globalGuard: options.globalGuard ?? true,
    keys: { ...options.keys, jwksUri },
    policy: options.policy ?? {},
  };
}

/** v1 tokens from Entra's public cloud carry `https://sts.windows.net/<tid>/`; a local IdP uses its own host. */
export function defaultV1IssuerHost(authorityHost: string): string {
  return new URL(authorityHost).host.toLowerCase() === new URL(ENTRA_AUTHORITY_HOST).host
    ? ENTRA_V1_ISSUER_HOST
    : authorityHost;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
