/**
 * Why no signing key or issuer could be had from an `<openid-config>`: the provider is unreachable, slow,
 * broken or hostile, or it does not publish the token's `kid`. validate-jwt turns it into the policy's
 * failure (failed-validation-httpcode, APIM's body); the message is for the log, never for the client.
 */
export class KeyResolutionError extends Error {
  constructor(
    message: string,
    /** `ERR_IDP_UNAVAILABLE`: nothing usable could be fetched; `ERR_KEY_NOT_FOUND`: fetched, no such kid. */
    readonly code: 'ERR_IDP_UNAVAILABLE' | 'ERR_KEY_NOT_FOUND',
  ) {
    super(message);
    this.name = 'KeyResolutionError';
  }
}

/** One line naming the failure and its cause (undici puts ECONNREFUSED and friends in `cause`). */
export function describeFailure(error: unknown): string {
  // Duck-typed: errors from Node's own fetch may come from another realm (e.g. under Jest).
  const { name, message, cause } = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  if (typeof message !== 'string') return String(error);
  if (name === 'TimeoutError') return 'no answer within the timeout';
  const { message: causeMessage, code } = (typeof cause === 'object' && cause !== null ? cause : {}) as ErrorLike;
  // A connection refused on every address is an AggregateError with no message, only a code.
  const detail = (typeof causeMessage === 'string' && causeMessage) || (typeof code === 'string' && code);
  return detail ? `${message} (${detail})` : message;
}

interface ErrorLike {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
  readonly code?: unknown;
}
