import { AuthError, ServerError } from '@azure/msal-node';
import { TokenErrorCodes } from '../errors';
import type { MetadataFailure } from './token-endpoint-http-client';
import { TransientTokenEndpointError } from './transient-error';

/** A failed token attempt, reduced to what the retry policy and the final error need. */
export interface ClassifiedFailure {
  readonly retryable: boolean;
  /** `AADSTS<number>` or one of {@link TokenErrorCodes}. */
  readonly code: string;
  readonly error?: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly correlationId?: string;
  /** One line for humans, without secrets or tokens. */
  readonly description: string;
}

// msal reports any metadata failure (unreachable, 404, not JSON) as one of these.
const METADATA_ERRORS = new Set(['openid_config_error', 'endpoints_resolution_error']);

/**
 * Sorts an error thrown by `acquireTokenByClientCredential` into retryable (network, timeout, 429, 5xx) or final
 * (4xx such as `invalid_client`, configuration errors).
 * @param lastMetadataFailure why the last OpenID-configuration fetch failed, which msal does not pass on
 */
export function classifyMsalError(error: unknown, lastMetadataFailure?: MetadataFailure): ClassifiedFailure {
  if (error instanceof TransientTokenEndpointError) {
    return {
      retryable: true,
      code: error.aadstsCode ?? TokenErrorCodes.unavailable,
      error: error.oauthError,
      status: error.status,
      retryAfterMs: error.retryAfterMs,
      description: error.errorMessage,
    };
  }
  if (error instanceof ServerError) {
    const description = serverDescription(error.errorMessage);
    const errorNo = error.errorNo !== undefined && error.errorNo !== null ? String(error.errorNo) : undefined;
    const code = errorNo ? `AADSTS${errorNo}` : (/AADSTS\d+/.exec(description)?.[0] ?? TokenErrorCodes.rejected);
    return {
      retryable: false,
      code,
      error: error.errorCode || undefined,
      status: error.status,
      correlationId: error.correlationId || undefined,
      description,
    };
  }
  if (error instanceof AuthError && METADATA_ERRORS.has(error.errorCode)) {
    const transient = lastMetadataFailure?.transient ?? false;
    const reason = lastMetadataFailure
      ? `${lastMetadataFailure.url}: ${lastMetadataFailure.reason}`
      : error.errorMessage;
    return {
      retryable: transient,
      code: transient ? TokenErrorCodes.unavailable : TokenErrorCodes.authorityNotFound,
      description: transient
        ? `the authority's OpenID configuration could not be fetched (${reason})`
        : `the authority's OpenID configuration was not found (${reason}); check the authority URL and its tenant`,
    };
  }
  if (error instanceof AuthError && error.errorCode === 'network_error') {
    return { retryable: true, code: TokenErrorCodes.unavailable, description: error.errorMessage };
  }
  if (error instanceof AuthError) {
    const configuration = error.name === 'ClientConfigurationError';
    return {
      retryable: false,
      code: configuration ? TokenErrorCodes.invalidConfiguration : TokenErrorCodes.rejected,
      error: error.errorCode || undefined,
      correlationId: error.correlationId || undefined,
      description: `${error.errorCode}: ${error.errorMessage}`,
    };
  }
  return {
    retryable: false,
    code: TokenErrorCodes.rejected,
    description: error instanceof Error ? error.message : String(error),
  };
}

// msal formats "Error(s): 7000215 - Timestamp: ... - Description: AADSTS7000215: ...\r\nTrace ID: ... - Correlation ID: ...".
function serverDescription(message: string): string {
  const description = /Description: ([\s\S]*?)(?: - Correlation ID:|$)/.exec(message)?.[1] ?? message;
  return description.split(/\r?\n/)[0].trim();
}
