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
  readonly values: readonly string[];
}

/** Where the token is read from (APIM: `header-name`, `query-parameter-name`, `require-scheme`). */
export interface TokenSource {
  readonly headerName?: string;
  readonly queryParameterName?: string;
  /** e.g. `Bearer`; APIM only enforces it on the `Authorization` header. */
  readonly requireScheme?: string;
}

/** A key given inline in the policy (`<issuer-signing-keys>`). */
export type IssuerSigningKey =
  | { readonly kind: 'symmetric'; readonly id?: string; readonly base64: string }
  | { readonly kind: 'rsa'; readonly id?: string; readonly n: string; readonly e: string }
  | { readonly kind: 'certificate'; readonly id?: string; readonly certificateId: string };

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
  /** APIM `output-token-variable-name`. */
  readonly outputTokenVariableName?: string;
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
