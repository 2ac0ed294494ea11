import { PolicyFailure } from '@stack/apim-policy';

/** `context.LastError.Reason` values a failed forward produces. */
export type BackendFailureReason = 'BackendConnectionFailure' | 'BackendTimeout';

/**
 * The backend could not be reached or did not answer in time: 502 (refused, reset, DNS, closed
 * before headers) or 504 (connect or response-headers timeout). `message` is safe to show a caller:
 * it names the backend's origin only, never its path, query or credentials; `detail` keeps the
 * underlying error for logs.
 */
export class BackendFailure extends PolicyFailure {
  constructor(
    override readonly status: 502 | 504,
    override readonly reason: BackendFailureReason,
    message: string,
    cause?: unknown,
  ) {
    super(status, message, 'forward-request', reason, {}, cause);
    this.name = 'BackendFailure';
  }
}
