/**
 * Errors of the signing-key store. Each carries a stable `code` so the HTTP layer can map it
 * without string matching: an unknown key is the caller's problem (401), an unreachable identity
 * provider is ours (503 + Retry-After, so clients keep their still-valid tokens and retry).
 */

/** The token names a `kid` the identity provider does not publish (checked against a fresh JWKS). */
export class UnknownSigningKeyError extends Error {
  readonly code = 'ERR_KEY_NOT_FOUND' as const;
  constructor(
    readonly kid: string,
    message = `No signing key with this kid is published by the identity provider.`,
  ) {
    super(message);
    this.name = 'UnknownSigningKeyError';
  }
}

/**
 * No key could be had because the JWKS endpoint is unreachable (or answered garbage) and the key is
 * not among the last-known-good keys. `retryAfterSeconds` is when the next fetch may run.
 */
export class IdentityProviderUnavailableError extends Error {
  readonly code = 'ERR_IDP_UNAVAILABLE' as const;
  constructor(
    readonly retryAfterSeconds: number,
    readonly jwksUri: string,
    readonly causeMessage: string,
  ) {
    super(
      `The identity provider's signing keys cannot be fetched from ${jwksUri} (${causeMessage}); ` +
        `retry after ${retryAfterSeconds} s.`,
    );
    this.name = 'IdentityProviderUnavailableError';
  }
}

/** The JWKS endpoint answered, but not with a usable key set. */
export class JwksFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwksFetchError';
  }
}
