/**
 * What the engine answers: allow, or deny with reasons a person can act on.
 */

/** Stable reason codes. Never rename one: users grep logs for them. */
export type ReasonCode =
  | 'ERR_TOKEN_MISSING'
  | 'ERR_REQUEST_MALFORMED'
  | 'ERR_TOKEN_MALFORMED'
  | 'ERR_SCHEME_MISMATCH'
  | 'ERR_TOKEN_UNSIGNED'
  | 'ERR_ALG_NOT_ALLOWED'
  | 'ERR_CRIT_UNSUPPORTED'
  | 'ERR_SIGNATURE_INVALID'
  | 'ERR_KEY_NOT_FOUND'
  | 'ERR_EXP_MISSING'
  | 'ERR_JWT_EXPIRED'
  | 'ERR_JWT_NOT_YET_VALID'
  | 'ERR_LIFETIME_TOO_LONG'
  | 'ERR_ISS_MISMATCH'
  | 'ERR_AUD_MISMATCH'
  | 'ERR_CLIENT_NOT_ALLOWED'
  | 'ERR_CLAIM_MISSING'
  | 'ERR_CLAIM_VALUE_NOT_ALLOWED';

/** One reason for a denial: which claim, what was expected, what the token had, and what to do. */
export interface Reason {
  readonly code: ReasonCode;
  readonly claim?: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
  /** A sentence that names the likely cause, e.g. the v1/v2 `aud` confusion. */
  readonly hint?: string;
  /** Required values the token lacks (claim rules); feeds the RFC 6750 `scope` attribute. */
  readonly missing?: readonly string[];
  /**
   * Set by the "app role or delegated scope" rule: which kind of token came and which of `roles` / `scp`
   * it carries, so the description can say what that kind of token lacks.
   */
  readonly token?: TokenShape;
}

/** An Entra access token is issued to an application (client credentials) or for a signed-in user. */
export type TokenKind = 'app' | 'user';

/** The kind of a token and the permission claims it carries. */
export interface TokenShape {
  readonly kind: TokenKind;
  readonly carries: readonly ('roles' | 'scp')[];
}

/** RFC 6750 §3.1 error codes. */
export type BearerErrorCode = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

/** How a decision maps onto an RFC 6750 response on a resource server. */
export interface BearerError {
  readonly status: 400 | 401 | 403;
  /** Absent when no token was sent: the challenge is a bare `Bearer`. */
  readonly error?: BearerErrorCode;
  readonly description?: string;
  /** The full `WWW-Authenticate` header value. */
  readonly wwwAuthenticate: string;
}

/** APIM's `context.LastError.Reason` values for `validate-jwt` / `validate-azure-ad-token`. */
export type ApimReason =
  | 'TokenNotPresent'
  | 'TokenSignatureInvalid'
  | 'TokenAudienceNotAllowed'
  | 'TokenIssuerNotAllowed'
  | 'TokenExpired'
  | 'TokenSignatureKeyNotFound'
  | 'TokenClaimNotFound'
  | 'TokenClaimValueNotAllowed'
  | 'JwtInvalid';

/** How a decision maps onto APIM's failure response: status, body message and LastError reason. */
export interface ApimError {
  readonly status: number;
  /** The `message` of APIM's `{ statusCode, message }` body. */
  readonly message: string;
  /** `context.LastError.Reason`. */
  readonly reason: ApimReason;
}

/** The engine's answer. On denial `reasons[0]` is the most fundamental failure. */
export type Decision =
  | { readonly allowed: true; readonly reasons: readonly [] }
  | {
      readonly allowed: false;
      readonly reasons: readonly Reason[];
      /** The RFC 6750 view of this denial (resource servers). */
      readonly bearer: BearerError;
      /** The APIM view of this denial (gateway): status and `{ statusCode, message }` body. */
      readonly apim: ApimError;
    };
