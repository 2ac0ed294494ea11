import { Readable } from 'node:stream';
import type { Body } from '../../../context/gateway-context';

/**
 * The body's bytes, reading a stream at most `limit + 1` bytes far; `complete` is false when it is longer than
 * `limit`. A read stream is replaced by what was read (plus the unread rest), so the message still carries it.
 */
export async function readBodyBounded(
  body: Body,
  limit: number,
): Promise<{ bytes: Buffer; complete: boolean; body: Body }> {
  if (body === undefined) return { bytes: Buffer.alloc(0), complete: true, body };
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    return { bytes, complete: bytes.length <= limit, body };
  }
  const chunks: Buffer[] = [];
  let length = 0;
  const iterator = body[Symbol.asyncIterator]();
  while (length <= limit) {
    const next = await iterator.next();
    if (next.done) {
      const bytes = Buffer.concat(chunks);
      return { bytes, complete: true, body: bytes };
    }
    const chunk = Buffer.from(next.value as Buffer);
    chunks.push(chunk);
    length += chunk.length;
  }
  const read = Buffer.concat(chunks);
  // Too long to validate: hand the message on with what was read followed by the rest of the stream.
  const rest = Readable.from(
    (async function* () {
      yield read;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value as Buffer;
      }
    })(),
  );
  return { bytes: read, complete: false, body: rest };
}
