import type { PolicyHttpClient, PolicyHttpResponse } from '../services/policy-http-client';
import { PolicyHttpError } from '../services/policy-http-client';
import type { OutgoingMessage } from './outgoing-request';

/**
 * Sends `message` and waits at most `timeoutMs` for the whole answer, whatever the client does with
 * its own timeout: on expiry the call is aborted and the promise rejects with a `Timeout` PolicyHttpError.
 */
export async function sendWithTimeout(
  http: PolicyHttpClient,
  message: OutgoingMessage,
  timeoutMs: number,
): Promise<PolicyHttpResponse> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new PolicyHttpError('Timeout', `no answer within ${timeoutMs} ms`);
      abort.abort(error);
      reject(error);
    }, timeoutMs);
    timer.unref?.();
  });
  try {
    return await Promise.race([http.send({ ...message, timeoutMs, signal: abort.signal }), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** APIM's LastError.Reason for a failed call: `Timeout`, else `BackendConnectionFailure`. */
export function failureKind(error: unknown): 'Timeout' | 'BackendConnectionFailure' {
  return error instanceof PolicyHttpError ? error.kind : 'BackendConnectionFailure';
}
