/** Sends one GET with undici, bounded by a timeout, and keeps what the judge needs. */
import { request } from 'undici';
import { MAX_BODY_CHARS, type TargetResponse, type WireRequest } from './target-response';

export async function sendRequest(wire: WireRequest, timeoutMs: number): Promise<TargetResponse> {
  // A flat [name, value, name, value] list: a header given twice is sent twice.
  const headers = wire.headers.flatMap(([name, value]) => [name, value]);
  const response = await request(wire.url, {
    method: 'GET',
    headers,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = await readBounded(response.body);
  return { status: response.statusCode, headers: response.headers, body };
}

async function readBounded(body: AsyncIterable<Buffer | string>): Promise<string> {
  let text = '';
  for await (const chunk of body) {
    if (text.length < MAX_BODY_CHARS) text += chunk.toString();
  }
  return text.slice(0, MAX_BODY_CHARS);
}
