/**
 * Errors of `getToken()`. The identity provider's own failures keep its AADSTS code (`AADSTS7000215` ...), so logs and
 * alerts can branch on the code without parsing text; failures this library detects itself carry a stable code.
 */

/** Codes this library assigns when the identity provider did not give an AADSTS code. */
export const TokenErrorCodes = {
  /** Network errors, timeouts, 429 or 5xx on every attempt: the identity provider is unreachable or overloaded. */
  unavailable: 'TOKEN_ENDPOINT_UNAVAILABLE',
  /** The identity provider asked to wait (`Retry-After`) longer than `retry.maxRetryAfterMs`. */
  throttled: 'TOKEN_ENDPOINT_THROTTLED',
  /** The OpenID configuration of the authority could not be read: wrong authority URL or tenant. */
  authorityNotFound: 'AUTHORITY_METADATA_NOT_FOUND',
  /** msal-node rejected the configuration (authority not https, authority not in knownAuthorities, bad key ...). */
  invalidConfiguration: 'INVALID_CONFIGURATION',
  /** The identity provider answered with an error that carries no AADSTS code. */
  rejected: 'TOKEN_REQUEST_REJECTED',
  /** `close()` was called while the request was waiting. */
  closed: 'TOKEN_PROVIDER_CLOSED',
} as const;

/** Details of a {@link TokenRequestError}. */
export interface TokenRequestErrorDetails {
  /** `AADSTS<number>` when the identity provider sent one, otherwise one of {@link TokenErrorCodes}. */
  readonly code: string;
  /** The OAuth 2.0 `error` (`invalid_client`, `invalid_scope` ...), when the identity provider sent one. */
  readonly error?: string;
  /** HTTP status of the last response, when there was one. */
  readonly status?: number;
  /** Whether trying again later may succeed (network, throttling, 5xx) or not (bad credentials, bad scope). */
  readonly retryable: boolean;
  /** Attempts made, retries included. */
  readonly attempts: number;
  /** The wait the identity provider asked for, in ms, when it sent `Retry-After`. */
  readonly retryAfterMs?: number;
  /** msal's correlation id of the last attempt (sent as `client-request-id`), to find the request in server logs. */
  readonly correlationId?: string;
}

/**
 * A token could not be obtained. The message says what failed and, for known causes, what to change.
 * It never contains the client secret, the assertion or a token.
 */
export class TokenRequestError extends Error implements TokenRequestErrorDetails {
  readonly code: string;
  readonly error?: string;
  readonly status?: number;
  readonly retryable: boolean;
  readonly attempts: number;
  readonly retryAfterMs?: number;
  readonly correlationId?: string;

  constructor(message: string, details: TokenRequestErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TokenRequestError';
    this.code = details.code;
    this.error = details.error;
    this.status = details.status;
    this.retryable = details.retryable;
    this.attempts = details.attempts;
    this.retryAfterMs = details.retryAfterMs;
    this.correlationId = details.correlationId;
  }
}

/** An option of the token provider or of a cache is missing or invalid; the message names it and says what to set. */
export class TokenProviderOptionsError extends Error {
  readonly code = TokenErrorCodes.invalidConfiguration;

  constructor(message: string) {
    super(message);
    this.name = 'TokenProviderOptionsError';
  }
}
