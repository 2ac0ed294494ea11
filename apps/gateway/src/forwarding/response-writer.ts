import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { type ResponseState, toWireText, wireReasonPhrase } from '@stack/apim-policy';
import { withoutHopByHop } from '@stack/gateway-adapters';

/**
 * Writes `response` to the client: status (and reason), headers without hop-by-hop ones, and the
 * body (a stream is piped, bytes are sent with their own Content-Length; nothing for HEAD, 204 and 304).
 * Resolves once the response is done, also when it could not be completed: if the backend dies
 * mid-body the client's socket is destroyed (so the client sees a truncated response, not a
 * complete wrong one), and if the client goes away the backend body is destroyed so its connection
 * is freed. Rejects only when a header is invalid, before anything is written.
 */
export async function writeResponse(response: ResponseState, method: string, res: ServerResponse): Promise<void> {
  const { statusCode, body } = response;
  const headers = withoutHopByHop(response.headers);
  const bodyAllowed = statusCode !== 204 && statusCode !== 304 && statusCode >= 200;
  const sendsBody = bodyAllowed && method.toUpperCase() !== 'HEAD';

  // Keep framing right when a policy replaced or removed the backend's body.
  if (bodyAllowed && (typeof body === 'string' || Buffer.isBuffer(body)))
    headers.set('Content-Length', [String(Buffer.byteLength(body))]);
  else if (sendsBody && body === undefined) headers.set('Content-Length', ['0']);

  res.statusCode = statusCode;
  const reason = wireReasonPhrase(response.reason);
  if (reason) res.statusMessage = reason;
  for (const [name, values] of headers.toArray()) {
    res.setHeader(name, values.length === 1 ? toWireText(values[0]) : values.map(toWireText));
  }

  if (body instanceof Readable && sendsBody) return pipeBody(body, res);
  if (body instanceof Readable) drain(body);
  res.end(sendsBody && body !== undefined ? body : undefined);
  await finished(res).catch(() => undefined);
}

/**
 * `body.pipe(res)`, destroying the other side on failure: the client socket when the backend dies mid-body, the
 * backend body when the client leaves. Not `stream.pipeline`: it allocates an AbortController and aborts it (a
 * DOMException) on every successful response, about 5 % of the gateway's CPU under load.
 */
function pipeBody(body: Readable, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const settle = () => {
      body.off('error', onBodyError).on('error', () => undefined); // a late error has nobody left to tell
      res.off('close', onClientClose);
      res.off('finish', settle);
      resolve();
    };
    const onBodyError = () => {
      body.unpipe(res);
      res.destroy();
      settle();
    };
    const onClientClose = () => {
      if (!res.writableFinished) body.destroy();
      settle();
    };
    body.on('error', onBodyError);
    res.on('close', onClientClose);
    res.on('finish', settle);
    body.pipe(res);
  });
}

/** Reads an unsent body to its end so its pooled connection can be reused. */
function drain(body: Readable): void {
  body.on('error', () => undefined);
  body.resume();
}
