/**
 * Errors in Entra's token-endpoint JSON shape:
 * `{ error, error_description: "AADSTSnnn: ...\r\nTrace ID: ...\r\nCorrelation ID: ...\r\nTimestamp: ...",
 *    error_codes: [nnn], timestamp, trace_id, correlation_id, error_uri }`.
 */

/** OAuth 2.0 `error` values the service uses (RFC 6749 §5.2 plus Entra's `invalid_resource` / `invalid_tenant`). */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'invalid_resource'
  | 'invalid_tenant'
  | 'access_denied'
  | 'temporarily_unavailable'
  | 'unsupported_response_type'
  | 'login_required'
  | 'interaction_required'
  | 'consent_required';

/** An error the service answers with status `status` and an AADSTS body. */
export class AadstsError extends Error {
  override readonly name = 'AadstsError';
  constructor(
    /** HTTP status of the response. */
    readonly status: number,
    /** OAuth `error` value. */
    readonly error: OAuthErrorCode,
    /** AADSTS number, e.g. 7000215. */
    readonly code: number,
    /** Text after `AADSTSnnn: `; never contains a secret or a token. */
    readonly description: string,
  ) {
    super(`AADSTS${code}: ${description}`);
  }
}

/** The JSON body Entra returns for an error. */
export interface AadstsErrorBody {
  readonly error: OAuthErrorCode;
  readonly error_description: string;
  readonly error_codes: number[];
  readonly timestamp: string;
  readonly trace_id: string;
  readonly correlation_id: string;
  readonly error_uri: string;
}

/** Per-request values stamped into error bodies. */
export interface ErrorContext {
  readonly traceId: string;
  readonly correlationId: string;
  readonly now?: Date;
}

/** Entra's timestamp format: `2016-01-09 02:02:12Z`. */
export function entraTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** Builds the response body for an {@link AadstsError}. */
export function aadstsErrorBody(error: AadstsError, context: ErrorContext): AadstsErrorBody {
  const timestamp = entraTimestamp(context.now ?? new Date());
  return {
    error: error.error,
    error_description:
      `AADSTS${error.code}: ${error.description}\r\nTrace ID: ${context.traceId}` +
      `\r\nCorrelation ID: ${context.correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [error.code],
    timestamp,
    trace_id: context.traceId,
    correlation_id: context.correlationId,
    // Microsoft's public lookup page for the code; a link in a body, never fetched by the service.
    error_uri: `https://login.microsoftonline.com/error?code=${error.code}`,
  };
}
