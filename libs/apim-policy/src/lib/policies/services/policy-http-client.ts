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
}

export interface PolicyHttpResponse {
  readonly statusCode: number;
  readonly reason?: string;
  readonly headers: HeaderBag;
  readonly body: Buffer;
}

/**
 * Outgoing HTTP for policies. The gateway injects one over undici; `PolicyTestHost` routes calls to
 * the test's functions. Rejects on connection failures and timeouts (never for an HTTP status).
 */
export interface PolicyHttpClient {
  send(request: PolicyHttpRequest): Promise<PolicyHttpResponse>;
}
