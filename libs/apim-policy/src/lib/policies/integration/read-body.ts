import { Readable } from 'node:stream';
import type { Body } from '../../context/gateway-context';
import { PolicyFailure } from '../policy-step';

/** The most a policy holds of a message body it copies or caches (the pipeline's own bound for expressions). */
export const MAX_POLICY_BODY_BYTES = 4 * 1024 * 1024;

/**
 * The bytes of `body`, reading a stream into memory (at most `maxBytes`, else APIM's 413 for a request
 * or a 502 for a response). Callers put the bytes back on the message, since the stream is consumed.
 */
export async function bodyBytes(
  body: Body,
  side: 'request' | 'response',
  source: string,
  maxBytes = MAX_POLICY_BODY_BYTES,
): Promise<Buffer | undefined> {
  if (body === undefined) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as Readable) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > maxBytes) {
      body.destroy();
      throw side === 'request'
        ? new PolicyFailure(
            413,
            'Request Entity Too Large',
            source,
            'RequestBodyTooLarge',
            {},
            {
              cause: `<${source}> holds at most ${maxBytes} bytes of a request body`,
            },
          )
        : new PolicyFailure(
            502,
            'Bad Gateway',
            source,
            'ResponseBodyTooLarge',
            {},
            {
              cause: `<${source}> holds at most ${maxBytes} bytes of a response body`,
            },
          );
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, size);
}

/**
 * The whole body as bytes when it is at most `maxBytes`; otherwise a stream that still yields all of it
 * (what was read, then the rest), so a caller that only wanted a copy (cache-store) never breaks the answer.
 */
export async function bytesIfSmall(
  body: Body,
  maxBytes = MAX_POLICY_BODY_BYTES,
): Promise<Buffer | Readable | undefined> {
  if (!(body instanceof Readable)) {
    const bytes = await bodyBytes(body, 'response', 'cache-store', Number.MAX_SAFE_INTEGER);
    return bytes !== undefined && bytes.length > maxBytes ? Readable.from([bytes]) : bytes;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const iterator = body[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return Buffer.concat(chunks, size);
    const bytes = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    chunks.push(bytes);
    size += bytes.length;
    if (size > maxBytes) return Readable.from(rest(chunks, iterator));
  }
}

async function* rest(read: readonly Buffer[], iterator: AsyncIterator<Buffer | string>): AsyncGenerator<Buffer> {
  yield* read;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return;
    yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
  }
}
