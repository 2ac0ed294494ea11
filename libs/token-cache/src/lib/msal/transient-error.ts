import { AuthError } from '@azure/msal-node';

/** What made a token endpoint call worth retrying. */
export interface TransientFailure {
  /** HTTP status (429, 5xx), absent for network errors and timeouts. */
  readonly status?: number;
  /** The server's `Retry-After`, in ms. */
  readonly retryAfterMs?: number;
  /** The OAuth `error` of the body, when the server sent a JSON error. */
  readonly oauthError?: string;
  /** The first AADSTS code of the body (`AADSTS50196` ...), when there was one. */
  readonly aadstsCode?: string;
}

/**
 * A network error, timeout, 429 or 5xx from the identity provider. The network client throws it instead of handing
 * the response to msal: msal rethrows an `AuthError` unchanged and skips its client-side throttling (after a 429/5xx
 * msal would block identical requests for `Retry-After` or 60 s), so the provider's retry policy decides.
 * See docs/decisions/005-token-cache-retries-and-shared-cache.md.
 */
export class TransientTokenEndpointError extends AuthError implements TransientFailure {
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly oauthError?: string;
  readonly aadstsCode?: string;

  constructor(reason: string, failure: TransientFailure = {}) {
    super('transient_token_endpoint_error', '', reason);
    // AuthError pins the prototype to itself; restore ours so `instanceof` works.
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'TransientTokenEndpointError';
    this.status = failure.status;
    this.retryAfterMs = failure.retryAfterMs;
    this.oauthError = failure.oauthError;
    this.aadstsCode = failure.aadstsCode;
  }
}
