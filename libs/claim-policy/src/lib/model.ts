/**
 * The policy model: one shape for every authorization decision in the stack, whether it came
 * from APIM policy XML (`<validate-jwt>`, `<validate-azure-ad-token>`) or from NestJS
 * decorators (`@Roles`, `@AllowedClients`, `@RequireClaims`). Framework-free on purpose.
 */

/** `match="all"` (every listed value must be present) or `match="any"` (at least one). */
export type ClaimMatch = 'all' | 'any';

/** One `<claim>` of `<required-claims>`. */
export interface RequiredClaim {
  /** Claim name as it appears in the token, e.g. `roles`, `aud`, `azp`. */
  readonly name: string;
  readonly match: ClaimMatch;
  /** Splits a string claim into values, e.g. `" "` for `scp`. */
  readonly separator?: string;
  /**
   * Values required in the claim. Empty means the claim only has to be present
   * (`<claim name="x" />` without `<value>`).
   */
  readonly values: readonly string[];
  /**
   * Further claims whose values count toward this requirement, e.g. `['scp']` on a `roles`
   * requirement so a signed-in user's delegated scopes satisfy it too (opt-in; APIM has no
   * equivalent). `separator` applies to every one of them.
   */
  readonly alsoFrom?: readonly string[];
}

/**
 * "App role OR delegated scope" on one resource (Microsoft.Identity.Web's `RequiredScopeOrAppPermission`):
 * the token passes when its `roles` hold one of `appRoles` or its `scp` (space-separated) holds one of
 * `delegatedScopes`. App tokens (client credentials) carry `roles` only; a signed-in user's token carries
 * `scp`, plus `roles` when the user was assigned an app role. Either list may be empty, not both.
 */
export interface RequiredPermission {
  /** App roles accepted in `roles` (application permissions, or a user's app-role assignments). */
  readonly appRoles: readonly string[];
  /** Delegated scopes accepted in `scp` (a signed-in user's token). */
  readonly delegatedScopes: readonly string[];
}

/** Where the token is read from (APIM: `header-name`, `query-parameter-name`, `require-scheme`). */
export interface TokenSource {
  readonly headerName?: string;
  readonly queryParameterName?: string;
  /** e.g. `Bearer`; APIM only enforces it on the `Authorization` header. */
  readonly requireScheme?: string;
  /**
   * The token itself, already computed by the caller (APIM `token-value`, an expression the
   * gateway evaluated). Never carries a `Bearer ` prefix.
   */
  readonly tokenValue?: string;
}

/** A key given inline in the policy (`<issuer-signing-keys>`). */
export type IssuerSigningKey =
  | {
      readonly kind: 'symmetric';
      readonly id?: string;
      readonly base64: string;
    }
  | {
      readonly kind: 'rsa';
      readonly id?: string;
      readonly n: string;
      readonly e: string;
    }
  | {
      readonly kind: 'certificate';
      readonly id?: string;
      readonly certificateId: string;
    };

/** The full policy. `createPolicy()` fills the APIM defaults for anything left out. */
export interface ClaimPolicy {
  readonly source: TokenSource;
  /** APIM `failed-validation-httpcode`, default 401. */
  readonly failedStatus: number;
  /** APIM `failed-validation-error-message`; when absent the default message of the failure is used. */
  readonly failedMessage?: string;
  /** APIM `require-expiration-time`, default true. */
  readonly requireExpirationTime: boolean;
  /** APIM `require-signed-tokens`, default true. */
  readonly requireSignedTokens: boolean;
  /** APIM `clock-skew` in seconds, default 0. Applies to `exp` and `nbf`. */
  readonly clockSkewSeconds: number;
  /**
   * Longest remaining lifetime accepted: a token whose `exp` lies more than this many seconds
   * (+ `clockSkewSeconds`) after now is refused with `ERR_LIFETIME_TOO_LONG`. Undefined (the
   * default, and APIM imports) means no bound; Entra's access tokens live 60-90 minutes.
   */
  readonly maxTokenLifetimeSeconds?: number;
  /** JWS `alg` values accepted, default `['RS256']`. */
  readonly allowedAlgorithms: readonly string[];
  /** Accepted `iss` values; empty means not checked. */
  readonly issuers: readonly string[];
  /** Accepted `aud` values; empty means not checked. */
  readonly audiences: readonly string[];
  /** OpenID discovery documents the verifier takes keys (and issuers) from. */
  readonly openIdConfigUrls: readonly string[];
  readonly issuerSigningKeys: readonly IssuerSigningKey[];
  readonly requiredClaims: readonly RequiredClaim[];
  /**
   * "App role or delegated scope" requirements, ANDed with each other and with `requiredClaims`
   * (`ERR_CLAIM_MISSING` / `ERR_CLAIM_VALUE_NOT_ALLOWED` naming the kind of token). Absent or empty: none.
   * APIM's `<required-claims>` cannot say "roles or scp"; a gateway policy uses `<choose>` for that.
   */
  readonly requiredPermissions?: readonly RequiredPermission[];
  /** APIM `output-token-variable-name`. */
  readonly outputTokenVariableName?: string;
  /**
   * Client application ids allowed to call, read from `azp` (v2 tokens) or `appid` (v1 tokens).
   * Empty or absent means not checked. APIM's `<required-claims>` cannot say "azp or appid",
   * so this is a rule of its own (`ERR_CLIENT_NOT_ALLOWED`).
   */
  readonly allowedClientIds?: readonly string[];
  /** `realm` of the RFC 6750 `WWW-Authenticate` challenge; absent means no realm. */
  readonly realm?: string;
  /** The `id` attribute of the policy element, reported as APIM's `context.LastError.PolicyId`. */
  readonly policyId?: string;
  /** The policy element this came from, when imported from APIM XML. */
  readonly origin?: 'validate-jwt' | 'validate-azure-ad-token';
}

/** The protected header of a token whose signature has already been verified (or not, see `signed`). */
export interface VerifiedHeader {
  readonly alg: string;
  readonly kid?: string;
  readonly typ?: string;
  readonly crit?: readonly string[];
  readonly [name: string]: unknown;
}

/** JWT claims as decoded JSON. */
export type Claims = Readonly<Record<string, unknown>>;
