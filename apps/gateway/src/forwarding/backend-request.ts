import { PassThrough, Readable } from 'node:stream';
import type { GatewayContext } from '@stack/apim-policy';
import { withoutHopByHop } from '@stack/gateway-adapters';

/** What goes to the backend besides method and URL. */
export interface BackendRequest {
  readonly headers: Record<string, string | string[]>;
  readonly body?: Readable | Buffer | string;
  /** True when the client's own body stream failed (it broke off its upload). */
  readonly clientBodyFailed: () => boolean;
  /** After a failed forward: reads and drops what the client still sends, so it can finish and get the error. */
  readonly discardUnsentBody: () => void;
}

/**
 * Headers and body for the backend: end-to-end headers as the client sent them (Authorization
 * included), hop-by-hop ones and Host removed, X-Forwarded-For/-Proto/-Host added. A stream body
 * is passed on as it arrives, never buffered.
 */
export function backendRequest(context: GatewayContext): BackendRequest {
  const { request } = context;
  const headers = withoutHopByHop(request.headers);
  headers.delete('host'); // undici sets the backend's
  headers.delete('expect'); // Node already answered `100-continue`; undici cannot send Expect

  const forwardedFor = request.headers.joined('x-forwarded-for');
  headers.set('X-Forwarded-For', [forwardedFor ? `${forwardedFor}, ${request.ipAddress}` : request.ipAddress]);
  headers.set('X-Forwarded-Proto', [request.originalUrl.protocol.replace(/:$/, '')]);
  headers.set('X-Forwarded-Host', [request.originalUrl.host]);

  const body = requestBody(context);
  // undici counts bytes itself, and a policy that replaced the body made the client's length stale.
  if (!(body instanceof Readable)) headers.delete('content-length');
  if (!(body instanceof Readable))
    return { headers: headers.toWireRecord(), body, clientBodyFailed: () => false, discardUnsentBody: () => undefined };

  const shielded = shield(body);
  return {
    headers: headers.toWireRecord(),
    body: shielded.stream,
    clientBodyFailed: shielded.failed,
    discardUnsentBody: () => {
      body.unpipe(shielded.stream);
      body.resume();
    },
  };
}

function requestBody(context: GatewayContext): Readable | Buffer | string | undefined {
  const { method, body, headers } = context.request;
  const upper = method.toUpperCase();
  if (upper === 'GET' || upper === 'HEAD' || body === undefined) return undefined;
  if (!(body instanceof Readable)) return body;
  // HTTP framing: a request with neither header has no body; a chunked empty one would confuse backends.
  const length = headers.joined('content-length');
  if (!headers.has('transfer-encoding') && (length === undefined || length.trim() === '0')) return undefined;
  return body;
}

/**
 * undici gets a pass-through, not the client's stream: undici destroys its body stream with the
 * backend's error, which must neither look like a client failure nor tear down the client's request.
 */
function shield(source: Readable): { stream: PassThrough; failed: () => boolean } {
  const stream = new PassThrough();
  let failed = false;
  source.on('error', (error) => {
    failed = true;
    stream.destroy(error);
  });
  source.on('aborted', () => {
    failed = true;
  });
  source.pipe(stream);
  return { stream, failed: () => failed };
}
