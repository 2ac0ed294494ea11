import type { HeaderBag } from '../../context/header-bag';

/** A request a policy sends itself (send-request, send-one-way-request, authentication token calls). */
export interface PolicyHttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: HeaderBag;
  readonly body?: Buffer | string;
  /** Whole-exchange timeout; the caller turns an expiry into the policy's error. */
  readonly timeoutMs: number;
  readonly followRedirects?: boolean;
  /**
   * A client certificate (PKCS#12/PFX and its password) to present in the TLS handshake: send-request's nested
   * authentication-certificate. A PFX that does not load is a `BackendConnectionFailure` whose message never holds
   * the password.
   */
  readonly clientCertificate?: { readonly pfx: Buffer; readonly passphrase?: string };
  /** Aborted when the policy stops waiting (its timeout, or `wait for="any"` finished elsewhere). */
  readonly signal?: AbortSignal;
}

export interface PolicyHttpResponse {
  readonly statusCode: number;
  readonly reason?: string;
  readonly headers: HeaderBag;
  readonly body: Buffer;
}

/**
 * Outgoing HTTP for policies. The gateway injects one over undici; `PolicyTestHost` routes calls to
 * the test's functions. Rejects on connection failures and timeouts (never for an HTTP status),
 * preferably with a {@link PolicyHttpError} saying which.
 */
export interface PolicyHttpClient {
  send(request: PolicyHttpRequest): Promise<PolicyHttpResponse>;
}

/** Why an outgoing call failed, as APIM's `context.LastError.Reason` names it. */
export type PolicyHttpFailureKind = 'Timeout' | 'BackendConnectionFailure';

/** A failed outgoing call; any other rejection counts as a connection failure. */
export class PolicyHttpError extends Error {
  constructor(
    readonly kind: PolicyHttpFailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PolicyHttpError';
  }
}
