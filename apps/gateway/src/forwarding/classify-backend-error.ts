import { BackendFailure } from './backend-failure';

/** The timeouts a failure message quotes. */
export interface ForwardTimeouts {
  readonly connectTimeoutMs: number;
  readonly responseHeadersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_DESTROYED']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EHOSTDOWN', 'ENETDOWN']);

/** Turns an undici/net error from a forward to `target` into a {@link BackendFailure}. */
export function classifyBackendError(error: unknown, target: URL, timeouts: ForwardTimeouts): BackendFailure {
  // Only the origin goes into the message: paths and queries may carry secrets.
  const backend = target.origin;
  const code = errorCode(error);
  const bad = (message: string) =>
    new BackendFailure(502, 'BackendConnectionFailure', `Bad gateway: ${message}`, error);
  const late = (message: string) => new BackendFailure(504, 'BackendTimeout', `Gateway timeout: ${message}`, error);

  if (code === 'UND_ERR_CONNECT_TIMEOUT')
    return late(`could not connect to the backend ${backend} within ${timeouts.connectTimeoutMs} ms.`);
  if (code === 'UND_ERR_HEADERS_TIMEOUT')
    return late(`the backend ${backend} did not answer within ${timeouts.responseHeadersTimeoutMs} ms.`);
  if (code === 'UND_ERR_BODY_TIMEOUT')
    return late(`the backend ${backend} stopped sending its response for ${timeouts.bodyTimeoutMs} ms.`);
  if (code === 'ECONNREFUSED') return bad(`the backend ${backend} refused the connection. Is it running?`);
  if (code && DNS_CODES.has(code))
    return bad(
      `the backend host ${target.hostname} could not be resolved (${code}). Check the backend URL (the API's serviceUrl or set-backend-service).`,
    );
  if (code && RESET_CODES.has(code))
    return bad(`the backend ${backend} closed the connection before sending a response (${code}).`);
  if (code && UNREACHABLE_CODES.has(code)) return bad(`the backend ${backend} is unreachable (${code}).`);
  if (code && (code.startsWith('ERR_TLS') || code.includes('CERT')))
    return bad(`the TLS handshake with the backend ${backend} failed (${code}).`);
  if (code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_NOT_SUPPORTED')
    return bad(`the gateway could not send this request to the backend ${backend}: ${(error as Error).message}.`);
  return bad(`the request to the backend ${backend} failed (${code ?? describe(error)}).`);
}

/** `code` of the error, of the first of an AggregateError's errors (Happy Eyeballs), or of its cause. */
function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, errors, cause } = error as { code?: unknown; errors?: unknown[]; cause?: unknown };
  if (typeof code === 'string') return code;
  return errorCode(errors?.[0]) ?? errorCode(cause);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
